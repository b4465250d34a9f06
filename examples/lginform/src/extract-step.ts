/**
 * The extract step for one logical date: ask the API for every configured
 * dataset, land each response as it arrives (or quarantine it with its
 * reason), list the requests that never got an answer, and say whether the
 * raw data differs from the previous landing of that date.
 *
 * Memory stays flat however many metrics are configured: requests go out a
 * batch at a time (as many as the HTTP client sends at once), and a batch's
 * responses are landed and released before the batch after next is asked for.
 */
import { type ExtractFailure, type ExtractResult, extractCouncilMetrics, type LgInformClient } from './api/client.ts';
import { validateDataResponse } from './api/schemas.ts';
import { type Logger } from '@rbk-lbs/kit/logger';
import { findLatestManifest, manifestChecksums, readManifest, sameContent } from '@rbk-lbs/kit/lake/manifest';
import { type LakeStore } from '@rbk-lbs/kit/lake/store';
import { type Progress } from '@rbk-lbs/kit/progress';
import { extractPlanFor, type DatasetConfig, LOOKUPS_DATASET } from './datasets.ts';
import { recordFailedRequests } from './failed-requests.ts';
import { isCompleteJson, landResponses, SOURCE, type ValidateResponse } from './land.ts';
import { type RawResponse } from './model.ts';

export type ExtractStepOptions = {
  api: LgInformClient;
  store: LakeStore;
  datasets: DatasetConfig[];
  councils: string[];
  /** Known nearest-neighbour groups by council; the others are looked up. */
  comparisonGroups: Record<string, string>;
  date: string;
  runId: string;
  logger: Logger;
  progress: Progress;
  /** Requests sent together before their responses are landed. */
  requestsPerBatch: number;
};

export type DatasetExtract = {
  dataset: string;
  requested: number;
  landed: number;
  quarantined: { location: string; reason: string }[];
  failed: { path: string; message: string }[];
  /** Where the failed requests are listed, when there are any. */
  failuresLocation?: string;
  /** Values in the landed responses: what load should turn into rows. */
  values: number;
  bytes: number;
  manifestLocation?: string;
  /** The previous landing of this date with exactly the same content, if there was one. */
  sameAsRunId?: string;
  /** Why the dataset has nothing to load, when nothing usable came back. */
  problem?: string;
};

export type ExtractReport = {
  date: string;
  runId: string;
  durationMs: number;
  datasets: DatasetExtract[];
  lookups: { requested: number; landed: number; quarantined: number };
};

/** The comparison groups of every council, looking up those not configured. */
async function resolveComparisonGroups(api: LgInformClient, councils: string[], configured: Record<string, string>) {
  const groups: Record<string, string> = {};
  const lookups: RawResponse[] = [];
  for (const council of councils) {
    const known = configured[council];
    if (known) groups[council] = known;
    else {
      const found = await api.findNearestNeighbours(council);
      groups[council] = found.groupId;
      lookups.push(found.response);
    }
  }
  return { groups, lookups };
}

const chunk = <T>(items: T[], size: number): T[][] => Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));

// #region extract-in-batches
/**
 * extractCouncilMetrics over a slice of the dataset's metrics at a time. The
 * next slice is already being fetched while this one is landed, so the API
 * and the lake are both kept busy, and at most two slices are in memory.
 */
async function* extractInBatches(api: LgInformClient, dataset: DatasetConfig, options: ExtractStepOptions): AsyncGenerator<ExtractResult> {
  const slices = chunk(dataset.metricTypes, dataset.metricTypesPerRequest * options.requestsPerBatch);
  const fetchSlice = (metricTypes: string[]) =>
    extractCouncilMetrics(api, { ...extractPlanFor(dataset, options.councils, options.comparisonGroups), metricTypes });
  let next = slices[0] ? fetchSlice(slices[0]) : undefined;
  try {
    for (let i = 0; next !== undefined; i += 1) {
      const result = await next;
      next = slices[i + 1] ? fetchSlice(slices[i + 1]!) : undefined;
      yield result;
    }
  } finally {
    // If landing failed, a slice may still be in flight: its outcome no longer matters.
    next?.catch(() => undefined);
  }
}
// #endregion extract-in-batches

type Tally = { values: Map<string, number>; failures: Map<string, ExtractFailure[]>; failuresKeys: Map<string, string> };

/** Everything to land for the date, in order: the look-ups, then each dataset's responses. */
async function* responsesToLand(options: ExtractStepOptions, lookups: RawResponse[], tally: Tally): AsyncGenerator<RawResponse> {
  yield* lookups;
  for (const dataset of options.datasets) {
    const failures: ExtractFailure[] = [];
    for await (const result of extractInBatches(options.api, dataset, options)) {
      for (const failure of result.failures) {
        options.logger.warn({ dataset: dataset.name, request: failure.request.path, status: failure.status, attempts: failure.attempts }, `request failed: ${failure.message}`);
      }
      failures.push(...result.failures);
      options.progress.increment(result.failures.length);
      yield* result.responses;
    }
    tally.failures.set(dataset.name, failures);
    const run = { source: SOURCE, dataset: dataset.name, ingestDate: options.date, runId: options.runId };
    // Before the manifests are written (after this generator ends), so a completed run always has its list.
    if (failures.length > 0) tally.failuresKeys.set(dataset.name, await recordFailedRequests(options.store, run, failures));
  }
}

// #region validate-for-landing
/** The /data checks from api/schemas.ts for metric responses, and plain JSON checks for the look-ups. */
function validateForLanding(tally: Tally, progress: Progress): ValidateResponse {
  return (response) => {
    progress.increment();
    if (response.request.dataset === LOOKUPS_DATASET) return isCompleteJson(response);
    const verdict = validateDataResponse(response);
    if (!verdict.ok) return { ok: false, reason: verdict.reason.message, details: verdict.reason };
    const values = verdict.data.rows.reduce((sum, row) => sum + row.values.length, 0);
    tally.values.set(response.request.dataset, (tally.values.get(response.request.dataset) ?? 0) + values);
    return { ok: true };
  };
}
// #endregion validate-for-landing

/** The checksums of the latest completed landing of each dataset on the date, to tell whether anything changed. */
async function previousLandings(store: LakeStore, datasets: DatasetConfig[], date: string) {
  const previous = new Map<string, { runId: string; checksums: Record<string, string> }>();
  for (const dataset of datasets) {
    const manifest = await findLatestManifest(store, { source: SOURCE, dataset: dataset.name, ingestDate: date });
    if (manifest) previous.set(dataset.name, { runId: manifest.runId, checksums: manifestChecksums(manifest) });
  }
  return previous;
}

function requestsPlanned(dataset: DatasetConfig): number {
  return Math.ceil(dataset.metricTypes.length / dataset.metricTypesPerRequest);
}

type Landing = Awaited<ReturnType<typeof landResponses>>;
type Previous = Awaited<ReturnType<typeof previousLandings>>;

/** What happened to one dataset: landed, quarantined, failed, and whether anything changed. */
async function datasetReport(options: ExtractStepOptions, dataset: DatasetConfig, landing: Landing, tally: Tally, previous: Previous): Promise<DatasetExtract> {
  const { store } = options;
  const landed = landing.datasets.find((d) => d.dataset === dataset.name);
  const checksums = landed ? manifestChecksums(await readManifest(store, landed.manifestKey)) : undefined;
  const before = previous.get(dataset.name);
  const failuresKey = tally.failuresKeys.get(dataset.name);
  const report: DatasetExtract = {
    dataset: dataset.name,
    requested: requestsPlanned(dataset),
    landed: landed?.landed ?? 0,
    quarantined: landed?.quarantined ?? [],
    failed: (tally.failures.get(dataset.name) ?? []).map((failure) => ({ path: failure.request.path, message: failure.message })),
    values: tally.values.get(dataset.name) ?? 0,
    bytes: landed?.bytes ?? 0,
    ...(landed ? { manifestLocation: store.locationOf(landed.manifestKey) } : {}),
    ...(failuresKey ? { failuresLocation: store.locationOf(failuresKey) } : {}),
    ...(checksums && before && sameContent(checksums, before.checksums) ? { sameAsRunId: before.runId } : {}),
  };
  if (report.landed === 0) report.problem = nothingUsable(report);
  for (const { location, reason } of report.quarantined) {
    options.logger.warn({ dataset: dataset.name, location, reason }, `quarantined a response of ${dataset.name}: ${reason}`);
  }
  return report;
}

// #region extract-date
export async function extractDate(options: ExtractStepOptions): Promise<ExtractReport> {
  const started = Date.now();
  const { store, date, runId, logger } = options;
  logger.info({ date, datasets: options.datasets.map((d) => d.name) }, `extract ${date}: started`);
  const previous = await previousLandings(store, options.datasets, date);
  const { groups, lookups } = await resolveComparisonGroups(options.api, options.councils, options.comparisonGroups);
  const tally: Tally = { values: new Map(), failures: new Map(), failuresKeys: new Map() };

  options.progress.start(options.datasets.reduce((sum, dataset) => sum + requestsPlanned(dataset), lookups.length));
  const landing = await landResponses(responsesToLand({ ...options, comparisonGroups: groups }, lookups, tally), {
    store, ingestDate: date, runId, validate: validateForLanding(tally, options.progress),
  }).finally(() => options.progress.stop());

  const datasets: DatasetExtract[] = [];
  for (const dataset of options.datasets) datasets.push(await datasetReport(options, dataset, landing, tally, previous));
  const lookupLanding = landing.datasets.find((d) => d.dataset === LOOKUPS_DATASET);
  const report: ExtractReport = {
    date, runId, durationMs: Date.now() - started, datasets,
    lookups: { requested: lookups.length, landed: lookupLanding?.landed ?? 0, quarantined: lookupLanding?.quarantined.length ?? 0 },
  };
  logger.info({ date, stage: 'extract', durationMs: report.durationMs, ...extractTotals(report) }, `extract ${date}: finished in ${seconds(report.durationMs)}`);
  return report;
}
// #endregion extract-date

function nothingUsable(report: DatasetExtract): string {
  const firstFailure = report.failed[0]?.message;
  const firstReason = report.quarantined[0]?.reason;
  if (firstFailure && report.quarantined.length === 0) return `every request for "${report.dataset}" failed (${report.failed.length}), e.g. ${firstFailure}`;
  return `nothing usable came back for "${report.dataset}": ${report.quarantined.length} quarantined, ${report.failed.length} failed${firstReason ? `, e.g. ${firstReason}` : ''}`;
}

/** Counts across datasets, for the log and the summary. */
export function extractTotals(report: ExtractReport) {
  const sum = (pick: (d: DatasetExtract) => number) => report.datasets.reduce((total, dataset) => total + pick(dataset), 0);
  return {
    requested: sum((d) => d.requested) + report.lookups.requested,
    landed: sum((d) => d.landed) + report.lookups.landed,
    quarantined: sum((d) => d.quarantined.length) + report.lookups.quarantined,
    failed: sum((d) => d.failed.length),
    values: sum((d) => d.values),
    bytes: sum((d) => d.bytes),
  };
}

export function seconds(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}
