/**
 * The land step: every response from extract goes to the raw zone exactly
 * as received (gzipped, never overwritten), or to quarantine with a reason
 * when it fails validation. A manifest per dataset is written last.
 */
import { quarantineResponse, landRawResponse, type LandedObject, type QuarantinedObject } from '@rbk-lbs/kit/lake/land';
import { type RunRef, quarantinePartKey, quarantineReasonKey, rawPartKey } from '@rbk-lbs/kit/lake/keys';
import { buildManifest, type ResponseRecord, writeManifest } from '@rbk-lbs/kit/lake/manifest';
import { type LakeStore } from '@rbk-lbs/kit/lake/store';
import { type RawResponse, type RequestRecord } from './model.ts';

export const SOURCE = 'lginform';

export type ValidationResult = { ok: true } | { ok: false; reason: string; details?: unknown };
export type ValidateResponse = (response: RawResponse) => ValidationResult;

// #region validate-before-landing
/**
 * The checks every response must pass to enter the raw zone: a 2xx status
 * and a complete JSON body. This catches an HTML error page sent with status
 * 200 and a body cut short. The API's own schema checks are added with
 * `allOf(isCompleteJson, schemaCheck)`.
 */
export function isCompleteJson(response: RawResponse): ValidationResult {
  if (response.status < 200 || response.status > 299) {
    return { ok: false, reason: `the API answered with status ${response.status}` };
  }
  if (!/\bjson\b/i.test(response.contentType ?? '')) {
    return { ok: false, reason: `expected JSON but the content type is "${response.contentType ?? 'missing'}"` };
  }
  try {
    JSON.parse(Buffer.from(response.body).toString('utf8'));
    return { ok: true };
  } catch (error) {
    return { ok: false, reason: 'the body is not complete JSON (truncated or not JSON)', details: String(error) };
  }
}

/** The first failure of several checks, in order, or ok. */
export function allOf(...checks: ValidateResponse[]): ValidateResponse {
  return (response) => checks.map((check) => check(response)).find((result) => !result.ok) ?? { ok: true };
}
// #endregion validate-before-landing

export type LandingOptions = {
  store: LakeStore;
  ingestDate: string;
  runId: string;
  validate?: ValidateResponse;
  now?: () => Date;
};

export type DatasetLanding = {
  dataset: string;
  manifestKey: string;
  landed: number;
  quarantined: { location: string; reason: string }[];
  bytes: number;
  gzipBytes: number;
};

export type LandingSummary = { runId: string; ingestDate: string; datasets: DatasetLanding[] };

type DatasetRun = {
  run: RunRef;
  startedAt: Date;
  landed: { response: ResponseRecord<RequestRecord>; object: LandedObject }[];
  quarantined: { response: ResponseRecord<RequestRecord>; object: QuarantinedObject }[];
};

// #region land-responses
export async function landResponses(
  responses: AsyncIterable<RawResponse> | Iterable<RawResponse>,
  options: LandingOptions,
): Promise<LandingSummary> {
  const { store, ingestDate, runId, validate = isCompleteJson, now = () => new Date() } = options;
  const runs = new Map<string, DatasetRun>();
  for await (const response of responses) {
    const dataset = response.request.dataset;
    const datasetRun = runs.get(dataset) ?? { run: { source: SOURCE, dataset, ingestDate, runId }, startedAt: now(), landed: [], quarantined: [] };
    runs.set(dataset, datasetRun);
    const part = datasetRun.landed.length + datasetRun.quarantined.length;
    const record = { part, request: response.request, status: response.status, contentType: response.contentType ?? null, receivedAt: response.receivedAt };
    const verdict = validate(response);
    if (verdict.ok) {
      const object = await landRawResponse(store, rawPartKey(datasetRun.run, part), response.body);
      datasetRun.landed.push({ response: record, object });
    } else {
      const keys = { bodyKey: quarantinePartKey(datasetRun.run, part), reasonKey: quarantineReasonKey(datasetRun.run, part) };
      const why = { reason: verdict.reason, details: verdict.details, context: { ...record } };
      datasetRun.quarantined.push({ response: record, object: await quarantineResponse(store, keys, response.body, why, now()) });
    }
  }
  // Manifests last: until one exists, load does not see the run at all.
  const datasets: DatasetLanding[] = [];
  for (const datasetRun of runs.values()) {
    const manifest = buildManifest({ ...datasetRun, completedAt: now() });
    const manifestKey = await writeManifest(store, manifest);
    datasets.push({
      dataset: manifest.dataset, manifestKey, landed: manifest.counts.landed,
      quarantined: manifest.quarantined.map((q) => ({ location: store.locationOf(q.key), reason: q.reason })),
      bytes: manifest.bytes.uncompressed, gzipBytes: manifest.bytes.gzip,
    });
  }
  return { runId, ingestDate, datasets };
}
// #endregion land-responses
