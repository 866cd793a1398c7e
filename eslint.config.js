import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import floors from './tools/lint/floors.js';

export default tseslint.config(
  { ignores: ['.output/**', '.wxt/**', 'node_modules/**', 'demo-output/**', 'test-results/**', 'playwright-report/**', '.bench/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        console: 'readonly', process: 'readonly', window: 'readonly', document: 'readonly',
        setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly',
        URL: 'readonly', fetch: 'readonly', performance: 'readonly', requestAnimationFrame: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-properties': ['error',
        { property: 'innerHTML', message: 'Never insert HTML: build DOM nodes or use Preact.' },
        { property: 'outerHTML', message: 'Never insert HTML: build DOM nodes or use Preact.' }],
    },
  },
  {
    // src/core is pure: it runs in Node, in a Worker and in tests alike.
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-globals': ['error', 'chrome', 'browser', 'window', 'document', 'fetch', 'indexedDB', 'localStorage'],
    },
  },
  {
    // DESIGN.md §8: which folder of src/ may import which (the table is tools/lint/floors.js).
    files: ['src/**/*.{ts,tsx}'],
    plugins: { liqlens: floors },
    rules: { 'liqlens/floors': 'error' },
  },
);
