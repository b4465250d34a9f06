/**
 * Bundles the Lambda handler with esbuild into one ES module for Node.js 24:
 *
 *   npm run build:lambda -w @rbk-lbs/example-lginform   # writes .data/lambda/
 *   cd examples/lginform/.data/lambda && zip -q -r extract-and-land.zip .
 *
 * The output goes under .data/, which git and the linters ignore.
 *
 * The AWS SDK is bundled, not left to the runtime's copy: the function then
 * runs the SDK version the lock file pins and the tests ran, not whatever
 * version the nodejs24.x runtime has that week. Tree-shaking and minifying
 * keep the cost in size and cold start small (the test measures both).
 */
import { build, type Metafile } from 'esbuild';
import { copyFile, mkdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const LAMBDA_DIR = path.dirname(fileURLToPath(import.meta.url));
export const DEFAULT_OUTDIR = path.join(LAMBDA_DIR, '..', '.data', 'lambda');

export type LambdaBundle = { file: string; bytes: number; metafile: Metafile };

// #region lambda-bundle
export async function buildLambda(outdir: string = DEFAULT_OUTDIR): Promise<LambdaBundle> {
  await rm(outdir, { recursive: true, force: true });
  await mkdir(outdir, { recursive: true });
  const file = path.join(outdir, 'index.mjs');
  const result = await build({
    entryPoints: [path.join(LAMBDA_DIR, 'handler.ts')],
    outfile: file,
    bundle: true,
    platform: 'node',
    target: 'node24',
    format: 'esm',
    minify: true,
    sourcemap: true,
    sourcesContent: false, // the map points at the repository's files; keep the zip small
    metafile: true,
    legalComments: 'linked',
    logLevel: 'warning',
    // Some dependencies are CommonJS and call require() for Node's built-ins;
    // an ES module has no require, so give the bundle one.
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  });
  // The datasets file is configuration, read at run time: ship it beside the code.
  await copyFile(path.join(LAMBDA_DIR, '..', 'datasets.json'), path.join(outdir, 'datasets.json'));
  return { file, bytes: (await stat(file)).size, metafile: result.metafile };
}
// #endregion lambda-bundle

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const bundle = await buildLambda(process.argv[2] ? path.resolve(process.argv[2]) : DEFAULT_OUTDIR);
  console.log(`Wrote ${path.relative(process.cwd(), bundle.file)} (${(bundle.bytes / 1024).toFixed(0)} KB).`);
}
