/**
 * The logical date of a run: the day the data is for, which names the
 * partition (ingest_date=YYYY-MM-DD) in the lake and in the table. A run is
 * idempotent by logical date: running a date again gives the same end state.
 */
import { isIsoDate } from '@rbk-lbs/kit/lake/keys';
import { UsageError } from './exit-codes.ts';

/** A backfill longer than this is more likely a typo (2014 for 2024) than a plan. */
export const MAX_BACKFILL_DAYS = 366;

const DAY_MS = 24 * 60 * 60 * 1000;

const londonDate = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' });

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

// #region default-logical-date
/**
 * Yesterday, by the calendar in London. A daily run just after midnight
 * covers the day that has just ended, as Airflow's logical date does, and
 * the councils' day is London's: at 00:30 in summer (BST) UTC still says
 * the day before, so UTC would pick the wrong day for an hour a night.
 */
export function defaultLogicalDate(now: Date = new Date()): string {
  return addDays(londonDate.format(now), -1);
}
// #endregion default-logical-date

function checkDate(option: string, value: string, today: string): string {
  if (!isIsoDate(value)) throw new UsageError(`${option} ${value} is not a calendar date; write it as YYYY-MM-DD, e.g. 2024-03-31.`);
  if (value > today) throw new UsageError(`${option} ${value} is in the future (today in London is ${today}); a logical date names a day whose data exists.`);
  return value;
}

/** The dates to run, oldest first, from --date or --from/--to, or the default date. */
export function logicalDates(options: { date?: string; from?: string; to?: string }, now: Date = new Date()): string[] {
  const today = londonDate.format(now);
  if (options.date !== undefined && (options.from !== undefined || options.to !== undefined)) {
    throw new UsageError('Use either --date for one day or --from and --to for a backfill, not both.');
  }
  if (options.from === undefined && options.to === undefined) return [checkDate('--date', options.date ?? defaultLogicalDate(now), today)];
  if (options.from === undefined || options.to === undefined) {
    throw new UsageError('A backfill needs both --from and --to (both inclusive), e.g. --from 2024-03-01 --to 2024-03-31.');
  }
  const from = checkDate('--from', options.from, today);
  const to = checkDate('--to', options.to, today);
  if (from > to) throw new UsageError(`--from ${from} is after --to ${to}; give the earlier date first.`);
  const days = Math.round((Date.parse(to) - Date.parse(from)) / DAY_MS) + 1;
  if (days > MAX_BACKFILL_DAYS) throw new UsageError(`--from ${from} --to ${to} is ${days} days; a backfill covers at most ${MAX_BACKFILL_DAYS}. Split it into shorter ranges.`);
  return Array.from({ length: days }, (_, i) => addDays(from, i));
}
