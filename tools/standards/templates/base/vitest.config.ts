import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The kit ships TypeScript sources, which Node.js will not load from
    // node_modules: Vitest must transform them like our own files. It does so
    // by default for a file Node.js cannot load; naming the kit keeps it so.
    server: { deps: { inline: [/@rbk-lbs\/kit/] } },
  },
});
