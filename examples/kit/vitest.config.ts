import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'kit',
    include: ['test/**/*.test.ts'],
    // Integration tests start real services: PostgreSQL, and S3 emulators
    // that are installed into a venv on first use (about 30 s each).
    testTimeout: 60_000,
    hookTimeout: 180_000,
  },
});
