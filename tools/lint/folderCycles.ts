/**
 * The import graph of src/ drawn between folders, and its cycles: the folder-level check beside
 * `madge --circular` (which sees files only), and the file-level one over the edges madge cannot
 * see (Vite's import.meta.glob, which gathers overlay/paint/layers/). A folder is src/<name>, except that each exchange's
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
 * The files a Vite import.meta.glob call in `text` gathers (e.g. paint/registry.ts's './layers/*.ts'),
 * out of `files`: `*`, `**` and `?` are read; '!' patterns leave files out.
 */
function globImports(file: string, text: string, files: readonly string[]): string[] {
  const found: string[] = [];
  for (const [, args] of text.matchAll(/import\.meta\.glob\s*(?:<[^>]*>)?\s*\(\s*(\[[^\]]*\]|'[^']*'|"[^"]*")/g)) {
    const patterns = [...args!.matchAll(/['"]([^'"]+)['"]/g)].map(([, p]) => p!);
    const matcher = (pattern: string) => {
      if (/[{[]/.test(pattern)) throw new Error(`${file}: the glob ${pattern} uses braces or classes, which folderCycles.ts does not read`);
      const abs = resolve(dirname(file), pattern).split(/[\\/]/).join('/');
      const wild = new Map([['**/', '(?:.*/)?'], ['*', '[^/]*'], ['?', '[^/]']]);
      const re = abs.split(/(\*\*\/|\*|\?)/).map((part) => wild.get(part) ?? part.replace(/[.+^$()|\\]/g, '\\$&')).join('');
      return new RegExp(`^${re}$`);
    };
    const take = patterns.filter((p) => p.startsWith('.')).map(matcher);
    const leave = patterns.filter((p) => p.startsWith('!')).map((p) => matcher(p.slice(1)));
    const path = (f: string) => f.split(/[\\/]/).join('/');
    found.push(...files.filter((f) => take.some((re) => re.test(path(f))) && !leave.some((re) => re.test(path(f)))));
  }
  return found;
}

/**
 * File → the files of src/ it imports: type-only imports included (they tie the files as much),
 * and the files Vite's globs gather, which madge does not see.
 */
export function fileGraph(srcDir: string): Map<string, Set<string>> {
  const files = sourceFiles(srcDir);
  const graph = new Map<string, Set<string>>();
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const imported = ts.preProcessFile(text, true, true).importedFiles.map(({ fileName }) => resolveImport(file, fileName));
    const inSrc = [...imported, ...globImports(file, text, files)].filter((t): t is string => !!t && !relative(srcDir, t).startsWith('..'));
    graph.set(file, new Set(inSrc));
  }
  return graph;
}

/** Folder → the folders its files import (fileGraph's edges, between folders). */
export function folderGraph(srcDir: string): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const [file, targets] of fileGraph(srcDir)) {
    const from = folderOf(file, srcDir);
    const edges = graph.get(from) ?? graph.set(from, new Set()).get(from)!;
    for (const target of targets) {
      const to = folderOf(target, srcDir);
      if (to !== from) edges.add(to);
    }
  }
  return graph;
}

/** Each strongly connected set of more than one node (folder or file) (Tarjan), sorted: empty where imports go one way. */
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
  const cycles = [...folderCycles(folderGraph(src)), ...folderCycles(fileGraph(src)).map((c) => c.map((f) => relative(src, f)))];
  for (const cycle of cycles) console.error(`import cycle: ${cycle.join(' ⇄ ')}`);
  if (cycles.length > 0) process.exit(1);
  console.log('src/ imports one way, between folders and between files');
}
