import { defineConfig } from 'vitest/config';

/**
 * One test run for the whole repository: the site's checks, the end-to-end
 * and accessibility tests against the built site, and every example.
 */
export default defineConfig({
  test: {
    reporters: ['default', './tests/summary-reporter.ts'],
    projects: [
      'examples/*/vitest.config.ts',
      'tools/*/vitest.config.ts',
      {
        test: {
          name: 'site',
          include: ['tests/site/**/*.test.ts'],
          testTimeout: 180_000,
          hookTimeout: 180_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
