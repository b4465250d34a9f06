/**
 * Requests that got no response after every retry have no bytes to land or
 * quarantine, yet they must not vanish: "every requested item is either
 * loaded or listed" is what lets a run that exits 3 be trusted. They are
 * listed in one file beside the run's quarantined responses.
 *
 *   quarantine/lginform/<dataset>/ingest_date=YYYY-MM-DD/run_id=<id>/_failed-requests.json
 */
import { rawRunPrefix, type RunRef } from '@rbk-lbs/kit/lake/keys';
import { readObject, type LakeStore } from '@rbk-lbs/kit/lake/store';
import { type ExtractFailure } from './api/client.ts';

/** The run's folder under quarantine/, beside its quarantined responses. */
export function quarantineRunPrefix(run: RunRef): string {
  return rawRunPrefix(run).replace(/^raw\//, 'quarantine/');
}

export function failedRequestsKey(run: RunRef): string {
  return `${quarantineRunPrefix(run)}_failed-requests.json`;
}

export type FailedRequestsFile = RunRef & { recordedAt: string; failures: ExtractFailure[] };

// #region record-failed-requests
/** Writes the list and returns its key. The messages carry no credentials: the client strips them. */
export async function recordFailedRequests(store: LakeStore, run: RunRef, failures: ExtractFailure[], now: Date = new Date()): Promise<string> {
  const key = failedRequestsKey(run);
  const file: FailedRequestsFile = { ...run, recordedAt: now.toISOString(), failures };
  await store.put(key, Buffer.from(`${JSON.stringify(file, null, 2)}\n`), { contentType: 'application/json' });
  return key;
}
// #endregion record-failed-requests

/** The failures recorded for a run, or none when the run had none. */
export async function readFailedRequests(store: LakeStore, run: RunRef): Promise<ExtractFailure[]> {
  const key = failedRequestsKey(run);
  if (!(await store.exists(key))) return [];
  return (JSON.parse((await readObject(store, key)).toString('utf8')) as FailedRequestsFile).failures;
}
