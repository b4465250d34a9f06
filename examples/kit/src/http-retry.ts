/**
 * The retry policy for HTTP requests, on cockatiel.
 *
 * Why cockatiel: it is small, typed, maintained, has no dependencies, and its
 * retry policy takes a custom backoff that sees the error of the failed
 * attempt, which is what honouring `Retry-After` needs. We add only what it
 * does not know about HTTP: which failures are worth retrying and how long
 * the server asked us to wait. Its delays use the global timers, so tests
 * drive them with vitest's fake timers; the jitter's random source is
 * injected.
 */
import { handleWhen, retry, type IBackoff, type IBackoffFactory, type IRetryBackoffContext, type RetryPolicy } from 'cockatiel';
import { HttpError } from './http-errors.ts';

export type RetryOptions = {
  /** Attempts in total, the first included. */
  maxAttempts: number;
  /** The first backoff before jitter; each retry doubles it. */
  baseDelayMs: number;
  /** The longest backoff we choose ourselves. */
  maxDelayMs: number;
  /** Returns a number in [0, 1); Math.random in production. */
  random: () => number;
};

// #region retry-policy
/** Failures worth another attempt: network errors, timeouts, 408, 429 and 5xx. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

/**
 * Retries only errors marked retryable, at most `maxAttempts` attempts in
 * all, waiting between them as `backoffHonouringRetryAfter` says.
 */
export function createRetryPolicy(options: RetryOptions): RetryPolicy {
  return retry(
    handleWhen((error) => error instanceof HttpError && error.retryable),
    {
      // cockatiel counts retries, not attempts.
      maxAttempts: Math.max(0, options.maxAttempts - 1),
      backoff: backoffHonouringRetryAfter(options),
    },
  );
}
// #endregion retry-policy

// #region honour-retry-after
type Context = IRetryBackoffContext<unknown>;

/**
 * Exponential backoff with full jitter (a random wait between 0 and
 * base x 2^(retry - 1), capped), so many clients that failed together do
 * not retry together. When the server sent `Retry-After` we wait at least
 * that long: never less than it asked.
 */
export function backoffHonouringRetryAfter(options: RetryOptions): IBackoffFactory<Context> {
  const next = (context: Context): IBackoff<Context> => {
    const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** (context.attempt - 1));
    const jittered = Math.floor(options.random() * ceiling);
    const error = 'error' in context.result ? context.result.error : undefined;
    const asked = error instanceof HttpError ? (error.retryAfterMs ?? 0) : 0;
    return { duration: Math.max(jittered, asked), next };
  };
  return { next };
}
// #endregion honour-retry-after
