/**
 * Structured logs: one JSON object per line, each carrying the run id and
 * the step, so a run can be followed across steps and machines. pino is
 * fast, well kept and redacts by path.
 */
import pino, { type DestinationStream, type Logger, type LevelWithSilent } from 'pino';
import { redactUrl } from './redact.ts';

export type { Logger };

// #region redact-secrets
/**
 * Fields that are never written out. URL-like fields are kept but cleaned
 * (credentials stripped from the query, passwords masked), because the rest
 * of a URL is what you need when something fails.
 */
const SECRET_FIELDS = [
  'applicationKey', 'ApplicationKey', 'signature', 'Signature', 'privateKey', 'secret', 'password',
  'PGPASSWORD', 'LGINFORM_APPLICATION_KEY', 'LGINFORM_PRIVATE_KEY', 'authorization', 'headers.authorization',
];
const URL_FIELDS = ['url', 'databaseUrl', 'DATABASE_URL', 'connectionString'];
/** Each path at the top level and one level down (`{ config: { password } }`). */
const atTopAndOneDown = (fields: string[]) => fields.flatMap((field) => [field, `*.${field}`]);

function censor(value: unknown, path: string[]): unknown {
  const field = path[path.length - 1] ?? '';
  return URL_FIELDS.includes(field) && typeof value === 'string' ? redactUrl(value) : '[redacted]';
}
// #endregion redact-secrets

export type LoggerOptions = {
  runId: string;
  step?: string;
  level?: LevelWithSilent;
  /** Where the lines go; default stderr, so stdout stays free for results. */
  destination?: DestinationStream;
};

// #region create-logger
export function createLogger(options: LoggerOptions): Logger {
  return pino(
    {
      level: options.level ?? 'info',
      base: { run_id: options.runId, ...(options.step ? { step: options.step } : {}) },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: atTopAndOneDown([...SECRET_FIELDS, ...URL_FIELDS]), censor },
    },
    options.destination ?? pino.destination(2),
  );
}
// #endregion create-logger
