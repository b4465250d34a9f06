/**
 * When a page is due for review. Every page names the date someone last
 * checked it; twelve months later it is due again. Pure functions, shared by
 * the page banner, the "due for review" page and the test run's warning.
 */

export const REVIEW_INTERVAL_MONTHS = 12;

/** Front matter may hold a YAML date (parsed to Date) or a string. */
export function toIsoDate(value: unknown): string | undefined {
  if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString().slice(0, 10);
  // In the browser a YAML date arrives serialised: 2026-11-25T00:00:00.000Z.
  const day = typeof value === 'string' ? /^(\d{4}-\d{2}-\d{2})(?:T00:00:00(?:\.000)?Z)?$/.exec(value)?.[1] : undefined;
  if (day) {
    const parsed = new Date(`${day}T00:00:00Z`);
    if (!Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(day)) return day;
  }
  return undefined;
}

/** The date a page falls due, as YYYY-MM-DD. */
export function reviewDueDate(lastReviewed: string, months = REVIEW_INTERVAL_MONTHS): string {
  const date = new Date(`${lastReviewed}T00:00:00Z`);
  const day = date.getUTCDate();
  date.setUTCDate(1);
  date.setUTCMonth(date.getUTCMonth() + months);
  // 29 February plus a year is 28 February, not 1 March.
  const lastDay = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0)).getUTCDate();
  date.setUTCDate(Math.min(day, lastDay));
  return date.toISOString().slice(0, 10);
}

export function isDueForReview(lastReviewed: string, today: string): boolean {
  return today >= reviewDueDate(lastReviewed);
}

export type ReviewedPage = { title: string; permalink: string; owner: string; lastReviewed: string };
export type OverduePage = ReviewedPage & { dueSince: string };

/** Pages past their review date, the longest overdue first. */
export function pagesDueForReview(pages: ReviewedPage[], today: string): OverduePage[] {
  return pages
    .filter((page) => isDueForReview(page.lastReviewed, today))
    .map((page) => ({ ...page, dueSince: reviewDueDate(page.lastReviewed) }))
    .sort((a, b) => a.dueSince.localeCompare(b.dueSince) || a.permalink.localeCompare(b.permalink));
}
