/**
 * The one error type the HTTP client throws. Its message says what failed,
 * for which URL (with credentials removed) and what to do next, so a log
 * line or a CLI exit message is enough to act on.
 */

/** Why a request failed, in the words a runbook would use. */
export type HttpFailureReason =
  /** The server answered with a status the client does not retry or kept answering with one it does. */
  | 'status'
  /** No complete response within the per-attempt timeout. */
  | 'timeout'
  /** The connection failed or broke before the whole body arrived. */
  | 'network'
  /** The server asked us to wait longer than we are prepared to. */
  | 'retry-after-too-long';

export type HttpErrorDetails = {
  reason: HttpFailureReason;
  /** The URL without credentials (see redactUrl). */
  url: string;
  /** How many attempts were made, the failing one included. */
  attempts: number;
  status?: number;
  /** What Retry-After asked for, in milliseconds, when the server said. */
  retryAfterMs?: number;
  /** The start of the response body, to show the server's own words. */
  bodyExcerpt?: string;
  /** Whether the retry policy may try again after this error. */
  retryable: boolean;
  /** What the reader should do about it. */
  advice: string;
  cause?: unknown;
};

export class HttpError extends Error {
  readonly reason: HttpFailureReason;
  readonly url: string;
  readonly attempts: number;
  readonly status: number | undefined;
  readonly retryAfterMs: number | undefined;
  readonly bodyExcerpt: string | undefined;
  readonly retryable: boolean;
  readonly advice: string;

  constructor(details: HttpErrorDetails) {
    super(describeFailure(details), { cause: details.cause });
    this.name = 'HttpError';
    this.reason = details.reason;
    this.url = details.url;
    this.attempts = details.attempts;
    this.status = details.status;
    this.retryAfterMs = details.retryAfterMs;
    this.bodyExcerpt = details.bodyExcerpt;
    this.retryable = details.retryable;
    this.advice = details.advice;
  }
}

function describeFailure(details: HttpErrorDetails): string {
  const what =
    details.reason === 'status'
      ? `HTTP ${details.status ?? '?'}`
      : details.reason === 'timeout'
        ? 'no complete response in time'
        : details.reason === 'network'
          ? 'the connection failed'
          : `the server asked us to wait ${Math.ceil((details.retryAfterMs ?? 0) / 1000)} s`;
  const plural = details.attempts === 1 ? 'attempt' : 'attempts';
  const said = details.bodyExcerpt ? ` The server said: ${details.bodyExcerpt}` : '';
  return `GET ${details.url} failed after ${details.attempts} ${plural}: ${what}. ${details.advice}${said}`;
}

/** Advice for a status the client gives up on, by what usually causes it. */
export function adviceForStatus(status: number, attempts: number, retryable: boolean): string {
  const tries = attempts === 1 ? '1 attempt' : `${attempts} attempts`;
  if (status === 401 || status === 403) {
    return 'The server refused the credentials: check the key and secret the request was signed with, and that the account may use this method.';
  }
  if (status === 404) return 'Check the base URL, the path and the identifiers in the query.';
  if (status === 429) {
    return `The server kept rate-limiting us for ${tries}: lower the concurrency or the rate limit, or run again later.`;
  }
  if (retryable) {
    return `The server kept failing for ${tries}: it is probably down or overloaded; run again later.`;
  }
  return 'The server rejected the request: check the query parameters.';
}
