/**
 * The pipeline's settings, all from environment variables, checked once at
 * start-up with kit/env's loadConfig. Each variable is described once, in
 * VARIABLES: the error messages and the CLI's --help both read it, so they
 * cannot drift apart.
 */
import { ConfigError, type ConfigProblem, loadConfig } from '@rbk-lbs/kit/env';
import { parseLakeUrl, type LakeLocation } from '@rbk-lbs/kit/lake/from-url';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { type Credentials } from './api/sign.ts';

/** examples/lginform: relative paths in the configuration start here, wherever the command is run from. */
export const EXAMPLE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** A path as a reader would type it: relative to where they are, unless it is somewhere else entirely. */
export function displayPath(target: string, from: string = process.cwd()): string {
  const relative = path.relative(from, target);
  return relative === '' ? '.' : relative.startsWith('..') || path.isAbsolute(relative) ? target : relative;
}

export type VariableHelp = { name: string; meaning: string; default: string; example: string };

/** Every variable the pipeline reads, for --help and the README. */
export const VARIABLES: readonly VariableHelp[] = [
  { name: 'LAKE_URL', meaning: 'Where raw and quarantined responses are written: a folder (relative to examples/lginform) or s3://bucket/prefix.', default: '.lake (examples/lginform/.lake)', example: 's3://rbk-lbs-data-lake/lake' },
  { name: 'AWS_ENDPOINT_URL', meaning: 'An S3-compatible endpoint instead of AWS (LocalStack, moto, MinIO). Read by the AWS SDK, as are AWS_PROFILE and the other AWS_* credentials.', default: 'unset: AWS itself', example: 'http://127.0.0.1:4566' },
  { name: 'AWS_REGION', meaning: 'The AWS region of the bucket. Read by the AWS SDK.', default: 'from your AWS profile; us-east-1 with AWS_ENDPOINT_URL', example: 'eu-west-2' },
  { name: 'DATABASE_URL', meaning: 'The PostgreSQL database to load. Unset: an embedded PostgreSQL server is started for the run.', default: 'unset: embedded PostgreSQL', example: 'postgres://loader:secret@db.example.internal:5432/warehouse?sslmode=require' },
  { name: 'LGINFORM_BASE_URL', meaning: 'The LG Inform Plus API. Unset: a local fake of the API is started for the run.', default: 'unset: the local fake API', example: 'https://webservices.esd.org.uk' },
  { name: 'LGINFORM_APPLICATION_KEY', meaning: 'Your LG Inform Plus application key. Required with LGINFORM_BASE_URL. Never logged.', default: 'none', example: 'the key from your LG Inform Plus account' },
  { name: 'LGINFORM_PRIVATE_KEY', meaning: 'The private key issued with the application key, used to sign requests. Required with LGINFORM_BASE_URL. Never logged.', default: 'none', example: 'read from AWS Secrets Manager into the environment' },
  { name: 'LGINFORM_DATASETS_FILE', meaning: 'Which metrics to extract, per dataset (JSON, relative to examples/lginform).', default: 'datasets.json', example: '/etc/lginform/datasets.json' },
  { name: 'LGINFORM_REQUEST_TIMEOUT_SECONDS', meaning: 'Longest time one API attempt may take, body included, before it is retried.', default: '30', example: '60' },
  { name: 'LGINFORM_MAX_ATTEMPTS', meaning: 'Attempts per API request, the first included (1 to 10).', default: '5', example: '3' },
  { name: 'LGINFORM_CONCURRENCY', meaning: 'API requests in flight at once (1 to 16).', default: '4', example: '2' },
  { name: 'LGINFORM_REQUESTS_PER_SECOND', meaning: 'Client-side rate limit on API attempts; 0 for none.', default: '5', example: '2' },
  { name: 'LGINFORM_EMBEDDED_POSTGRES_DIR', meaning: 'Where the embedded PostgreSQL keeps its data between runs (relative to examples/lginform).', default: '.data/postgres', example: '/tmp/lginform-postgres' },
  { name: 'LOG_LEVEL', meaning: 'fatal, error, warn, info, debug, trace or silent. Logs go to stderr: JSON lines, or readable lines on a terminal.', default: 'info', example: 'debug' },
];

const help = (name: string): string => {
  const variable = VARIABLES.find((candidate) => candidate.name === name);
  return variable ? `${variable.meaning} Example: ${variable.example}` : name;
};

/** A folder path or s3:// URL that kit/lake can open; the message says what is wrong with any other. */
function checkLakeUrl(value: string, context: z.RefinementCtx): void {
  try {
    parseLakeUrl(value, EXAMPLE_DIR);
  } catch (error) {
    context.addIssue({ code: 'custom', message: error instanceof Error ? error.message : String(error) });
  }
}

const httpUrl = z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' });
const count = (min: number, max: number, fallback: number) => z.coerce.number().int().min(min).max(max).default(fallback);

// #region config-schema
const environmentSchema = z.object({
  LAKE_URL: z.string().default('.lake').superRefine(checkLakeUrl).describe(help('LAKE_URL')),
  AWS_ENDPOINT_URL: httpUrl.optional().describe(help('AWS_ENDPOINT_URL')),
  AWS_REGION: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d+$/, 'must be a region name').optional().describe(help('AWS_REGION')),
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\/\S+$/, 'must start postgres:// or postgresql://').optional().describe(help('DATABASE_URL')),
  LGINFORM_BASE_URL: httpUrl.optional().describe(help('LGINFORM_BASE_URL')),
  LGINFORM_APPLICATION_KEY: z.string().optional().describe(help('LGINFORM_APPLICATION_KEY')),
  LGINFORM_PRIVATE_KEY: z.string().optional().describe(help('LGINFORM_PRIVATE_KEY')),
  LGINFORM_DATASETS_FILE: z.string().default('datasets.json').describe(help('LGINFORM_DATASETS_FILE')),
  LGINFORM_REQUEST_TIMEOUT_SECONDS: z.coerce.number().positive().max(600).default(30).describe(help('LGINFORM_REQUEST_TIMEOUT_SECONDS')),
  LGINFORM_MAX_ATTEMPTS: count(1, 10, 5).describe(help('LGINFORM_MAX_ATTEMPTS')),
  LGINFORM_CONCURRENCY: count(1, 16, 4).describe(help('LGINFORM_CONCURRENCY')),
  LGINFORM_REQUESTS_PER_SECOND: z.coerce.number().min(0).max(1000).default(5).describe(help('LGINFORM_REQUESTS_PER_SECOND')),
  LGINFORM_EMBEDDED_POSTGRES_DIR: z.string().default('.data/postgres').describe(help('LGINFORM_EMBEDDED_POSTGRES_DIR')),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info').describe(help('LOG_LEVEL')),
});

/** The API keys only matter, and then both must be set, when the live API is used. */
function credentialProblems(env: Record<string, string | undefined>): ConfigProblem[] {
  if (!env.LGINFORM_BASE_URL?.trim()) return [];
  return (['LGINFORM_APPLICATION_KEY', 'LGINFORM_PRIVATE_KEY'] as const)
    .filter((name) => !env[name]?.trim())
    .map((variable) => ({ variable, problem: 'missing', detail: 'not set', expected: `required because LGINFORM_BASE_URL is set. ${help(variable)}` }));
}
// #endregion config-schema

export type PipelineConfig = {
  /** LAKE_URL as written, and where it points. */
  lake: { url: string; location: LakeLocation };
  /** Unset: start embedded PostgreSQL. */
  databaseUrl: string | undefined;
  /** Unset: start the local fake API. */
  api: { baseUrl: string; credentials: Credentials } | undefined;
  datasetsFile: string;
  http: { timeoutMs: number; maxAttempts: number; concurrency: number; requestsPerSecond: number };
  embeddedPostgresDir: string;
  logLevel: z.output<typeof environmentSchema>['LOG_LEVEL'];
};

// #region load-pipeline-config
/** The configuration, or one ConfigError naming every variable that is missing or malformed. */
export function loadPipelineConfig(env: Record<string, string | undefined> = process.env): PipelineConfig {
  const problems = credentialProblems(env);
  let values: z.output<typeof environmentSchema> | undefined;
  try {
    values = loadConfig(environmentSchema, env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    problems.unshift(...error.problems);
  }
  if (problems.length > 0 || values === undefined) throw new ConfigError(problems);
  const { LGINFORM_BASE_URL: baseUrl, LGINFORM_APPLICATION_KEY: applicationKey = '', LGINFORM_PRIVATE_KEY: privateKey = '' } = values;
  return {
    lake: { url: values.LAKE_URL, location: parseLakeUrl(values.LAKE_URL, EXAMPLE_DIR) },
    databaseUrl: values.DATABASE_URL,
    api: baseUrl ? { baseUrl, credentials: { applicationKey, privateKey } } : undefined,
    datasetsFile: path.resolve(EXAMPLE_DIR, values.LGINFORM_DATASETS_FILE),
    http: {
      timeoutMs: values.LGINFORM_REQUEST_TIMEOUT_SECONDS * 1000,
      maxAttempts: values.LGINFORM_MAX_ATTEMPTS,
      concurrency: values.LGINFORM_CONCURRENCY,
      requestsPerSecond: values.LGINFORM_REQUESTS_PER_SECOND,
    },
    embeddedPostgresDir: path.resolve(EXAMPLE_DIR, values.LGINFORM_EMBEDDED_POSTGRES_DIR),
    logLevel: values.LOG_LEVEL,
  };
}
// #endregion load-pipeline-config
