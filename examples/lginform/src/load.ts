/**
 * The load step: the latest completed landing of one (dataset, ingest_date)
 * -> rows -> COPY into raw.lginform_metric_values, replacing that partition
 * in one transaction, with a row in the run log. Raw content already loaded
 * is recognised by its checksums and not loaded again.
 */
import { rawPartitionPrefix } from '@rbk-lbs/kit/lake/keys';
import { readLandedObject, sha256Hex } from '@rbk-lbs/kit/lake/land';
import { findLatestManifest, type Manifest, manifestChecksums, sameContent } from '@rbk-lbs/kit/lake/manifest';
import { type LakeStore } from '@rbk-lbs/kit/lake/store';
import { type CopyValue, encodeCopyValue, type EncodedRows } from '@rbk-lbs/kit/postgres/copy-text';
import { applyDdl } from '@rbk-lbs/kit/postgres/ddl';
import { replacePartition } from '@rbk-lbs/kit/postgres/replace-partition';
import { ensureRunLog, finishStep, lastSuccessfulChecksums, startStep } from '@rbk-lbs/kit/postgres/run-log';
import type pg from 'pg';
import { SOURCE } from './land.ts';
import { type MetricValueRow } from './model.ts';

// #region metric-values-table
export const METRIC_VALUES_TABLE = { schema: 'raw', name: 'lginform_metric_values' };

export const METRIC_VALUES_DDL = `
CREATE SCHEMA IF NOT EXISTS raw;
CREATE TABLE IF NOT EXISTS raw.lginform_metric_values (
  dataset            text             NOT NULL,
  ingest_date        date             NOT NULL,
  run_id             text             NOT NULL,  -- the landing run the row came from
  metric_type_id     text             NOT NULL,
  metric_type_label  text             NOT NULL,
  area_code          text             NOT NULL,
  area_label         text             NOT NULL,
  period_id          text             NOT NULL,
  period_label       text             NOT NULL,
  value              double precision,           -- null: suppressed or missing
  formatted          text,
  publication_status text,
  source_object      text             NOT NULL,  -- raw object key, for lineage
  -- The grain: one value per metric, area and period in each partition.
  PRIMARY KEY (dataset, ingest_date, metric_type_id, area_code, period_id)
);
`;
// #endregion metric-values-table

const COLUMNS = [
  'dataset', 'ingest_date', 'run_id', 'metric_type_id', 'metric_type_label', 'area_code', 'area_label',
  'period_id', 'period_label', 'value', 'formatted', 'publication_status', 'source_object',
] as const;

/** One row as COPY values, in COLUMNS order. */
export function toCopyValues(row: MetricValueRow): CopyValue[] {
  return [
    row.dataset, row.ingestDate, row.runId, row.metricTypeId, row.metricTypeLabel, row.areaCode, row.areaLabel,
    row.periodId, row.periodLabel, row.value, row.formatted, row.publicationStatus, row.sourceObject,
  ];
}

/**
 * One object's rows as COPY text, in COLUMNS order, stamped with their
 * partition. The four values every row of an object shares are encoded once;
 * a row that does not hold them is a mapping bug and stops the load.
 */
export function encodeObjectRows(rows: Iterable<MetricValueRow>, context: MappingContext): EncodedRows {
  const { dataset, ingestDate, runId, sourceObject } = context;
  const head = `${encodeCopyValue(dataset)}\t${encodeCopyValue(ingestDate)}\t${encodeCopyValue(runId)}\t`;
  const tail = `\t${encodeCopyValue(sourceObject)}\n`;
  let encoded = '';
  let count = 0;
  for (const row of rows) {
    if (row.dataset !== dataset || row.ingestDate !== ingestDate || row.runId !== runId || row.sourceObject !== sourceObject) {
      throw new Error(`A row mapped from ${sourceObject} is outside the partition being loaded: it names ${row.dataset}/${row.ingestDate}/${row.runId}, not ${dataset}/${ingestDate}/${runId}. Fix the mapping.`);
    }
    encoded +=
      head +
      `${encodeCopyValue(row.metricTypeId)}\t${encodeCopyValue(row.metricTypeLabel)}\t${encodeCopyValue(row.areaCode)}\t${encodeCopyValue(row.areaLabel)}\t` +
      `${encodeCopyValue(row.periodId)}\t${encodeCopyValue(row.periodLabel)}\t${encodeCopyValue(row.value)}\t${encodeCopyValue(row.formatted)}\t` +
      encodeCopyValue(row.publicationStatus) +
      tail;
    count += 1;
  }
  return { encoded, rows: count, partition: { dataset, ingest_date: ingestDate } };
}

/** What the mapping knows about the body it is given. */
export type MappingContext = {
  dataset: string;
  ingestDate: string;
  /** The landing run the object belongs to. */
  runId: string;
  /** The raw object key, for MetricValueRow.sourceObject. */
  sourceObject: string;
  request: unknown;
};

/** Parses one landed response body into rows; throws when the body does not fit. */
export type MapResponseToRows = (body: Uint8Array, context: MappingContext) => Iterable<MetricValueRow>;

export type LoadOptions = {
  store: LakeStore;
  client: pg.ClientBase;
  dataset: string;
  ingestDate: string;
  /** This load's run id, for the run log. */
  runId: string;
  mapResponseToRows: MapResponseToRows;
  /** Load even when the raw content matches the last successful load (e.g. after a mapping fix). */
  force?: boolean;
  /** The latest completed landing, when the caller has found it already: one look-up in the lake, not two. */
  landing?: Manifest;
};

export type LoadSummary = {
  dataset: string;
  ingestDate: string;
  status: 'loaded' | 'unchanged';
  landingRunId: string;
  objects: number;
  rowsIn: number;
  rowsOut: number;
  rowsReplaced: number;
};

/** There is nothing to load for the partition; the message says what to run first. */
export class NothingToLoadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NothingToLoadError';
  }
}

/** A raw object no longer matches its manifest. */
export class RawIntegrityError extends Error {
  constructor(location: string, expected: string, actual: string) {
    super(`${location} has SHA-256 ${actual} but its manifest says ${expected}: it changed after landing. Re-run extract for that date.`);
    this.name = 'RawIntegrityError';
  }
}

export async function ensureRawTables(client: pg.ClientBase): Promise<void> {
  await applyDdl(client, 'raw.lginform_metric_values', METRIC_VALUES_DDL);
  await ensureRunLog(client);
}

async function latestLanding(store: LakeStore, dataset: string, ingestDate: string, found?: Manifest): Promise<Manifest> {
  const partition = { source: SOURCE, dataset, ingestDate };
  const manifest = found ?? (await findLatestManifest(store, partition));
  if (!manifest) {
    throw new NothingToLoadError(
      `No completed landing for dataset "${dataset}" on ${ingestDate} under ${store.locationOf(rawPartitionPrefix(partition))}. ` +
        'Run extract for that date first (a landing without _manifest.json did not complete).',
    );
  }
  if (manifest.objects.length === 0 && manifest.quarantined.length > 0) {
    throw new NothingToLoadError(
      `Every response of dataset "${dataset}" on ${ingestDate} (run ${manifest.runId}) was quarantined ` +
        `(${manifest.quarantined.length}); the table keeps its current rows. Reasons: ${store.locationOf(manifest.quarantined[0]?.reasonKey ?? '')} and beside it.`,
    );
  }
  return manifest;
}

// #region read-landed-rows
/**
 * Rows of every landed object of the run. The next object is read and
 * unzipped while this one's rows are copied, so the COPY never waits on the
 * lake; at most two objects are in memory. Each object's rows go to the COPY
 * as one encoded batch.
 */
async function* landedRows(store: LakeStore, manifest: Manifest, map: MapResponseToRows, counts: { rowsIn: number }) {
  const read = (index: number) => (manifest.objects[index] ? readLandedObject(store, manifest.objects[index].key) : undefined);
  let next = read(0);
  try {
    for (const [index, object] of manifest.objects.entries()) {
      const body = (await next)!;
      next = read(index + 1);
      const actual = sha256Hex(body);
      if (actual !== object.sha256) throw new RawIntegrityError(store.locationOf(object.key), object.sha256, actual);
      const context = { dataset: manifest.dataset, ingestDate: manifest.ingestDate, runId: manifest.runId, sourceObject: object.key, request: object.request };
      // One batch per object: an await and a partition check per row would cost more than the rows' encoding.
      const batch = encodeObjectRows(map(body, context), context);
      counts.rowsIn += batch.rows;
      if (batch.rows > 0) yield batch;
    }
  } finally {
    // A load that failed part way may leave one read in flight: its result no longer matters.
    next?.catch(() => undefined);
  }
}
// #endregion read-landed-rows

// #region load-partition
export async function loadPartition(options: LoadOptions): Promise<LoadSummary> {
  const { store, client, dataset, ingestDate } = options;
  await ensureRawTables(client);
  const manifest = await latestLanding(store, dataset, ingestDate, options.landing);
  const checksums = manifestChecksums(manifest);
  const step = { runId: options.runId, pipeline: SOURCE, step: 'load', partitionKey: `${dataset}/${ingestDate}` };
  const summary = { dataset, ingestDate, landingRunId: manifest.runId, objects: manifest.objects.length };

  const previous = await lastSuccessfulChecksums(client, step);
  if (!options.force && previous && sameContent(previous, checksums)) {
    const entry = await startStep(client, step);
    await finishStep(client, entry, { status: 'skipped', rowsIn: 0, rowsOut: 0, objects: 0, checksums });
    return { ...summary, status: 'unchanged', rowsIn: 0, rowsOut: 0, rowsReplaced: 0 };
  }

  const entry = await startStep(client, step);
  const counts = { rowsIn: 0 };
  try {
    const result = await replacePartition(client, {
      table: METRIC_VALUES_TABLE,
      columns: COLUMNS,
      partition: { dataset, ingest_date: ingestDate },
      rows: landedRows(store, manifest, options.mapResponseToRows, counts),
      // Same transaction as the rows: the log says "succeeded" exactly when the rows are there.
      beforeCommit: (tx, { rowsCopied }) =>
        finishStep(tx, entry, { status: 'succeeded', rowsIn: counts.rowsIn, rowsOut: rowsCopied, objects: summary.objects, checksums }),
    });
    return { ...summary, status: 'loaded', rowsIn: counts.rowsIn, rowsOut: result.rowsCopied, rowsReplaced: result.rowsDeleted };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // Best effort: if the connection itself is gone, the original error matters more.
    await finishStep(client, entry, { status: 'failed', rowsIn: counts.rowsIn, objects: summary.objects, checksums, error: message }).catch(() => undefined);
    throw error;
  }
}
// #endregion load-partition
