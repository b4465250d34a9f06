import { fileURLToPath } from 'node:url';
import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'standards',
    // This folder, so `--config tools/standards/vitest.config.ts` from the repository root finds the tests too.
    root: fileURLToPath(new URL('.', import.meta.url)),
    include: ['test/**/*.test.ts'],
    // The CLI tests spawn tsx, which takes a second or two to start.
    testTimeout: 30_000,
  },
});
