/**
 * The extract-and-land step as an AWS Lambda function, run daily by
 * EventBridge Scheduler (terraform/modules/scheduled-lambda). It is the CLI's
 * `extract` command without a command line: the same configuration
 * (config.ts), datasets file, API client, extract step and pipeline runner,
 * bound to S3 and to API keys read from Secrets Manager.
 *
 * Load and dbt stay on the Airflow host: they need the database in the VPC,
 * and a backfill can outlast Lambda's 15 minutes.
 */
import { type SecretsManagerClientConfig, GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { type S3ClientConfig } from '@aws-sdk/client-s3';
import { lakeStoreFromUrl } from '@rbk-lbs/kit/lake/from-url';
import { newRunId } from '@rbk-lbs/kit/lake/run-id';
import { createS3Client } from '@rbk-lbs/kit/lake/s3-client';
import { createProgress } from '@rbk-lbs/kit/progress';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { createApiHttpClient } from '../src/api-http-client.ts';
import { createLgInformClient } from '../src/api/client.ts';
import { EXAMPLE_DIR, loadPipelineConfig } from '../src/config.ts';
import { loadDatasets, selectDatasets } from '../src/datasets.ts';
import { EXIT_CODES } from '../src/exit-codes.ts';
import { extractDate, extractTotals } from '../src/extract-step.ts';
import { defaultLogicalDate, logicalDates } from '../src/logical-dates.ts';
import { exitCodeFor, type PipelineSteps, runPipeline } from '../src/pipeline.ts';
import { createRunLogger } from '../src/terminal-log.ts';

/**
 * What EventBridge sends: a "Scheduled Event" from a rule, or the same shape
 * built by the Scheduler target's input. `detail.date` re-runs one day, and
 * `detail.datasets` limits the run to some datasets, e.g. from the console:
 * `{"detail": {"date": "2024-03-31"}}`.
 */
export type ScheduledEvent = {
  time?: string;
  source?: string;
  'detail-type'?: string;
  detail?: { date?: string; datasets?: string[] } | null;
};

export type ExtractAndLandResult = {
  /** success: everything landed; partial: some responses were quarantined or never came back. */
  status: 'success' | 'partial';
  date: string;
  runId: string;
  datasets: { dataset: string; landed: number; quarantined: number; failed: number; manifest?: string }[];
};

export type HandlerOptions = {
  /** The configuration variables; process.env in Lambda. */
  env?: Record<string, string | undefined>;
  /** Client settings for S3 and Secrets Manager (an emulator's endpoint and credentials in tests); none in Lambda. */
  aws?: Pick<S3ClientConfig & SecretsManagerClientConfig, 'endpoint' | 'region' | 'credentials'>;
  /** Where the JSON log lines go; Lambda sends stderr to CloudWatch Logs. */
  log?: { write(text: string): unknown };
  now?: () => Date;
};

export class ScheduledEventError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ScheduledEventError';
  }
}

// #region lambda-logical-date
/**
 * The day to extract: `detail.date` when the event names one (a re-run),
 * otherwise the day before the event's time in London, the same rule as the
 * CLI's default. The event's time is when the run was due, so a retry hours
 * later still extracts the same day.
 */
export function logicalDateFor(event: ScheduledEvent, now: Date = new Date()): string {
  const requested = event.detail?.date;
  if (requested !== undefined) return logicalDates({ date: requested }, now)[0]!;
  if (event.time === undefined) return defaultLogicalDate(now);
  const due = new Date(event.time);
  if (Number.isNaN(due.getTime())) throw new ScheduledEventError(`The event's time "${event.time}" is not a date and time; EventBridge sends ISO 8601, e.g. 2024-04-01T01:30:00Z.`);
  return defaultLogicalDate(due);
}
// #endregion lambda-logical-date

const apiKeysSchema = z.object({ applicationKey: z.string().min(1), privateKey: z.string().min(1) });

/**
 * The LG Inform Plus keys from the secret named by LGINFORM_SECRET_ARN, as
 * the two variables config.ts reads. Kept for the life of the execution
 * environment, so a warm start makes no Secrets Manager call.
 */
const keysBySecret = new Map<string, Promise<z.output<typeof apiKeysSchema>>>();

async function readApiKeys(secretArn: string, aws: HandlerOptions['aws']): Promise<z.output<typeof apiKeysSchema>> {
  const client = new SecretsManagerClient({ ...aws });
  try {
    const { SecretString } = await client.send(new GetSecretValueCommand({ SecretId: secretArn }));
    const parsed = apiKeysSchema.safeParse(JSON.parse(SecretString ?? 'null'));
    if (!parsed.success) {
      throw new Error(`The secret ${secretArn} must be JSON with applicationKey and privateKey (non-empty strings); put it with aws secretsmanager put-secret-value.`);
    }
    return parsed.data;
  } finally {
    client.destroy();
  }
}

function apiKeys(secretArn: string, aws: HandlerOptions['aws']) {
  const cached = keysBySecret.get(secretArn);
  if (cached) return cached;
  const reading = readApiKeys(secretArn, aws);
  keysBySecret.set(secretArn, reading);
  reading.catch(() => keysBySecret.delete(secretArn)); // a failed read is retried next time
  return reading;
}

/** In the bundle, datasets.json sits beside index.mjs (lambda/build.ts copies it); from source, config.ts finds it. */
function datasetsBesideBundle(): string | undefined {
  const candidate = path.join(path.dirname(fileURLToPath(import.meta.url)), 'datasets.json');
  return existsSync(candidate) ? candidate : undefined;
}

/** Lambda's stderr is not a terminal: no progress bar, only the JSON log lines. */
const NOT_A_TERMINAL = { isTTY: false } as NodeJS.WritableStream & { isTTY: false };

// #region lambda-handler
export function createHandler(options: HandlerOptions = {}) {
  return async function handler(event: ScheduledEvent): Promise<ExtractAndLandResult> {
    const now = options.now?.() ?? new Date();
    const env = { ...(options.env ?? process.env) };
    env.LGINFORM_DATASETS_FILE ??= datasetsBesideBundle();
    if (env.LGINFORM_SECRET_ARN) {
      const keys = await apiKeys(env.LGINFORM_SECRET_ARN, options.aws);
      env.LGINFORM_APPLICATION_KEY = keys.applicationKey;
      env.LGINFORM_PRIVATE_KEY = keys.privateKey;
    }
    const config = loadPipelineConfig(env);
    if (!config.api) throw new ScheduledEventError('LGINFORM_BASE_URL is not set: the Lambda function calls the live API (the local fake API is for the CLI).');
    const datasetsFile = await loadDatasets(config.datasetsFile);
    const datasets = selectDatasets(datasetsFile, event.detail?.datasets);
    const date = logicalDateFor(event, now);

    const runId = newRunId(now);
    const logger = createRunLogger(runId, config.logLevel, options.log ?? process.stderr);
    const s3 = createS3Client({ ...options.aws }, env);
    try {
      const store = lakeStoreFromUrl(config.lake.url, { baseDir: EXAMPLE_DIR, s3Client: s3 });
      const { http: settings } = config;
      const http = createApiHttpClient(settings, logger);
      const api = createLgInformClient({ baseUrl: config.api.baseUrl, credentials: config.api.credentials, http, logger });
      const steps: PipelineSteps = {
        extract: (day, selected) => extractDate({
          api, store, datasets: selected, date: day, runId, logger, progress: createProgress(`extract ${day}`, NOT_A_TERMINAL),
          councils: datasetsFile.councils, comparisonGroups: datasetsFile.comparisonGroups, requestsPerBatch: settings.concurrency,
        }),
        load: () => Promise.reject(new Error('load runs on the Airflow host, not in Lambda')),
      };
      logger.info({ event: { source: event.source, time: event.time, detail: event.detail }, date, lake: store.root }, `lginform extract-and-land (Lambda): ${date}`);
      const outcome = await runPipeline('extract', [date], datasets, steps, logger);

      const failure = outcome.dates.find((day) => day.failure !== undefined);
      // Throwing makes Lambda retry the event, then send it to the dead-letter queue.
      if (failure) throw new Error(`extract ${failure.date} failed: ${failure.failure}`);
      const report = outcome.dates[0]!.extract!;
      const result: ExtractAndLandResult = {
        status: exitCodeFor(outcome) === EXIT_CODES.partial ? 'partial' : 'success',
        date,
        runId,
        datasets: report.datasets.map((dataset) => ({
          dataset: dataset.dataset, landed: dataset.landed, quarantined: dataset.quarantined.length, failed: dataset.failed.length,
          ...(dataset.manifestLocation ? { manifest: dataset.manifestLocation } : {}),
        })),
      };
      logger.info({ ...result, totals: extractTotals(report) }, `lginform extract-and-land (Lambda): ${date} ${result.status}`);
      return result;
    } finally {
      s3.destroy();
    }
  };
}

/** The function Lambda calls: handler "index.handler" in the bundle. */
export const handler = createHandler();
// #endregion lambda-handler
