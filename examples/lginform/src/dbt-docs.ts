/**
 * The dbt docs site (models, columns, tests and the lineage graph) as static
 * files, for the standards site to publish beside its pages. dbt needs the
 * models to exist to describe their columns, so with no database given this
 * starts a throwaway embedded PostgreSQL, creates the raw tables, loads the
 * seeds, builds the models empty (`dbt run --empty`) and documents them.
 */
import { startTestDatabase } from '@rbk-lbs/kit/services/test-services';
import { mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { generateDbtDocs, runDbtOrThrow } from './dbt.ts';
import { ensureRawTables } from './load.ts';
import { ensureToolsVenv, TOOLS_STATE_DIR } from './python-tools.ts';

export type DbtDocsOptions = {
  /** A database whose models are built; unset: a throwaway embedded one. */
  databaseUrl?: string;
  /** Each line of dbt's output; default: none (the docs build is quiet). */
  onLine?: (line: string) => void;
  progress?: (line: string) => void;
};

// #region write-dbt-docs-site
/** Writes index.html, manifest.json and catalog.json to outDir and returns their paths. */
export async function writeDbtDocsSite(outDir: string, options: DbtDocsOptions = {}): Promise<string[]> {
  const venv = await ensureToolsVenv({ ...(options.progress ? { progress: options.progress } : {}) });
  const stateDir = await mkdtemp(path.join(TOOLS_STATE_DIR, 'dbt-docs-'));
  const db = options.databaseUrl ? undefined : await startTestDatabase(path.join(TOOLS_STATE_DIR, 'dbt-docs-postgres'));
  const databaseUrl = options.databaseUrl ?? db!.connectionString;
  const dbtOptions = { databaseUrl, stateDir, onLine: options.onLine ?? (() => undefined) };
  try {
    if (db) {
      const client = new pg.Client({ connectionString: databaseUrl });
      await client.connect();
      await ensureRawTables(client).finally(() => client.end());
      await runDbtOrThrow(['seed'], dbtOptions, venv);
      // Tables with their columns and no rows: enough for the catalog. Tests on no rows would prove nothing.
      await runDbtOrThrow(['run', '--empty'], dbtOptions, venv);
    }
    return await generateDbtDocs({ ...dbtOptions, outDir: path.resolve(outDir) });
  } finally {
    await db?.stop();
    await rm(stateDir, { recursive: true, force: true });
  }
}
// #endregion write-dbt-docs-site
