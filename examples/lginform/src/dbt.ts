/**
 * The dbt step: `dbt build` on the project in examples/lginform/dbt against
 * the database the pipeline loaded, from the tools' venv (created on first
 * use). It returns the marts and their row counts for the run's summary, or
 * throws a DbtBuildError naming each model or test that failed.
 *
 *   const { marts } = await runDbtBuild({ databaseUrl, logger });
 */
import { type Logger } from '@rbk-lbs/kit/logger';
import { redactUrl } from '@rbk-lbs/kit/redact';
import { copyFile, mkdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { DBT_PROJECT_DIR, type Env, ensureToolsVenv, runTool, type ToolRun, toolsEnvironment, type ToolsVenv, TOOLS_STATE_DIR } from './python-tools.ts';

/** dbt's build output (compiled SQL, run_results.json, manifest.json) and logs, by default. */
export const DBT_STATE_DIR = path.join(TOOLS_STATE_DIR, 'dbt');

/** DATABASE_URL cannot be read by dbt; this is the URL said another way. */
export class DbtConnectionError extends Error {
  constructor(problem: string) {
    super(`DATABASE_URL ${problem}. Write it as postgres://user:password@host:port/database (percent-encode special characters in the password).`);
    this.name = 'DbtConnectionError';
  }
}

// #region dbt-connection-env
/**
 * The variables profiles.yml reads, from a postgres:// URL. dbt's profile
 * cannot parse a URL itself; the password goes in DBT_ENV_SECRET_PG_PASSWORD,
 * which dbt keeps out of its logs.
 */
export function dbtConnectionEnv(databaseUrl: string): Env {
  let url: URL;
  try {
    url = new URL(databaseUrl);
  } catch {
    throw new DbtConnectionError(`is not a URL (${redactUrl(databaseUrl)})`);
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') throw new DbtConnectionError(`must start postgres:// or postgresql://, not ${url.protocol}//`);
  if (url.hostname === '') throw new DbtConnectionError('names no host');
  const user = decodeURIComponent(url.username);
  return {
    DBT_PG_HOST: url.hostname.replace(/^\[(.*)\]$/, '$1'),
    DBT_PG_PORT: url.port || '5432',
    DBT_PG_USER: user,
    DBT_ENV_SECRET_PG_PASSWORD: decodeURIComponent(url.password),
    // libpq's default: the database named after the user.
    DBT_PG_DBNAME: decodeURIComponent(url.pathname.replace(/^\//, '')) || user,
    DBT_PG_SSLMODE: url.searchParams.get('sslmode') ?? 'prefer',
  };
}
// #endregion dbt-connection-env

export type DbtOptions = {
  databaseUrl: string;
  /** Lines of dbt's output go here (info), and the outcome. */
  logger?: Logger;
  /** The profile's target: dev (default) or prod (sslmode require). */
  target?: string;
  /** Where dbt writes target/ and logs/; default examples/lginform/.data/dbt. Give each concurrent run its own. */
  stateDir?: string;
  /** Each line of dbt's output; default: the logger, else stderr. */
  onLine?: (line: string) => void;
  /** The one-line "installing" message on first use; default stderr. */
  progress?: (line: string) => void;
  signal?: AbortSignal;
};

export type DbtBuildOptions = DbtOptions & {
  /** Rebuild incremental models from scratch. */
  fullRefresh?: boolean;
  /** dbt --select arguments; default everything. */
  select?: string[];
};

export type MartRowCount = { name: string; relation: string; rows: number };

export type DbtBuildResult = {
  marts: MartRowCount[];
  /** Results by status: success, pass, warn, skipped... */
  counts: Record<string, number>;
  /** Tests that warned, by name. */
  warnings: string[];
  durationMs: number;
};

export type DbtFailure = {
  /** model, seed, test or unit_test. */
  resourceType: string;
  name: string;
  /** error (it could not run) or fail (a test found rows). */
  status: string;
  message: string;
  /** For a failed data test: the table holding the failing rows. */
  failuresRelation?: string;
};

/** A dbt command (usually `dbt build`) did not pass. `failures` names each model or test; the message lists them. */
export class DbtBuildError extends Error {
  readonly command: string;
  readonly failures: DbtFailure[];
  readonly exitCode: number;
  constructor(command: string, failures: DbtFailure[], exitCode: number, tail: string[]) {
    const listed = failures.map((f) => `  ${f.resourceType} ${f.name}: ${f.message}${f.failuresRelation ? ` (failing rows in ${f.failuresRelation})` : ''}`);
    super(
      failures.length > 0
        ? `dbt ${command} failed (exit code ${exitCode}): ${failures.length} ${failures.length === 1 ? 'node' : 'nodes'} did not pass:\n${listed.join('\n')}\n` +
            'Fix the model or the data it reads, then run again; models downstream of a failure were skipped.'
        : `dbt ${command} failed (exit code ${exitCode}) before it built anything. Its last output:\n${tail.slice(-15).join('\n')}`,
    );
    this.command = command;
    this.name = 'DbtBuildError';
    this.failures = failures;
    this.exitCode = exitCode;
  }
}

export type RunResult = { unique_id: string; status: string; message: string | null; failures: number | null; relation_name: string | null };
type Manifest = { nodes: Record<string, { resource_type: string; name: string; fqn: string[]; relation_name: string | null; config: { materialized?: string } }> };

const targetPathOf = (stateDir: string) => path.join(stateDir, 'target');

/** test.lginform.not_null_x.abc123 -> not_null_x; unit_test.lginform.model.name -> model::name. */
function nodeName(uniqueId: string): { resourceType: string; name: string } {
  const [resourceType = 'node', , ...rest] = uniqueId.split('.');
  if (resourceType === 'test') return { resourceType, name: rest[0] ?? uniqueId };
  if (resourceType === 'unit_test') return { resourceType, name: rest.join('::') };
  return { resourceType, name: rest.join('.') };
}

async function readJson<T>(file: string): Promise<T | undefined> {
  const text = await readFile(file, 'utf8').catch(() => undefined);
  return text === undefined ? undefined : (JSON.parse(text) as T);
}

// #region run-dbt
/**
 * Any dbt command on this project, with the connection from the URL and
 * telemetry off. Resolves with the exit code; the caller decides what a
 * failure means.
 */
export async function runDbt(args: readonly string[], options: DbtOptions, venv?: ToolsVenv): Promise<ToolRun> {
  const tools = venv ?? (await ensureToolsVenv({ ...(options.progress ? { progress: options.progress } : {}) }));
  const stateDir = options.stateDir ?? DBT_STATE_DIR;
  await mkdir(stateDir, { recursive: true });
  const env = toolsEnvironment(tools, process.env, {
    ...dbtConnectionEnv(options.databaseUrl),
    DBT_PROFILES_DIR: DBT_PROJECT_DIR,
    DBT_PROJECT_DIR,
    DBT_TARGET_PATH: targetPathOf(stateDir),
    DBT_LOG_PATH: path.join(stateDir, 'logs'),
    DBT_USE_COLORS: 'false',
    ...(options.target ? { DBT_TARGET: options.target } : {}),
  });
  const logger = options.logger;
  const onLine = options.onLine ?? (logger ? (line: string) => logger.info({ tool: 'dbt' }, line) : undefined);
  return runTool('dbt', args, {
    venv: tools, cwd: DBT_PROJECT_DIR, env, ...(onLine ? { onLine } : {}), ...(options.signal ? { signal: options.signal } : {}),
  });
}
// #endregion run-dbt

/** Each model or test that errored or failed, from run_results.json. */
function failuresIn(results: RunResult[]): DbtFailure[] {
  return results
    .filter((result) => result.status === 'error' || result.status === 'fail' || result.status === 'runtime error')
    .map((result) => ({
      ...nodeName(result.unique_id),
      status: result.status,
      message: (result.message ?? '').trim().split('\n').map((line) => line.trim()).filter(Boolean).slice(0, 6).join(' ') || result.status,
      ...(result.status === 'fail' && result.relation_name ? { failuresRelation: result.relation_name } : {}),
    }));
}

/** The models under models/marts that were built, with their row counts. */
async function martRowCounts(databaseUrl: string, manifest: Manifest, built: Set<string>): Promise<MartRowCount[]> {
  const marts = Object.entries(manifest.nodes)
    .filter(([id, node]) => node.resource_type === 'model' && node.fqn[1] === 'marts' && built.has(id) && node.relation_name)
    .map(([, node]) => ({ name: node.name, relation: node.relation_name! }))
    .sort((a, b) => a.name.localeCompare(b.name));
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const counted: MartRowCount[] = [];
    for (const mart of marts) {
      // relation_name comes from dbt's manifest, already quoted.
      const { rows } = await client.query<{ rows: string }>(`select count(*) as rows from ${mart.relation}`);
      counted.push({ name: mart.name, relation: mart.relation.replaceAll('"', ''), rows: Number(rows[0]?.rows ?? 0) });
    }
    return counted;
  } finally {
    await client.end();
  }
}

const runResultsOf = (stateDir: string) => path.join(targetPathOf(stateDir), 'run_results.json');

/**
 * Runs a dbt command that builds or tests (build, run, test, seed) and
 * throws a DbtBuildError naming what failed; resolves with its results.
 */
export async function runDbtOrThrow(args: readonly string[], options: DbtOptions, venv?: ToolsVenv): Promise<{ run: ToolRun; results: RunResult[] }> {
  const stateDir = options.stateDir ?? DBT_STATE_DIR;
  // A crash before dbt writes its results must not be read as the last run's.
  await rm(runResultsOf(stateDir), { force: true });
  const run = await runDbt(args, { ...options, stateDir }, venv);
  const results = (await readJson<{ results: RunResult[] }>(runResultsOf(stateDir)))?.results ?? [];
  if (run.code !== 0) throw new DbtBuildError(args.join(' '), failuresIn(results), run.code, run.tail);
  return { run, results };
}

// #region run-dbt-build
export async function runDbtBuild(options: DbtBuildOptions): Promise<DbtBuildResult> {
  const stateDir = options.stateDir ?? DBT_STATE_DIR;
  const args = ['build', ...(options.fullRefresh ? ['--full-refresh'] : []), ...(options.select?.length ? ['--select', ...options.select] : [])];
  options.logger?.info({ tool: 'dbt', args }, `dbt ${args.join(' ')}`);
  const { run, results } = await runDbtOrThrow(args, { ...options, stateDir });

  const counts: Record<string, number> = {};
  for (const result of results) counts[result.status] = (counts[result.status] ?? 0) + 1;
  const manifest = await readJson<Manifest>(path.join(targetPathOf(stateDir), 'manifest.json'));
  const built = new Set(results.filter((result) => result.status === 'success').map((result) => result.unique_id));
  const marts = manifest ? await martRowCounts(options.databaseUrl, manifest, built) : [];
  const warnings = results.filter((result) => result.status === 'warn').map((result) => nodeName(result.unique_id).name);
  options.logger?.info({ tool: 'dbt', marts, counts, warnings, durationMs: run.durationMs }, `dbt build passed: ${marts.map((m) => `${m.name} ${m.rows} rows`).join(', ')}`);
  return { marts, counts, warnings, durationMs: run.durationMs };
}
// #endregion run-dbt-build

// #region generate-dbt-docs
/**
 * `dbt docs generate`, then the three files the docs site needs (index.html,
 * manifest.json, catalog.json) copied to outDir: serve that folder (or
 * publish it with the standards site) to browse the models and the lineage
 * graph. The models must have been built in the database (even empty, with
 * `dbt run --empty`), so the catalog has their columns: see dbt-docs.ts.
 */
export async function generateDbtDocs(options: DbtOptions & { outDir: string }): Promise<string[]> {
  const stateDir = options.stateDir ?? DBT_STATE_DIR;
  const run = await runDbt(['docs', 'generate'], { ...options, stateDir });
  if (run.code !== 0) throw new DbtBuildError('docs generate', [], run.code, run.tail);
  await mkdir(options.outDir, { recursive: true });
  const files = ['index.html', 'manifest.json', 'catalog.json'];
  for (const file of files) await copyFile(path.join(targetPathOf(stateDir), file), path.join(options.outDir, file));
  return files.map((file) => path.join(options.outDir, file));
}
// #endregion generate-dbt-docs
