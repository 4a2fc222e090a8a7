// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['dist/', 'build/', 'node_modules/', 'web-ext-artifacts/', 'artifacts/', 'bench-results/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // The pure core runs in Node and in every page: no DOM, no browser API, no UI library.
    files: ['src/core/**/*.ts', 'src/dataset/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['webextension-polyfill', 'preact', 'preact/*', '**/content/**', '**/ui/**', '**/background/**', '**/platform/**'], message: 'The core stays free of browser and UI code.' },
        ],
      }],
      'no-restricted-globals': ['error', 'document', 'window', 'navigator', 'chrome', 'browser', 'localStorage', 'fetch'],
    },
  },
);
