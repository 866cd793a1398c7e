/**
 * Takes out of the extension's bundles the code paths LiqLens never runs and that a store
 * reviewer (or `web-ext lint`) would rightly question:
 * - ccxt's zkLink signing SDK (wasm-bindgen glue that builds functions from strings with the
 *   `Function` constructor; 149 KB; only zkLink-based exchanges' order signing uses it);
 * - ccxt's two `import()` calls of a computed module name (proxy agents and a Go wasm runtime,
 *   both Node-only);
 * - Preact's `dangerouslySetInnerHTML`, the one place it would set HTML: LiqLens never passes
 *   it, and without it no text from a page can ever become HTML through a component.
 * Each replacement must match exactly once: a dependency update that moves the code fails the
 * build instead of quietly putting it back.
 */
import type { Plugin } from 'vite';

interface Edit {
  file: RegExp;
  find: string;
  replace: string;
}

const THROW = (what: string) => `throw new Error(${JSON.stringify(`${what} is not part of LiqLens`)});`;
/** An expression that throws. */
const REFUSE = (what: string) => `(() => { ${THROW(what)} })()`;

const PREACT = /node_modules\/preact\/dist\/preact\.(module\.js|mjs)$/;

const EDITS: readonly Edit[] = [
  {
    file: /node_modules\/ccxt\/js\/src\/base\/Exchange\.js$/,
    find: 'const dynamicImport = async (moduleName) => await import(/* webpackIgnore: true */ /* @vite-ignore */ moduleName);',
    replace: `const dynamicImport = async (moduleName) => ${REFUSE('loading Node modules (proxy agents)')};`,
  },
  {
    file: /node_modules\/ccxt\/js\/src\/base\/Exchange\.js$/,
    find: 'await import(filePathToFileUrlForWindows(wasmExecPath));',
    replace: `${REFUSE('the Go wasm runtime')};`,
  },
  // Preact's ES builds (the browser's and the import condition's): the same minified code.
  { file: PREACT, find: '(u.innerHTML=h.__html)', replace: REFUSE('dangerouslySetInnerHTML') },
  { file: PREACT, find: 'p&&(u.innerHTML="")', replace: 'p&&(u.textContent="")' },
];

/** Modules replaced whole by one that refuses every call. */
const STUBS: readonly { file: RegExp; code: string }[] = [
  {
    file: /node_modules\/ccxt\/js\/src\/static_dependencies\/zklink\/zklink-sdk-web\.js$/,
    code: ['newRpcSignerWithProvider', 'ContractBuilder', 'newContract', 'TransferBuilder', 'newTransfer']
      .map((name) => `export function ${name}() { ${THROW('zkLink signing')} }`)
      .concat(`export default async function init() { ${THROW('zkLink signing')} }`)
      .join('\n'),
  },
];

export function bundleTrim(): Plugin {
  return {
    name: 'liqlens-bundle-trim',
    enforce: 'pre',
    load(id) {
      return STUBS.find((s) => s.file.test(id))?.code ?? null;
    },
    transform(code, id) {
      const edits = EDITS.filter((e) => e.file.test(id));
      if (edits.length === 0) return null;
      let out = code;
      for (const edit of edits) {
        const count = out.split(edit.find).length - 1;
        if (count !== 1) throw new Error(`bundleTrim: expected "${edit.find}" once in ${id}, found it ${count} times (a dependency changed: update tools/build/bundleTrim.ts)`);
        out = out.replace(edit.find, () => edit.replace);
      }
      return { code: out, map: null };
    },
  };
}
