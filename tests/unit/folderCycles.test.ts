// The folders of src/ import one way: no cycle between them (tools/lint/folderCycles.ts), beside madge's file-level check in `npm run lint`.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { folderCycles, folderGraph, folderOf } from '../../tools/lint/folderCycles';

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

  it('draws the folders a Vite glob gathers modules from as imports ("!" patterns leave some out)', () => {
    const src = mkdtempSync(join(tmpdir(), 'folders-'));
    try {
      for (const dir of ['a', 'b/layers', 'c']) mkdirSync(join(src, dir), { recursive: true });
      writeFileSync(join(src, 'a/registry.ts'), "export const m = import.meta.glob<{ x: number }>(['../b/layers/*.ts', '!../c/*.ts'], { eager: true });");
      writeFileSync(join(src, 'b/layers/one.ts'), "import { y } from '../../a/registry';");
      writeFileSync(join(src, 'c/two.ts'), 'export const z = 1;');
      const graph = folderGraph(src);
      expect([...graph.get('src/a')!]).toEqual(['src/b']);
      expect(folderCycles(graph)).toEqual([['src/a', 'src/b']]);
    } finally {
      rmSync(src, { recursive: true, force: true });
    }
  });

  it('src/ has none: its folders import one way', () => {
    const graph = folderGraph(SRC);
    expect(graph.get('src/exchanges')).toContain('src/exchanges/binance');
    expect(folderCycles(graph)).toEqual([]);
  });
});
