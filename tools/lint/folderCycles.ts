/**
 * The import graph of src/ drawn between folders, and its cycles: the folder-level check beside
 * `madge --circular` (which sees files only). A folder is src/<name>, except that each exchange's
 * folder under src/exchanges/ is its own (src/exchanges/binance, …), so the registry importing an
 * exchange that imports the registry back shows as the cycle it is.
 * `npx tsx tools/lint/folderCycles.ts` prints the cycles and fails on one; tests/unit/folderCycles.test.ts runs it in `npm test`.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

/** Folders split one level further, each subfolder a node of its own. */
const SPLIT = new Set(['exchanges']);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

/** `src/exchanges/okx` for src/exchanges/okx/rest.ts; `src/core` for src/core/smc/engine.ts; `src/exchanges` for its own files. */
export function folderOf(file: string, srcDir: string): string {
  const parts = relative(srcDir, file).split(/[\\/]/);
  const top = parts[0]!;
  if (parts.length === 1) return 'src';
  return SPLIT.has(top) && parts.length > 2 ? `src/${top}/${parts[1]}` : `src/${top}`;
}

function resolveImport(from: string, specifier: string): string | null {
  if (!specifier.startsWith('.')) return null;
  const base = resolve(dirname(from), specifier);
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts'), join(base, 'index.tsx')]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return null;
}

/**
 * Where a file's import.meta.glob patterns gather modules (Vite, e.g. overlay/paint/layers/*.ts):
 * a file standing for the folder each pattern's fixed part names ('!' patterns only leave some out).
 */
function globTargets(file: string, text: string): string[] {
  const targets: string[] = [];
  for (const [, args] of text.matchAll(/import\.meta\.glob\s*(?:<[^>]*>)?\s*\(\s*(\[[^\]]*\]|'[^']*'|"[^"]*")/g)) {
    for (const [, pattern] of args!.matchAll(/['"]([^'"]+)['"]/g)) {
      if (!pattern!.startsWith('.')) continue;
      const parts = pattern!.split('/');
      const fixed = parts.slice(0, Math.max(1, parts.findIndex((p) => /[*?{[]/.test(p))));
      targets.push(join(resolve(dirname(file), ...fixed), '(glob)'));
    }
  }
  return targets;
}

/** Folder → the folders its files import (type-only imports and Vite's globs included: they tie the folders as much). */
export function folderGraph(srcDir: string): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const file of sourceFiles(srcDir)) {
    const from = folderOf(file, srcDir);
    const edges = graph.get(from) ?? graph.set(from, new Set()).get(from)!;
    const text = readFileSync(file, 'utf8');
    const imported = ts.preProcessFile(text, true, true).importedFiles.map(({ fileName }) => resolveImport(file, fileName));
    for (const target of [...imported, ...globTargets(file, text)]) {
      if (!target || relative(srcDir, target).startsWith('..')) continue;
      const to = folderOf(target, srcDir);
      if (to !== from) edges.add(to);
    }
  }
  return graph;
}

/** Each strongly connected set of more than one folder (Tarjan), sorted: empty where the floors go one way. */
export function folderCycles(graph: ReadonlyMap<string, ReadonlySet<string>>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (node: string): void => {
    index.set(node, next);
    low.set(node, next++);
    stack.push(node);
    onStack.add(node);
    for (const to of graph.get(node) ?? []) {
      if (!index.has(to)) {
        visit(to);
        low.set(node, Math.min(low.get(node)!, low.get(to)!));
      } else if (onStack.has(to)) low.set(node, Math.min(low.get(node)!, index.get(to)!));
    }
    if (low.get(node) !== index.get(node)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(member);
    } while (member !== node);
    if (component.length > 1) cycles.push(component.sort());
  };
  for (const node of [...graph.keys()].sort()) if (!index.has(node)) visit(node);
  return cycles;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const src = resolve(dirname(fileURLToPath(import.meta.url)), '../../src');
  const cycles = folderCycles(folderGraph(src));
  for (const cycle of cycles) console.error(`folder cycle: ${cycle.join(' ⇄ ')}`);
  if (cycles.length > 0) process.exit(1);
  console.log('folder imports of src/ go one way');
}
