import { defineProject } from 'vitest/config';

export default defineProject({ test: { name: 'lginform', include: ['test/**/*.test.ts'] } });
