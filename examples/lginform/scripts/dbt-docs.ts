/**
 * Writes the dbt docs site of the lginform example to a folder:
 *
 *   npx tsx examples/lginform/scripts/dbt-docs.ts build/dbt/lginform
 *
 * Then serve the folder (e.g. `npx serve-handler`, or publish it with the
 * standards site) and open index.html for the models and the lineage graph.
 * DATABASE_URL, if set, is documented as it is; otherwise a throwaway
 * embedded PostgreSQL is used.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { writeDbtDocsSite } from '../src/dbt-docs.ts';

export { writeDbtDocsSite };

async function main(argv: string[]): Promise<number> {
  const [outDir] = argv;
  if (!outDir) {
    process.stderr.write('Usage: tsx examples/lginform/scripts/dbt-docs.ts <output folder>\n');
    return 2;
  }
  const files = await writeDbtDocsSite(outDir, { ...(process.env.DATABASE_URL ? { databaseUrl: process.env.DATABASE_URL } : {}) });
  process.stdout.write(`dbt docs written to ${path.resolve(outDir)}: ${files.map((file) => path.basename(file)).join(', ')}\n`);
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`dbt docs failed: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}
