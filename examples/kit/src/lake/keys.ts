/**
 * Where things live in the lake. Pure functions, so every step (and every
 * example) computes the same key for the same run, and the layout is tested
 * in one place.
 *
 *   raw/<source>/<dataset>/ingest_date=YYYY-MM-DD/run_id=<id>/part-NNNNN.json.gz
 *   raw/<source>/<dataset>/ingest_date=YYYY-MM-DD/run_id=<id>/_manifest.json
 *   quarantine/<source>/<dataset>/ingest_date=YYYY-MM-DD/run_id=<id>/part-NNNNN.json.gz
 *   quarantine/<source>/<dataset>/ingest_date=YYYY-MM-DD/run_id=<id>/part-NNNNN.reason.json
 *
 * `ingest_date=` and `run_id=` are Hive-style partition names: Athena, Glue,
 * Spark and DuckDB read them as columns without extra configuration.
 */
import { InvalidKeyError } from './errors.ts';

/** One run of one dataset from one source on one logical date. */
export type RunRef = {
  /** The system the data comes from, e.g. "lginform". */
  source: string;
  dataset: string;
  /** The logical date of the run, YYYY-MM-DD. */
  ingestDate: string;
  runId: string;
};

export type PartitionRef = Omit<RunRef, 'runId'>;

const SEGMENT = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const MAX_PART = 99_999;

function checkSegment(name: string, value: string): void {
  if (!SEGMENT.test(value)) {
    throw new InvalidKeyError(value, `${name} must be letters, digits, ".", "_" or "-" and start with a letter or digit`);
  }
}

/** True for a real calendar date written YYYY-MM-DD. */
export function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

function checkPartition(ref: PartitionRef): void {
  checkSegment('source', ref.source);
  checkSegment('dataset', ref.dataset);
  if (!isIsoDate(ref.ingestDate)) {
    throw new InvalidKeyError(ref.ingestDate, 'ingest_date must be a calendar date written YYYY-MM-DD');
  }
}

function partName(part: number): string {
  if (!Number.isInteger(part) || part < 0 || part > MAX_PART) {
    throw new InvalidKeyError(String(part), `a part number must be a whole number from 0 to ${MAX_PART}`);
  }
  return `part-${String(part).padStart(5, '0')}`;
}

// #region raw-key-layout
/** The folder of one dataset's logical date; every run of that date sits under it. */
export function rawPartitionPrefix(ref: PartitionRef): string {
  checkPartition(ref);
  return `raw/${ref.source}/${ref.dataset}/ingest_date=${ref.ingestDate}/`;
}

/** The folder of one run. A new run never writes into an older run's folder. */
export function rawRunPrefix(ref: RunRef): string {
  checkSegment('run_id', ref.runId);
  return `${rawPartitionPrefix(ref)}run_id=${ref.runId}/`;
}

/** One response's exact bytes, gzipped. Part numbers count responses within the run. */
export function rawPartKey(ref: RunRef, part: number): string {
  return `${rawRunPrefix(ref)}${partName(part)}.json.gz`;
}

/** Written last: its presence means the run's landing completed. */
export function manifestKey(ref: RunRef): string {
  return `${rawRunPrefix(ref)}_manifest.json`;
}
// #endregion raw-key-layout

// #region quarantine-key-layout
/** The same layout under quarantine/, so a bad response sits beside its reason. */
export function quarantinePartKey(ref: RunRef, part: number): string {
  return `${rawRunPrefix(ref).replace(/^raw\//, 'quarantine/')}${partName(part)}.json.gz`;
}

export function quarantineReasonKey(ref: RunRef, part: number): string {
  return `${rawRunPrefix(ref).replace(/^raw\//, 'quarantine/')}${partName(part)}.reason.json`;
}
// #endregion quarantine-key-layout

/** What a raw or quarantine key says about itself, or undefined for any other key. */
export type ParsedKey = RunRef & { zone: 'raw' | 'quarantine'; file: string };

export function parseLakeKey(key: string): ParsedKey | undefined {
  const match = /^(raw|quarantine)\/([^/]+)\/([^/]+)\/ingest_date=([^/]+)\/run_id=([^/]+)\/([^/]+)$/.exec(key);
  if (!match) return undefined;
  const [, zone, source, dataset, ingestDate, runId, file] = match as unknown as [string, 'raw' | 'quarantine', string, string, string, string, string];
  return { zone, source, dataset, ingestDate, runId, file };
}

/**
 * Refuses keys that could escape a folder store's root or that S3 and a file
 * system would treat differently: absolute paths, "." or ".." segments,
 * empty segments and backslashes.
 */
export function assertValidKey(key: string): void {
  if (key === '') throw new InvalidKeyError(key, 'the key is empty');
  if (key.startsWith('/')) throw new InvalidKeyError(key, 'a key must not start with "/"');
  if (key.includes('\\') || key.includes('\0')) throw new InvalidKeyError(key, 'a key must not contain "\\" or NUL');
  for (const segment of key.split('/')) {
    if (segment === '' || segment === '.' || segment === '..') {
      throw new InvalidKeyError(key, 'a key must not contain empty, "." or ".." segments');
    }
  }
}

/** A key, or a prefix ending in "/" (a folder), or "" (the whole store). */
export function assertValidPrefix(prefix: string): void {
  if (prefix === '') return;
  assertValidKey(prefix.endsWith('/') ? prefix.slice(0, -1) : prefix);
}
