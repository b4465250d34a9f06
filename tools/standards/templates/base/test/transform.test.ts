import { describe, expect, it } from 'vitest';
import { parseBankHolidays, SourceShapeError } from '../src/extract.ts';
import { toRows } from '../src/transform.ts';
import { FIXTURE } from './fake-api.ts';

const encode = (text: string) => new TextEncoder().encode(text);
const rows = toRows(parseBankHolidays(encode(FIXTURE)));

describe('toRows', () => {
  it('makes one row per holiday and division, a holiday listed twice only once', () => {
    expect(rows).toHaveLength(5);
    expect(rows.filter((row) => row.division === 'england-and-wales' && row.date === '2026-12-25')).toHaveLength(1);
  });

  it('sorts by date, then division', () => {
    expect(rows.map((row) => `${row.date} ${row.division}`)).toEqual([
      '2026-07-13 northern-ireland',
      '2026-11-30 scotland',
      '2026-12-25 england-and-wales',
      '2026-12-25 scotland',
      '2026-12-28 england-and-wales',
    ]);
  });

  it('flags substitute days and turns empty notes into null', () => {
    const boxingDay = rows.find((row) => row.title === 'Boxing Day');
    expect(boxingDay).toEqual({
      division: 'england-and-wales',
      date: '2026-12-28',
      title: 'Boxing Day',
      notes: 'Substitute day',
      substitute_day: true,
      bunting: true,
    });
    const christmas = rows.find((row) => row.division === 'scotland' && row.title === 'Christmas Day');
    expect(christmas).toMatchObject({ notes: null, substitute_day: false });
  });

  it('gives the same rows for the same response', () => {
    expect(toRows(parseBankHolidays(encode(FIXTURE)))).toEqual(rows);
  });
});

describe('parseBankHolidays', () => {
  it('refuses a response whose shape changed, naming the field', () => {
    const changed = JSON.stringify({ scotland: { division: 'scotland', events: [{ title: 'Burns Night', day: '2026-01-25', notes: '', bunting: false }] } });
    expect(() => parseBankHolidays(encode(changed))).toThrow(SourceShapeError);
    expect(() => parseBankHolidays(encode(changed))).toThrow(/date/);
  });

  it('refuses a body that is not JSON', () => {
    expect(() => parseBankHolidays(encode('<html>Service unavailable</html>'))).toThrow(/not JSON/);
  });

  it('refuses a date that is not a calendar date', () => {
    const badDate = JSON.stringify({ scotland: { division: 'scotland', events: [{ title: 'x', date: '2026-02-30', notes: '', bunting: false }] } });
    expect(() => parseBankHolidays(encode(badDate))).toThrow(SourceShapeError);
  });
});
