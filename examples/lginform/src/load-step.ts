/**
 * The load step for one logical date: for each dataset, the latest completed
 * landing -> rows -> COPY, replacing that (dataset, ingest_date) partition in
 * one transaction (load.ts). A landing whose content was loaded before is
 * recognised by its checksums and skipped. Each dataset is loaded on its
 * own, so one that fails leaves the others loaded and itself unchanged.
 */
import { manifestKey, type RunRef } from '@rbk-lbs/kit/lake/keys';
import { findLatestManifest, type Manifest, readManifest } from '@rbk-lbs/kit/lake/manifest';
import { type LakeStore } from '@rbk-lbs/kit/lake/store';
import { type Logger } from '@rbk-lbs/kit/logger';
import { type Progress } from '@rbk-lbs/kit/progress';
import type pg from 'pg';
import { type DatasetConfig } from './datasets.ts';
import { seconds } from './extract-step.ts';
import { quarantineRunPrefix, readFailedRequests } from './failed-requests.ts';
import { SOURCE } from './land.ts';
import { createRowMapper, type MappingStats } from './landed-rows.ts';
import { loadPartition, METRIC_VALUES_TABLE } from './load.ts';

export const TABLES = [`${METRIC_VALUES_TABLE.schema}.${METRIC_VALUES_TABLE.name}`, 'raw.pipeline_run_log'];

export type LoadStepOptions = {
  store: LakeStore;
  db: pg.ClientBase;
  datasets: DatasetConfig[];
  date: string;
  runId: string;
  /** Load even when the raw content matches the last successful load. */
  force: boolean;
  logger: Logger;
  progress: Progress;
};

export type DatasetLoad = {
  dataset: string;
  status: 'loaded' | 'unchanged' | 'failed';
  /** The landing run whose objects were read. */
  landingRunId?: string;
  objects: number;
  rows: number;
  rowsReplaced: number;
  duplicatesDropped: number;
  /** What that landing kept out of the table. */
  quarantined: number;
  failedRequests: number;
  /** Where to look for them. */
  quarantineLocation?: string;
  error?: string;
  durationMs: number;
};

export type LoadReport = { date: string; runId: string; durationMs: number; datasets: DatasetLoad[] };

/** How many responses the loaded landing quarantined or never received, and where they are listed. */
async function landingGaps(store: LakeStore, run: RunRef, known: Manifest | undefined) {
  const manifest = known?.runId === run.runId ? known : await readManifest(store, manifestKey(run));
  const failedRequests = (await readFailedRequests(store, run)).length;
  const quarantined = manifest.quarantined.length;
  const where = quarantined + failedRequests > 0 ? { quarantineLocation: store.locationOf(quarantineRunPrefix(run)) } : {};
  return { quarantined, failedRequests, ...where };
}

// #region load-dataset
async function loadDataset(options: LoadStepOptions, dataset: string, landing: Manifest | undefined): Promise<DatasetLoad> {
  const started = Date.now();
  const stats: MappingStats = { objects: 0, rows: 0, duplicatesDropped: 0 };
  const objectsExpected = landing?.objects.length ?? 0;
  try {
    const loaded = await loadPartition({
      store: options.store, client: options.db, dataset, ingestDate: options.date, runId: options.runId, force: options.force,
      mapResponseToRows: createRowMapper(stats, () => options.progress.increment()),
      landing,
    });
    // Objects the mapping never saw (a skipped load) still count as done.
    options.progress.increment(Math.max(0, objectsExpected - stats.objects));
    const run = { source: SOURCE, dataset, ingestDate: options.date, runId: loaded.landingRunId };
    return {
      dataset, status: loaded.status, landingRunId: loaded.landingRunId, objects: loaded.objects, rows: loaded.rowsOut,
      rowsReplaced: loaded.rowsReplaced, duplicatesDropped: stats.duplicatesDropped, durationMs: Date.now() - started,
      ...(await landingGaps(options.store, run, landing)),
    };
  } catch (error) {
    options.progress.increment(Math.max(0, objectsExpected - stats.objects));
    options.logger.error({ err: error, dataset, date: options.date }, `load ${options.date}: ${dataset} failed`);
    return {
      dataset, status: 'failed', objects: stats.objects, rows: 0, rowsReplaced: 0, duplicatesDropped: 0, quarantined: 0, failedRequests: 0,
      error: error instanceof Error ? error.message : String(error), durationMs: Date.now() - started,
    };
  }
}
// #endregion load-dataset

// #region load-date
export async function loadDate(options: LoadStepOptions): Promise<LoadReport> {
  const started = Date.now();
  const { store, date, logger } = options;
  logger.info({ date, datasets: options.datasets.map((d) => d.name) }, `load ${date}: started`);
  // Each dataset's latest landing, found once: its size sets the progress bar, and the load reads it.
  const landings = new Map<string, Manifest | undefined>();
  for (const { name } of options.datasets) {
    landings.set(name, await findLatestManifest(store, { source: SOURCE, dataset: name, ingestDate: date }));
  }
  options.progress.start([...landings.values()].reduce((sum, landing) => sum + (landing?.objects.length ?? 0), 0));
  const datasets: DatasetLoad[] = [];
  try {
    for (const { name } of options.datasets) {
      const result = await loadDataset(options, name, landings.get(name));
      datasets.push(result);
      if (result.status === 'unchanged') logger.info({ dataset: name, date, landingRunId: result.landingRunId }, `load ${date}: ${name} unchanged since the last load, nothing loaded`);
      if (result.duplicatesDropped > 0) logger.warn({ dataset: name, date, duplicatesDropped: result.duplicatesDropped }, `load ${date}: ${name} had ${result.duplicatesDropped} repeated values; kept the first of each`);
    }
  } finally {
    options.progress.stop();
  }
  const report: LoadReport = { date, runId: options.runId, durationMs: Date.now() - started, datasets };
  logger.info({ date, stage: 'load', durationMs: report.durationMs, ...loadTotals(report) }, `load ${date}: finished in ${seconds(report.durationMs)}`);
  return report;
}
// #endregion load-date

export function loadTotals(report: LoadReport) {
  const count = (status: DatasetLoad['status']) => report.datasets.filter((d) => d.status === status).length;
  return {
    loaded: count('loaded'),
    unchanged: count('unchanged'),
    failed: count('failed'),
    rows: report.datasets.reduce((sum, d) => sum + d.rows, 0),
    objects: report.datasets.reduce((sum, d) => sum + d.objects, 0),
    quarantined: report.datasets.reduce((sum, d) => sum + d.quarantined, 0),
    failedRequests: report.datasets.reduce((sum, d) => sum + d.failedRequests, 0),
  };
}
