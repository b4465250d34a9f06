import { describe, expect, it } from 'vitest';
import { isDueForReview, pagesDueForReview, reviewDueDate, toIsoDate } from '../../src/lib/review-dates';

describe('review dates', () => {
  it('falls due twelve months after the last review', () => {
    expect(reviewDueDate('2025-11-25')).toBe('2026-11-25');
    expect(isDueForReview('2025-11-25', '2026-11-24')).toBe(false);
    expect(isDueForReview('2025-11-25', '2026-11-25')).toBe(true);
  });

  it('moves 29 February to 28 February, not into March', () => {
    expect(reviewDueDate('2024-02-29')).toBe('2025-02-28');
  });

  it('reads YAML dates, plain strings and the serialised form the browser sees', () => {
    expect(toIsoDate(new Date('2026-01-31T00:00:00Z'))).toBe('2026-01-31');
    expect(toIsoDate('2026-01-31')).toBe('2026-01-31');
    expect(toIsoDate('2026-01-31T00:00:00.000Z')).toBe('2026-01-31');
    expect(toIsoDate('2026-02-30')).toBeUndefined();
    expect(toIsoDate('last spring')).toBeUndefined();
    expect(toIsoDate(undefined)).toBeUndefined();
  });

  it('lists overdue pages, the longest overdue first', () => {
    const page = (permalink: string, lastReviewed: string) => ({ title: permalink, permalink, owner: 'Lead', lastReviewed });
    const overdue = pagesDueForReview([page('/a', '2025-06-01'), page('/b', '2026-06-01'), page('/c', '2024-01-01')], '2026-11-25');
    expect(overdue.map((p) => [p.permalink, p.dueSince])).toEqual([
      ['/c', '2025-01-01'],
      ['/a', '2026-06-01'],
    ]);
  });
});
