/**
 * From one landed `/data` body to rows for raw.lginform_metric_values: parse,
 * check the shape (the schema may have moved on since the body was landed),
 * map with api/rows.ts, and keep one value per row key.
 */
import { DataResponseSchema, type DataResponse } from './api/schemas.ts';
import { mapDataResponseToRows } from './api/rows.ts';
import { type MapResponseToRows } from './load.ts';
import { type MetricValueRow } from './model.ts';

/** A landed body that the current code cannot read: the load stops and the partition keeps its rows. */
export class LandedBodyError extends Error {
  constructor(sourceObject: string, problem: string) {
    super(
      `${sourceObject} is in the raw zone but ${problem}. It passed validation when it was landed, so the /data schema ` +
        'in api/schemas.ts has changed since: fix the schema or the mapping, then run load again (raw data is never re-fetched for this).',
    );
    this.name = 'LandedBodyError';
  }
}

function parseLandedBody(body: Uint8Array, sourceObject: string): DataResponse {
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8'));
  } catch (error) {
    throw new LandedBodyError(sourceObject, `is not JSON (${(error as Error).message})`);
  }
  const parsed = DataResponseSchema.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new LandedBodyError(sourceObject, `does not match the /data shape (${first?.path.join('.') ?? ''}: ${first?.message ?? 'unknown problem'})`);
  }
  return parsed.data;
}

export type MappingStats = { objects: number; rows: number; duplicatesDropped: number };

// #region keep-one-value-per-key
/**
 * The table's key is (dataset, ingest_date, metric type, area, period).
 * Across the objects of one landing keys cannot repeat: each metric type is
 * asked for in exactly one request (datasets.ts refuses a metric listed
 * twice). Within one response they could, if the API listed an area twice
 * (once by its code and once as a member of a comparison group): the first
 * value is kept, the rest are counted and dropped.
 */
export function keepFirstValuePerKey(rows: MetricValueRow[], stats: MappingStats): MetricValueRow[] {
  const seen = new Set<string>();
  const kept = rows.filter((row) => {
    const key = `${row.metricTypeId}\u0000${row.areaCode}\u0000${row.periodId}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  stats.duplicatesDropped += rows.length - kept.length;
  return kept;
}
// #endregion keep-one-value-per-key

// #region map-landed-response
/** The mapping loadPartition calls for each landed object, counting as it goes. */
export function createRowMapper(stats: MappingStats, onObject: () => void = () => undefined): MapResponseToRows {
  return (body, context) => {
    const data = parseLandedBody(body, context.sourceObject);
    const { dataset, ingestDate, runId, sourceObject } = context;
    const rows = keepFirstValuePerKey(mapDataResponseToRows(data, { dataset, ingestDate, runId, sourceObject }), stats);
    stats.objects += 1;
    stats.rows += rows.length;
    onObject();
    return rows;
  };
}
// #endregion map-landed-response
