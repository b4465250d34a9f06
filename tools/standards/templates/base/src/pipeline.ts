/**
 * The steps in order for one logical date: extract, land the raw bytes,
 * check and transform, load. It knows nothing of the command line, so the
 * CLI, a Lambda handler or an Airflow task all run the same code.
 */
import { type HttpClient } from '@rbk-lbs/kit/http-client';
import { rawPartKey } from '@rbk-lbs/kit/lake/keys';
import { landRawResponse } from '@rbk-lbs/kit/lake/land';
import { type LakeStore } from '@rbk-lbs/kit/lake/store';
import { type Logger } from '@rbk-lbs/kit/logger';
import { extract, parseBankHolidays } from './extract.ts';
import { cleanKey, loadRows } from './load.ts';
import { toRows } from './transform.ts';

/** The source's name in lake keys and logs. */
export const PIPELINE = '__PIPELINE_NAME__';
export const DATASET = 'bank-holidays';

export type PipelineDeps = { http: HttpClient; store: LakeStore; logger: Logger; sourceUrl: string };

export type RunSummary = {
  date: string;
  runId: string;
  raw: { location: string; bytes: number; sha256: string };
  clean: { location: string; rows: number };
};

export async function runPipeline(date: string, runId: string, deps: PipelineDeps): Promise<RunSummary> {
  const logger = deps.logger.child({ date });
  const body = await extract(deps.http, deps.sourceUrl);
  // Land first, exactly as received: a fix to the transform can then be re-run from the lake without calling the API again.
  const landed = await landRawResponse(deps.store, rawPartKey({ source: PIPELINE, dataset: DATASET, ingestDate: date, runId }, 0), body);
  logger.info({ key: landed.key, bytes: landed.bytes, sha256: landed.sha256 }, 'landed the raw response');

  const rows = toRows(parseBankHolidays(body));
  const loaded = await loadRows(deps.store, cleanKey(PIPELINE, DATASET, date), rows);
  logger.info({ key: loaded.key, rows: loaded.rows }, 'loaded the clean rows');

  return {
    date,
    runId,
    raw: { location: deps.store.locationOf(landed.key), bytes: landed.bytes, sha256: landed.sha256 },
    clean: { location: loaded.location, rows: loaded.rows },
  };
}
