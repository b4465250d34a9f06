/**
 * A resilient HTTP GET over Node's global fetch, for pulling from public
 * APIs that are slow, rate-limited or sometimes down.
 *
 * Each attempt has its own timeout that covers the whole body. Failed
 * attempts are retried by the policy in http-retry.ts (cockatiel). Requests
 * share a concurrency limit (p-limit) and a client-side rate limit
 * (p-throttle). Failures are thrown as HttpError with credentials removed
 * from the URL. Every source of time and chance can be replaced in tests.
 */
import pLimit from 'p-limit';
import pThrottle from 'p-throttle';
import { adviceForStatus, HttpError, type HttpFailureReason } from './http-errors.ts';
import { createRetryPolicy, isRetryableStatus } from './http-retry.ts';
import { redactSecretsInText, redactUrl, SECRET_QUERY_PARAMETERS } from './redact.ts';
import { parseRetryAfter } from './retry-after.ts';

export type HttpClientOptions = {
  /** Longest time for one attempt, headers and body, in ms. Default 30 s. */
  timeoutMs?: number;
  /** Attempts in total per request, the first included. Default 5. */
  maxAttempts?: number;
  /** First backoff before jitter, in ms; doubles each retry. Default 500. */
  baseDelayMs?: number;
  /** Cap on the backoff we choose, in ms. Default 30 s. */
  maxDelayMs?: number;
  /** Longest Retry-After we will honour, in ms; beyond it we fail. Default 2 min. */
  maxRetryAfterMs?: number;
  /** Requests in flight at once, retries and their waits included. Default 4. */
  concurrency?: number;
  /** At most `requests` attempts per `perMs` window; false for none. Default 5 per second. */
  rateLimit?: { requests: number; perMs: number } | false;
  /** Headers sent with every request. */
  headers?: Record<string, string>;
  /** Query parameters to strip from URLs in errors and events. */
  secretQueryParameters?: readonly string[];
  /** Called before each wait between attempts, e.g. to log it. */
  onRetry?: (event: RetryEvent) => void;
  /** Test seams: the random source for jitter, the clock for Retry-After dates, fetch itself. */
  random?: () => number;
  now?: () => number;
  fetch?: typeof globalThis.fetch;
};

export type RetryEvent = {
  url: string;
  /** The attempt that failed, from 1. */
  attempt: number;
  delayMs: number;
  reason: HttpFailureReason;
  status?: number;
};

export type HttpResponse = {
  /** The requested URL without credentials. */
  url: string;
  status: number;
  headers: Headers;
  /** The exact bytes of the body. */
  body: Uint8Array;
  attempts: number;
};

export type HttpClient = {
  get(url: string, init?: { signal?: AbortSignal; headers?: Record<string, string> }): Promise<HttpResponse>;
};

type Settings = Required<Omit<HttpClientOptions, 'onRetry' | 'rateLimit'>> & Pick<HttpClientOptions, 'onRetry' | 'rateLimit'>;

const never = new AbortController().signal;

export function createHttpClient(options: HttpClientOptions = {}): HttpClient {
  const settings: Settings = {
    timeoutMs: 30_000,
    maxAttempts: 5,
    baseDelayMs: 500,
    maxDelayMs: 30_000,
    maxRetryAfterMs: 120_000,
    concurrency: 4,
    rateLimit: { requests: 5, perMs: 1000 },
    headers: {},
    secretQueryParameters: SECRET_QUERY_PARAMETERS,
    random: Math.random,
    now: Date.now,
    fetch: (input, init) => globalThis.fetch(input, init),
    // An option passed as undefined keeps its default.
    ...Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)),
  };

  // #region rate-limit
  // The concurrency slot is held across retries and their waits, so a
  // struggling server sees fewer requests, not more. The rate limit counts
  // every attempt, because every attempt reaches the server.
  const limit = pLimit(settings.concurrency);
  const throttle = settings.rateLimit
    ? pThrottle({ limit: settings.rateLimit.requests, interval: settings.rateLimit.perMs })
    : undefined;
  const rateLimited = throttle
    ? throttle(<T>(task: () => Promise<T>): Promise<T> => task())
    : <T>(task: () => Promise<T>): Promise<T> => task();

  async function get(url: string, init: { signal?: AbortSignal; headers?: Record<string, string> } = {}) {
    const signal = init.signal ?? never;
    const policy = createRetryPolicy(settings);
    policy.onRetry((event) => reportRetry(event, settings, url));
    return limit(() =>
      policy.execute(
        ({ attempt }) => rateLimited(() => attemptOnce(url, attempt + 1, settings, init.headers, signal)),
        signal,
      ),
    );
  }
  // #endregion rate-limit

  return { get };
}

// #region request-timeout
/**
 * One attempt. The timeout covers headers and body: a server that sends
 * headers and then stalls is as stuck as one that never answers. A cancel
 * from the caller is passed on as it is, never retried.
 */
async function attemptOnce(
  url: string,
  attempt: number,
  settings: Settings,
  headers: Record<string, string> | undefined,
  signal: AbortSignal,
): Promise<HttpResponse> {
  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(), settings.timeoutMs);
  try {
    const response = await settings.fetch(url, {
      headers: { ...settings.headers, ...headers },
      signal: AbortSignal.any([signal, timeout.signal]),
    });
    const body = new Uint8Array(await response.arrayBuffer());
    if (!response.ok) throw statusError(response, body, attempt, settings, url);
    return { url: redactUrl(url, settings.secretQueryParameters), status: response.status, headers: response.headers, body, attempts: attempt };
  } catch (error) {
    if (error instanceof HttpError) throw error;
    if (signal.aborted) throw signal.reason ?? error;
    throw connectionError(timeout.signal.aborted ? 'timeout' : 'network', error, attempt, settings, url);
  } finally {
    clearTimeout(timer);
  }
}
// #endregion request-timeout

function connectionError(reason: 'timeout' | 'network', cause: unknown, attempt: number, settings: Settings, url: string): HttpError {
  const advice =
    reason === 'timeout'
      ? `Each attempt may take ${settings.timeoutMs} ms at most: check the server is up, or raise the timeout.`
      : 'Check the base URL, DNS and the network (proxy, firewall), and that the server is running.';
  return new HttpError({
    reason,
    url: redactUrl(url, settings.secretQueryParameters),
    attempts: attempt,
    retryable: true,
    advice,
    cause,
  });
}

function statusError(response: Response, body: Uint8Array, attempt: number, settings: Settings, url: string): HttpError {
  const safeUrl = redactUrl(url, settings.secretQueryParameters);
  const bodyExcerpt = excerpt(body, settings.secretQueryParameters);
  const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), new Date(settings.now()));
  if (retryAfterMs !== undefined && retryAfterMs > settings.maxRetryAfterMs && isRetryableStatus(response.status)) {
    return new HttpError({
      reason: 'retry-after-too-long',
      url: safeUrl,
      attempts: attempt,
      status: response.status,
      retryAfterMs,
      bodyExcerpt,
      retryable: false,
      advice: `That is more than the ${Math.round(settings.maxRetryAfterMs / 1000)} s we wait at most (maxRetryAfterMs): run again after that time, or raise the limit.`,
    });
  }
  const retryable = isRetryableStatus(response.status);
  return new HttpError({
    reason: 'status',
    url: safeUrl,
    attempts: attempt,
    status: response.status,
    retryAfterMs,
    bodyExcerpt,
    retryable,
    advice: adviceForStatus(response.status, attempt, retryable),
  });
}

function reportRetry(event: { delay: number; attempt: number } & ({ error: Error } | { value: unknown }), settings: Settings, url: string): void {
  if (!settings.onRetry || !('error' in event) || !(event.error instanceof HttpError)) return;
  settings.onRetry({
    url: redactUrl(url, settings.secretQueryParameters),
    attempt: event.attempt,
    delayMs: event.delay,
    reason: event.error.reason,
    ...(event.error.status === undefined ? {} : { status: event.error.status }),
  });
}

/** The first 300 characters of a body, on one line, with any credentials masked. */
function excerpt(body: Uint8Array, secretParameters: readonly string[]): string | undefined {
  const text = new TextDecoder().decode(body.subarray(0, 1200)).replace(/\s+/g, ' ').trim();
  if (text === '') return undefined;
  const clipped = text.length > 300 ? `${text.slice(0, 300)}...` : text;
  return redactSecretsInText(clipped, secretParameters);
}
