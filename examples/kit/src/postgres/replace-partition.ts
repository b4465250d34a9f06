/**
 * Loading one partition (e.g. one dataset on one logical date) so that a
 * re-run replaces it and never duplicates it, and a crash part way leaves
 * the previous rows in place.
 */
import pg from 'pg';
import { copyRows, qualifiedName, type TableRef } from './copy-rows.ts';
import { type CopyRow, type CopyRowSource, type EncodedRows, encodeCopyValue, isEncodedRows } from './copy-text.ts';

export type PartitionValues = Record<string, string | number>;

export type ReplacePartitionResult = { rowsDeleted: number; rowsCopied: number };

export type ReplacePartitionOptions = {
  table: TableRef;
  /** Column names, in the order each row lists its values. */
  columns: readonly string[];
  /** The partition's key columns and values, e.g. { dataset: 'x', ingest_date: '2024-03-31' }. */
  partition: PartitionValues;
  /** Rows one at a time, or encoded batches stamped with this partition's values. */
  rows: CopyRowSource;
  /** Runs inside the transaction after the COPY, e.g. to mark the run log as succeeded. */
  beforeCommit?: (client: pg.ClientBase, result: ReplacePartitionResult) => Promise<void>;
};

/** The load of one partition failed; its rows are as they were before. */
export class PartitionLoadError extends Error {
  constructor(table: TableRef, partition: PartitionValues, cause: unknown) {
    const where = Object.entries(partition).map(([column, value]) => `${column}=${value}`).join(', ');
    const reason = (cause instanceof Error ? cause.message : String(cause)).replace(/\.$/, '');
    super(
      `Loading ${table.schema}.${table.name} (${where}) failed and was rolled back, so the partition is unchanged: ` +
        `${reason}. Fix the cause and re-run the load for that partition.`,
      { cause },
    );
    this.name = 'PartitionLoadError';
  }
}

/**
 * Refuses a row whose key columns do not hold the partition's values: such a
 * row would land outside the partition that a re-run deletes, and be
 * duplicated by every re-run.
 */
async function* checkedRows(options: ReplacePartitionOptions): AsyncGenerator<CopyRow | EncodedRows> {
  const checks = Object.entries(options.partition).map(([column, value]) => {
    const index = options.columns.indexOf(column);
    if (index < 0) throw new Error(`Partition column "${column}" is not among the columns loaded (${options.columns.join(', ')}).`);
    return { column, index, value, expected: encodeCopyValue(value) };
  });
  let rowNumber = 0;
  for await (const item of options.rows) {
    if (isEncodedRows(item)) {
      // The producer vouches for every row of the batch with its stamp: check the stamp.
      for (const { column, expected } of checks) {
        const stamped = encodeCopyValue(item.partition[column]);
        if (stamped !== expected) {
          throw new Error(`Rows ${rowNumber + 1} to ${rowNumber + item.rows} are stamped ${column}=${stamped}, outside the partition being loaded (${column}=${expected}).`);
        }
      }
      rowNumber += item.rows;
      yield item;
      continue;
    }
    rowNumber += 1;
    for (const { column, index, value, expected } of checks) {
      // The same value needs no encoding to compare: most rows take this path.
      if (item[index] === value) continue;
      const actual = encodeCopyValue(item[index]);
      if (actual !== expected) {
        throw new Error(`Row ${rowNumber} has ${column}=${actual}, outside the partition being loaded (${column}=${expected}).`);
      }
    }
    yield item;
  }
}

// #region replace-partition
export async function replacePartition(client: pg.ClientBase, options: ReplacePartitionOptions): Promise<ReplacePartitionResult> {
  const keyColumns = Object.keys(options.partition);
  const where = keyColumns.map((column, i) => `${pg.escapeIdentifier(column)} = $${i + 1}`).join(' AND ');
  const keyValues = Object.values(options.partition);
  await client.query('BEGIN');
  try {
    // One loader per partition at a time. Without the lock, two loads of one
    // date could each delete only the rows they can see and both insert.
    const lockName = `${qualifiedName(options.table)}:${JSON.stringify(keyValues)}`;
    await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [lockName]);
    const deleted = await client.query(`DELETE FROM ${qualifiedName(options.table)} WHERE ${where}`, keyValues);
    const rowsCopied = await copyRows(client, options.table, options.columns, checkedRows(options));
    const result = { rowsDeleted: deleted.rowCount ?? 0, rowsCopied };
    await options.beforeCommit?.(client, result);
    // Readers see the old rows until this commit and the new rows after it;
    // if the process dies first, PostgreSQL rolls everything back.
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw new PartitionLoadError(options.table, options.partition, error);
  }
}
// #endregion replace-partition
