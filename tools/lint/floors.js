/**
 * The house rules of DESIGN.md §8 as an ESLint rule: which folder of src/ may import which.
 * Floors go one way; each folder lists the floors below it that it may reach, and anything else
 * (a folder above it, a sibling it should reach by message, tools/ or tests/) is an error.
 * Vite's import.meta.glob patterns (a folder of modules gathered, such as overlay/paint/layers/)
 * are imports too. Package imports are not this rule's business (core's no-browser rule is
 * no-restricted-globals).
 */
import path from 'node:path';

/** Folder of src/ → the folders it may import. Vocabulary sits lowest; entrypoints may import anything. */
export const FLOORS = {
  // Pure TypeScript and the shared vocabulary (types, exchange ids): reaches nothing outside itself.
  core: [],
  // Each exchange's description and formats, and the registry.
  exchanges: ['core'],
  // Every message shape: only the vocabulary it describes.
  messaging: ['core', 'exchanges'],
  wording: ['core', 'exchanges', 'messaging'],
  settings: ['core', 'exchanges', 'messaging'],
  store: ['core', 'exchanges', 'messaging'],
  analysis: ['core', 'exchanges', 'messaging'],
  market: ['core', 'exchanges', 'messaging', 'settings', 'store'],
  // The page: it reaches the background and the market only by message.
  site: ['core', 'exchanges', 'messaging'],
  overlay: ['core', 'exchanges', 'messaging', 'wording', 'settings'],
  bridge: ['core', 'exchanges', 'messaging', 'overlay', 'site'],
  content: ['core', 'exchanges', 'messaging', 'wording', 'settings', 'site', 'overlay', 'bridge'],
  // The popup and the options page reach the background only by storage and message.
  popup: ['core', 'exchanges', 'messaging', 'wording', 'settings'],
  options: ['core', 'exchanges', 'messaging', 'wording', 'settings'],
  background: ['core', 'exchanges', 'messaging', 'wording', 'settings', 'store', 'analysis', 'market'],
  // Node: core, market, exchanges (and the vocabulary they speak), never the background.
  cli: ['core', 'exchanges', 'messaging', 'wording', 'settings', 'store', 'market'],
};

/** Throws if the floors allow a loop (a folder reaching, through others, back to itself). */
export function assertFloorsAcyclic(floors = FLOORS) {
  const state = new Map();
  const visit = (folder, trail) => {
    if (state.get(folder) === 'done') return;
    if (state.get(folder) === 'open') throw new Error(`floors loop: ${[...trail, folder].join(' → ')}`);
    state.set(folder, 'open');
    for (const below of floors[folder] ?? []) visit(below, [...trail, folder]);
    state.set(folder, 'done');
  };
  for (const folder of Object.keys(floors)) visit(folder, []);
}
assertFloorsAcyclic();

const root = path.resolve(import.meta.dirname, '../..');
const src = path.join(root, 'src');

/** `core` for src/core/x.ts; null outside src/. */
function floorOf(file) {
  const rel = path.relative(src, file);
  if (rel.startsWith('..') || path.isAbsolute(rel)) return null;
  const [first, ...rest] = rel.split(path.sep);
  return rest.length > 0 ? first : null;
}

const rule = {
  meta: {
    type: 'problem',
    docs: { description: 'DESIGN.md §8: imports between src/ folders go down the floors only' },
    schema: [],
    messages: {
      up: 'src/{{from}} may not import src/{{to}} (DESIGN.md §8; tools/lint/floors.js lists what each folder may reach: {{allowed}})',
      outside: 'src/{{from}} may not import {{to}}: product code does not reach tools/, tests/ or entrypoints/',
      unknown: 'src/{{from}} has no floor: add it to FLOORS in tools/lint/floors.js',
    },
  },
  create(context) {
    const from = floorOf(context.filename);
    if (from === null) return {};
    const allowed = FLOORS[from];
    const checkSource = (node) => {
      const spec = node?.type === 'Literal' ? node.value : null;
      if (typeof spec !== 'string' || !spec.startsWith('.')) return;
      if (!allowed) return context.report({ node, messageId: 'unknown', data: { from } });
      const target = path.resolve(path.dirname(context.filename), spec);
      const to = floorOf(target);
      if (to === null) {
        const rel = path.relative(root, target);
        if (!path.relative(src, target).startsWith('..')) return; // a file directly in src/ (none today)
        return context.report({ node, messageId: 'outside', data: { from, to: rel } });
      }
      if (to === from || allowed.includes(to)) return;
      context.report({ node, messageId: 'up', data: { from, to, allowed: allowed.join(', ') || 'nothing' } });
    };
    return {
      ImportDeclaration: (node) => checkSource(node.source),
      ExportNamedDeclaration: (node) => checkSource(node.source),
      ExportAllDeclaration: (node) => checkSource(node.source),
      ImportExpression: (node) => checkSource(node.source),
      // import.meta.glob('./layers/*.ts'): each pattern that gathers modules (a '!' one only leaves some out).
      CallExpression: (node) => {
        const { callee } = node;
        if (callee.type !== 'MemberExpression' || callee.object.type !== 'MetaProperty' || callee.property.name !== 'glob') return;
        const [first] = node.arguments;
        for (const pattern of first?.type === 'ArrayExpression' ? first.elements : [first]) {
          if (pattern?.type === 'Literal' && typeof pattern.value === 'string' && !pattern.value.startsWith('!')) checkSource(pattern);
        }
      },
    };
  },
};

export default { rules: { floors: rule } };
