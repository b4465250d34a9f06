/**
 * Bundles the pipeline with esbuild into single ES modules for Node.js 24:
 * dist/cli.mjs for the container and the Airflow host, and
 * dist/lambda/index.mjs when the repository has a Lambda handler. The kit
 * ships TypeScript sources, which Node.js will not run from node_modules; a
 * bundle needs no node_modules at all.
 */
import { build } from 'esbuild';
import { existsSync } from 'node:fs';

const entryPoints = [{ in: 'src/cli.ts', out: 'cli' }];
if (existsSync('lambda/handler.ts')) entryPoints.push({ in: 'lambda/handler.ts', out: 'lambda/index' });

await build({
  entryPoints,
  outdir: 'dist',
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  target: 'node24',
  format: 'esm',
  sourcemap: true,
  logLevel: 'info',
  // Some dependencies are CommonJS and call require(); an ES module has none, so give the bundle one.
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
});
