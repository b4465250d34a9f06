/**
 * Transform: the API's divisions and their events become one flat row per
 * holiday and division. A pure function, so its test needs no network and
 * the same response always gives the same rows, in the same order.
 */
import { type BankHolidays } from './extract.ts';

export type HolidayRow = {
  /** england-and-wales, scotland or northern-ireland. */
  division: string;
  /** YYYY-MM-DD. */
  date: string;
  title: string;
  /** The API's notes, or null when it has none (it sends ""). */
  notes: string | null;
  /** True when the holiday moved to a weekday because it fell at a weekend. */
  substitute_day: boolean;
  bunting: boolean;
};

const SUBSTITUTE_DAY = /\bsubstitute day\b/i;

export function toRows(data: BankHolidays): HolidayRow[] {
  const rows = new Map<string, HolidayRow>();
  for (const { division, events } of Object.values(data)) {
    for (const event of events) {
      const notes = event.notes.trim();
      const row: HolidayRow = {
        division,
        date: event.date,
        title: event.title.trim(),
        notes: notes === '' ? null : notes,
        substitute_day: SUBSTITUTE_DAY.test(notes),
        bunting: event.bunting,
      };
      // A holiday listed twice stays one row, so counts downstream are not doubled.
      const key = `${row.division}|${row.date}|${row.title}`;
      if (!rows.has(key)) rows.set(key, row);
    }
  }
  return [...rows.values()].sort((a, b) => a.date.localeCompare(b.date) || a.division.localeCompare(b.division) || a.title.localeCompare(b.title));
}
