/**
 * Creating schemas and tables idempotently, safe when several processes
 * start at once (two Airflow tasks, parallel tests).
 */
import type pg from 'pg';

// #region apply-ddl
/**
 * Runs `CREATE ... IF NOT EXISTS` statements in one transaction under an
 * advisory lock. IF NOT EXISTS alone is not enough: two sessions creating
 * the same table at the same moment can both pass the check, and one fails
 * on a duplicate key in the catalogue.
 */
export async function applyDdl(client: pg.ClientBase, name: string, sql: string): Promise<void> {
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`ddl:${name}`]);
    await client.query(sql);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}
// #endregion apply-ddl
