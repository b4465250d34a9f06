/**
 * Rows as PostgreSQL's COPY text format: one line per row, columns separated
 * by tabs, NULL written \N, and backslash, tab, newline and carriage return
 * escaped with a backslash. Pure functions, tested on their own.
 * https://www.postgresql.org/docs/17/sql-copy.html#id-1.9.3.55.9.2
 */

export type CopyValue = string | number | bigint | boolean | Date | null | undefined;

/** One row: its values in column order. */
export type CopyRow = readonly CopyValue[];

/**
 * Many rows already in COPY text (each line ending in a newline), stamped
 * with the partition values every row holds. A producer with many rows at
 * once (all the rows of one response) sends them this way: one await and
 * one partition check per batch instead of per row.
 */
export type EncodedRows = { readonly encoded: string; readonly rows: number; readonly partition: Readonly<Record<string, CopyValue>> };

/** What a loader copies: rows one at a time, or encoded batches, in any mix. */
export type CopyRowSource = AsyncIterable<CopyRow | EncodedRows> | Iterable<CopyRow | EncodedRows>;

export function isEncodedRows(item: CopyRow | EncodedRows): item is EncodedRows {
  return !Array.isArray(item);
}

/** A value COPY cannot carry; names the problem so the mapping can be fixed. */
export class CopyValueError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CopyValueError';
  }
}

const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

// #region copy-text-escaping
/** Characters a string value must not hold as they are: one test finds both kinds, as most text has neither. */
const NEEDS_CARE = /[\\\t\n\r\0]/;

export function encodeCopyValue(value: CopyValue): string {
  if (value === null || value === undefined) return '\\N';
  if (typeof value === 'string') return NEEDS_CARE.test(value) ? encodeCarefully(value) : value;
  if (typeof value === 'boolean') return value ? 't' : 'f';
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number') {
    // PostgreSQL spells these NaN, Infinity and -Infinity, as JavaScript does.
    return String(value);
  }
  if (Number.isNaN(value.getTime())) throw new CopyValueError('An invalid Date cannot be loaded.');
  return value.toISOString();
}

function encodeCarefully(value: string): string {
  if (value.includes('\0')) {
    throw new CopyValueError(`PostgreSQL text cannot hold a NUL character (in "${value.slice(0, 40)}").`);
  }
  return value.replace(/[\\\t\n\r]/g, (character) => ESCAPES[character] ?? character);
}

export function encodeCopyRow(values: readonly CopyValue[]): string {
  // A loop, not map().join(): this runs once per row, millions of times a load.
  let line = values.length > 0 ? encodeCopyValue(values[0]) : '';
  for (let i = 1; i < values.length; i += 1) line += `\t${encodeCopyValue(values[i])}`;
  return `${line}\n`;
}
// #endregion copy-text-escaping

/**
 * Encodes rows and gathers them into chunks of about chunkBytes: one write
 * per row would cost a stream call (and often a network packet) per row.
 */
export async function* copyTextChunks(rows: CopyRowSource, chunkBytes = 64 * 1024): AsyncGenerator<Buffer> {
  let pending: string[] = [];
  let size = 0;
  for await (const row of rows) {
    const line = isEncodedRows(row) ? row.encoded : encodeCopyRow(row);
    pending.push(line);
    size += line.length;
    if (size >= chunkBytes) {
      yield Buffer.from(pending.join(''), 'utf8');
      pending = [];
      size = 0;
    }
  }
  if (pending.length > 0) yield Buffer.from(pending.join(''), 'utf8');
}
