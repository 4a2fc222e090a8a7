// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['dist/', 'dist-bench/', 'build/', 'node_modules/', 'web-ext-artifacts/', 'artifacts/', 'bench-results/'] },
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
  {
    // Dataset and page text are never parsed as HTML (issue #2: safe by construction).
    files: ['src/**/*.ts', 'src/**/*.tsx'],
    rules: {
      'no-restricted-syntax': ['error',
        { selector: "MemberExpression[property.name=/^(innerHTML|outerHTML)$/]", message: 'No HTML parsing: build nodes or use textContent.' },
        { selector: "CallExpression[callee.property.name='insertAdjacentHTML']", message: 'No HTML parsing: build nodes.' },
        { selector: "CallExpression[callee.object.name='document'][callee.property.name=/^write(ln)?$/]", message: 'No document.write.' },
        { selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']", message: 'No HTML parsing: render text.' },
      ],
    },
  },
  {
    // src/platform/browser.ts is the one module that imports webextension-polyfill.
    files: ['src/**/*.ts', 'src/**/*.tsx'],
    ignores: ['src/platform/**', 'src/core/**', 'src/dataset/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'webextension-polyfill', message: 'Import from src/platform/browser.ts.' }] }],
    },
  },
);
