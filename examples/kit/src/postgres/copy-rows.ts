/**
 * Streams rows into a table with COPY ... FROM STDIN (pg-copy-streams): the
 * fastest way into PostgreSQL short of a file on the server, and with
 * back-pressure, so memory stays flat however many rows pass through.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { type CopyRowSource, copyTextChunks } from './copy-text.ts';

export type TableRef = { schema: string; name: string };

export function qualifiedName(table: TableRef): string {
  return `${pg.escapeIdentifier(table.schema)}.${pg.escapeIdentifier(table.name)}`;
}

// #region copy-rows
/**
 * Copies rows (each an array in `columns` order, or encoded batches) into
 * the table and returns how many PostgreSQL stored. Runs inside the
 * caller's transaction, if any.
 */
export async function copyRows(
  client: pg.ClientBase,
  table: TableRef,
  columns: readonly string[],
  rows: CopyRowSource,
): Promise<number> {
  const columnList = columns.map((column) => pg.escapeIdentifier(column)).join(', ');
  const copy = client.query(copyFrom(`COPY ${qualifiedName(table)} (${columnList}) FROM STDIN (FORMAT text)`));
  // pipeline() waits when the socket is busy (back-pressure) and, if the rows
  // fail part way, aborts the COPY so the server discards what it received.
  await pipeline(Readable.from(copyTextChunks(rows)), copy);
  return copy.rowCount;
}
// #endregion copy-rows
