/**
 * Load: the rows as JSON Lines in the lake's clean zone, one object per
 * logical date. `put` replaces the object whole, so re-running a date gives
 * the same object, never twice the rows, and a reader never sees half a file.
 */
import { type LakeStore } from '@rbk-lbs/kit/lake/store';

export type Loaded = { key: string; location: string; rows: number };

/** clean/<source>/<dataset>/ingest_date=YYYY-MM-DD/rows.jsonl: the same Hive-style partition as the raw zone. */
export function cleanKey(source: string, dataset: string, date: string): string {
  return `clean/${source}/${dataset}/ingest_date=${date}/rows.jsonl`;
}

export function toJsonLines(rows: readonly object[]): string {
  return rows.map((row) => `${JSON.stringify(row)}\n`).join('');
}

export async function loadRows(store: LakeStore, key: string, rows: readonly object[]): Promise<Loaded> {
  await store.put(key, new TextEncoder().encode(toJsonLines(rows)), { contentType: 'application/x-ndjson' });
  return { key, location: store.locationOf(key), rows: rows.length };
}
