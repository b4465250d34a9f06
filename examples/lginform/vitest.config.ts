import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'lginform',
    include: ['test/**/*.test.ts'],
    // The pipeline tests start PostgreSQL and the S3 emulators (installed
    // into a venv on first use), and spawn the CLI as a child process.
    testTimeout: 60_000,
    hookTimeout: 180_000,
  },
});
