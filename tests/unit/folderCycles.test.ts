// The folders of src/ import one way: no cycle between them (tools/lint/folderCycles.ts), beside madge's file-level check in `npm run lint`.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileGraph, folderCycles, folderGraph, folderOf } from '../../tools/lint/folderCycles';

const SRC = resolve(import.meta.dirname, '../../src');

describe('folder-level import graph', () => {
  it('names each exchange folder on its own and every other folder of src/ as one', () => {
    expect(folderOf(resolve(SRC, 'exchanges/okx/rest.ts'), SRC)).toBe('src/exchanges/okx');
    expect(folderOf(resolve(SRC, 'exchanges/index.ts'), SRC)).toBe('src/exchanges');
    expect(folderOf(resolve(SRC, 'core/smc/engine.ts'), SRC)).toBe('src/core');
  });

  it('finds a cycle where there is one', () => {
    const graph = new Map([['a', new Set(['b'])], ['b', new Set(['c'])], ['c', new Set(['a'])], ['d', new Set(['a'])]]);
    expect(folderCycles(graph)).toEqual([['a', 'b', 'c']]);
    expect(folderCycles(new Map([['a', new Set(['b'])], ['b', new Set<string>()]]))).toEqual([]);
  });

  it('draws the files a Vite glob gathers as imports ("!" patterns leave some out), which madge does not see', () => {
    const src = mkdtempSync(join(tmpdir(), 'folders-'));
    try {
      for (const dir of ['a/layers', 'b/layers']) mkdirSync(join(src, dir), { recursive: true });
      // a/registry.ts gathers a/layers/ but its draft, and b/layers/; a/layers/one.ts imports the registry back.
      writeFileSync(join(src, 'a/registry.ts'), "export const m = import.meta.glob<{ x: number }>(['./layers/*.ts', '!./layers/draft.ts', '../b/layers/*.ts'], { eager: true });");
      writeFileSync(join(src, 'a/layers/one.ts'), "import { m } from '../registry';\nexport const x = m;");
      writeFileSync(join(src, 'a/layers/draft.ts'), 'export const x = 0;');
      writeFileSync(join(src, 'b/layers/two.ts'), 'export const x = 2;');
      const files = fileGraph(src);
      expect([...files.get(join(src, 'a/registry.ts'))!].sort()).toEqual([join(src, 'a/layers/one.ts'), join(src, 'b/layers/two.ts')]);
      expect(folderCycles(files)).toEqual([[join(src, 'a/layers/one.ts'), join(src, 'a/registry.ts')]]);
      expect([...folderGraph(src).get('src/a')!]).toEqual(['src/b']);
    } finally {
      rmSync(src, { recursive: true, force: true });
    }
  });

  it('src/ has none: its folders import one way', () => {
    const graph = folderGraph(SRC);
    expect(graph.get('src/exchanges')).toContain('src/exchanges/binance');
    expect(folderCycles(graph)).toEqual([]);
  });

  it("src/ has none among its files either, the globs' edges included (madge checks the rest in npm run lint)", () => {
    const graph = fileGraph(SRC);
    expect(graph.get(resolve(SRC, 'overlay/paint/registry.ts'))).toContain(resolve(SRC, 'overlay/paint/layers/heatmap.ts'));
    expect(folderCycles(graph)).toEqual([]);
  });
});
