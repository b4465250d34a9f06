/**
 * The run log: one row per step of every run, in the warehouse beside the
 * data. It answers "what ran, when, with how many rows, from which objects,
 * and did it work" with SQL, and lets a load skip raw data it has already
 * loaded.
 */
import type pg from 'pg';
import { applyDdl } from './ddl.ts';

// #region run-log
export const RUN_LOG_DDL = `
CREATE SCHEMA IF NOT EXISTS raw;
CREATE TABLE IF NOT EXISTS raw.pipeline_run_log (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  run_id        text        NOT NULL,
  pipeline      text        NOT NULL,              -- e.g. lginform
  step          text        NOT NULL,              -- e.g. land, load
  partition_key text        NOT NULL DEFAULT '',   -- e.g. council-finance/2024-03-31
  status        text        NOT NULL CHECK (status IN ('running', 'succeeded', 'skipped', 'failed')),
  started_at    timestamptz NOT NULL,
  finished_at   timestamptz,
  rows_in       bigint,
  rows_out      bigint,
  objects       integer,
  checksums     jsonb       NOT NULL DEFAULT '{}', -- object key -> SHA-256
  error         text
);
CREATE INDEX IF NOT EXISTS pipeline_run_log_latest
  ON raw.pipeline_run_log (pipeline, step, partition_key, finished_at DESC);
`;
// #endregion run-log

export type StepRef = { runId: string; pipeline: string; step: string; partitionKey?: string };

export type StepOutcome = {
  status: 'succeeded' | 'skipped' | 'failed';
  rowsIn?: number;
  rowsOut?: number;
  objects?: number;
  checksums?: Record<string, string>;
  error?: string;
};

/** A step that has started: the id of its row in the run log. */
export type RunLogEntry = { id: number };

export async function ensureRunLog(client: pg.ClientBase): Promise<void> {
  await applyDdl(client, 'raw.pipeline_run_log', RUN_LOG_DDL);
}

// #region record-step
/**
 * Writes a 'running' row as the step starts, committed at once, so a step
 * that dies leaves a row that says so (it stays 'running', with no finish).
 */
export async function startStep(client: pg.ClientBase, step: StepRef, startedAt: Date = new Date()): Promise<RunLogEntry> {
  const { rows } = await client.query<{ id: string }>(
    `INSERT INTO raw.pipeline_run_log (run_id, pipeline, step, partition_key, status, started_at)
     VALUES ($1, $2, $3, $4, 'running', $5) RETURNING id`,
    [step.runId, step.pipeline, step.step, step.partitionKey ?? '', startedAt],
  );
  return { id: Number(rows[0]?.id) };
}

/** Records how the step ended. Call it inside the load's transaction to commit both together. */
export async function finishStep(client: pg.ClientBase, entry: RunLogEntry, outcome: StepOutcome, finishedAt: Date = new Date()): Promise<void> {
  await client.query(
    `UPDATE raw.pipeline_run_log
        SET status = $2, finished_at = $3, rows_in = $4, rows_out = $5, objects = $6, checksums = $7, error = $8
      WHERE id = $1`,
    [entry.id, outcome.status, finishedAt, outcome.rowsIn ?? null, outcome.rowsOut ?? null, outcome.objects ?? null,
      JSON.stringify(outcome.checksums ?? {}), outcome.error ?? null],
  );
}
// #endregion record-step

// #region last-successful-checksums
/**
 * The checksums of the objects behind the partition's current rows: those of
 * the last load that succeeded, or undefined if none has. A load whose
 * objects hold the same content can skip the work.
 */
export async function lastSuccessfulChecksums(
  client: pg.ClientBase,
  step: Omit<StepRef, 'runId'>,
): Promise<Record<string, string> | undefined> {
  const { rows } = await client.query<{ checksums: Record<string, string> }>(
    `SELECT checksums FROM raw.pipeline_run_log
      WHERE pipeline = $1 AND step = $2 AND partition_key = $3 AND status = 'succeeded'
      ORDER BY finished_at DESC, id DESC LIMIT 1`,
    [step.pipeline, step.step, step.partitionKey ?? ''],
  );
  return rows[0]?.checksums;
}
// #endregion last-successful-checksums
