/**
 * Reading the HTTP `Retry-After` header (RFC 9110, section 10.2.3).
 *
 * A server that answers 429 or 503 may say when to come back, either as a
 * number of seconds or as an HTTP date. A polite client waits that long
 * instead of its own backoff, and never less.
 */

// #region parse-retry-after
/**
 * How long to wait, in milliseconds, before retrying, or undefined when the
 * header is missing or unreadable (the caller then uses its own backoff).
 * `now` is a parameter so tests can pin the clock.
 */
export function parseRetryAfter(header: string | null | undefined, now: Date = new Date()): number | undefined {
  if (header === null || header === undefined) return undefined;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Number(value) * 1000;

  // HTTP dates start with a day name (IMF-fixdate, RFC 850 or asctime form);
  // this keeps Date.parse from reading "-5" or "1.5" as a calendar date.
  if (!/^(Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*,? /.test(value)) return undefined;
  // asctime carries no zone; HTTP dates are always GMT.
  const date = Date.parse(/GMT$/.test(value) ? value : `${value} GMT`);
  if (Number.isNaN(date)) return undefined;
  // A date in the past means "now", never a negative wait.
  return Math.max(0, date - now.getTime());
}
// #endregion parse-retry-after
