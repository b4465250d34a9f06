import { describe, expect, it } from 'vitest';
import { copyTextChunks, CopyValueError, encodeCopyRow, encodeCopyValue } from '../src/postgres/copy-text.ts';

describe('encodeCopyValue', () => {
  it('writes NULL as \\N and keeps the empty string distinct from it', () => {
    expect(encodeCopyValue(null)).toBe('\\N');
    expect(encodeCopyValue(undefined)).toBe('\\N');
    expect(encodeCopyValue('')).toBe('');
  });

  it('escapes backslash, tab, newline and carriage return', () => {
    expect(encodeCopyValue('a\tb')).toBe('a\\tb');
    expect(encodeCopyValue('line 1\nline 2\r\n')).toBe('line 1\\nline 2\\r\\n');
    expect(encodeCopyValue('C:\\data')).toBe('C:\\\\data');
    // The text "\N" is data, not NULL: its backslash is escaped.
    expect(encodeCopyValue('\\N')).toBe('\\\\N');
  });

  it('leaves other text alone, including non-ASCII', () => {
    expect(encodeCopyValue('Kingston upon Thames — £1,000 "quoted", commas')).toBe('Kingston upon Thames — £1,000 "quoted", commas');
  });

  it('writes numbers, booleans, bigints and dates in forms PostgreSQL reads', () => {
    expect(encodeCopyValue(1.5)).toBe('1.5');
    expect(encodeCopyValue(-0.000001)).toBe('-0.000001');
    expect(encodeCopyValue(1e21)).toBe('1e+21');
    expect(encodeCopyValue(Number.NaN)).toBe('NaN');
    expect(encodeCopyValue(Number.NEGATIVE_INFINITY)).toBe('-Infinity');
    expect(encodeCopyValue(12345678901234567890n)).toBe('12345678901234567890');
    expect(encodeCopyValue(true)).toBe('t');
    expect(encodeCopyValue(false)).toBe('f');
    expect(encodeCopyValue(new Date('2024-03-31T10:15:00Z'))).toBe('2024-03-31T10:15:00.000Z');
  });

  it('refuses what PostgreSQL text cannot hold', () => {
    expect(() => encodeCopyValue('a\0b')).toThrow(CopyValueError);
    expect(() => encodeCopyValue(new Date('not a date'))).toThrow('invalid Date');
  });
});

describe('encodeCopyRow', () => {
  it('separates columns with tabs and ends the row with a newline', () => {
    expect(encodeCopyRow(['a', null, 2, 'x\ty'])).toBe('a\t\\N\t2\tx\\ty\n');
  });
});

describe('copyTextChunks', () => {
  it('gathers rows into chunks and loses none', async () => {
    const rows = Array.from({ length: 1000 }, (_, i) => [`row ${i}`, i]);
    const chunks: Buffer[] = [];
    for await (const chunk of copyTextChunks(rows, 1024)) chunks.push(chunk);
    expect(chunks.length).toBeGreaterThan(5);
    expect(chunks.slice(0, -1).every((chunk) => chunk.length >= 1024)).toBe(true);
    const lines = Buffer.concat(chunks).toString('utf8').split('\n');
    expect(lines).toHaveLength(1001);
    expect(lines[999]).toBe('row 999\t999');
  });

  it('yields nothing for no rows', async () => {
    const chunks: Buffer[] = [];
    for await (const chunk of copyTextChunks([])) chunks.push(chunk);
    expect(chunks).toEqual([]);
  });
});
