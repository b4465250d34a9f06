/** The whole run against a fake API and a lake in a temporary folder: what lands where, and that a re-run changes nothing. */
import { createHttpClient } from '@rbk-lbs/kit/http-client';
import { FolderLakeStore } from '@rbk-lbs/kit/lake/folder-store';
import { createLogger } from '@rbk-lbs/kit/logger';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type PipelineDeps, runPipeline } from '../src/pipeline.ts';
import { fakeFetch, FIXTURE, type FakeResponse } from './fake-api.ts';

let lake: string;
beforeEach(async () => {
  lake = await mkdtemp(path.join(tmpdir(), 'pipeline-test-'));
});
afterEach(async () => {
  await rm(lake, { recursive: true, force: true });
});

function deps(responses?: FakeResponse[]): PipelineDeps & { fetch: ReturnType<typeof fakeFetch> } {
  const fetch = fakeFetch(responses);
  return {
    fetch,
    // No waiting between retries in a test.
    http: createHttpClient({ fetch, baseDelayMs: 1, maxDelayMs: 1, rateLimit: false }),
    store: new FolderLakeStore(lake),
    logger: createLogger({ runId: 'test', level: 'silent' }),
    sourceUrl: 'https://api.test/bank-holidays.json',
  };
}

describe('runPipeline', () => {
  it('lands the exact response in the raw zone and the rows in the clean zone', async () => {
    const summary = await runPipeline('2026-12-31', 'run-1', deps());

    const raw = await readFile(summary.raw.location);
    expect(gunzipSync(raw).toString('utf8')).toBe(FIXTURE);
    expect(summary.raw.location).toContain(path.join('raw', '__PIPELINE_NAME__', 'bank-holidays', 'ingest_date=2026-12-31', 'run_id=run-1'));

    const lines = (await readFile(summary.clean.location, 'utf8')).trimEnd().split('\n');
    expect(lines).toHaveLength(5);
    expect(JSON.parse(lines[0] ?? '')).toMatchObject({ division: 'northern-ireland', date: '2026-07-13' });
    expect(summary.clean.rows).toBe(5);
  });

  it('gives the same clean rows when a date is run again', async () => {
    const first = await runPipeline('2026-12-31', 'run-1', deps());
    const before = await readFile(first.clean.location, 'utf8');
    const second = await runPipeline('2026-12-31', 'run-2', deps());
    expect(second.clean.location).toBe(first.clean.location);
    expect(await readFile(second.clean.location, 'utf8')).toBe(before);
  });

  it('retries a server error and carries on', async () => {
    const withRetry = deps([{ status: 503, body: 'busy' }, { status: 200, body: FIXTURE }]);
    const summary = await runPipeline('2026-12-31', 'run-1', withRetry);
    expect(withRetry.fetch.calls).toBe(2);
    expect(summary.clean.rows).toBe(5);
  });

  it('keeps the raw response but writes no rows when its shape changed', async () => {
    const changed = deps([{ status: 200, body: '{"scotland": {"division": "scotland"}}' }]);
    await expect(runPipeline('2026-12-31', 'run-1', changed)).rejects.toThrow(/expected shape/);
    const landed = await readFile(path.join(lake, 'raw/__PIPELINE_NAME__/bank-holidays/ingest_date=2026-12-31/run_id=run-1/part-00000.json.gz'));
    expect(gunzipSync(landed).toString('utf8')).toContain('scotland');
  });
});
