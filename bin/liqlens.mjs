#!/usr/bin/env node
// The `liqlens` command: runs the TypeScript CLI through tsx, so no build step is needed after `npm install`.
import { tsImport } from 'tsx/esm/api';

const { main } = await tsImport('../src/cli/main.ts', import.meta.url);
process.exitCode = await main(process.argv.slice(2));
