/**
 * The logical date: the day the data is for. It names the partition in the
 * lake, so re-running a date replaces that date's rows and nothing else.
 */
import { isIsoDate } from '@rbk-lbs/kit/lake/keys';

const LONDON_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' });

/**
 * Yesterday by the calendar in London, like Airflow's `ds` for a daily run:
 * a run just after midnight covers the day that has just ended. UTC would
 * pick the wrong day for an hour each summer night.
 */
export function defaultLogicalDate(now: Date = new Date()): string {
  const today = new Date(`${LONDON_DAY.format(now)}T00:00:00Z`);
  today.setUTCDate(today.getUTCDate() - 1);
  return today.toISOString().slice(0, 10);
}

export class DateError extends Error {
  override name = 'DateError';
}

/** The date as given, once it is known to be a real calendar date. */
export function parseLogicalDate(value: string): string {
  if (!isIsoDate(value)) throw new DateError(`"${value}" is not a date: write it as YYYY-MM-DD, e.g. 2025-12-25.`);
  return value;
}
