import { defineConfig } from 'vitest/config';

// Vitest only: the extension itself is built by scripts/build.ts through Vite's JS API.
export default defineConfig({
  test: {
    testTimeout: 20_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
          exclude: ['test/e2e/**', '**/node_modules/**'],
          setupFiles: ['test/unit/fast-check-setup.ts'],
        },
      },
      {
        // Real Chromium and Firefox driving the built extension; the global setup builds it once.
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          globalSetup: ['test/e2e/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
