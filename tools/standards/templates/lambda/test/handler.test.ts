/** The Lambda handler invoked as the scheduler invokes it, against the fake API and a lake in a temporary folder. */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHandler, logicalDateFor } from '../lambda/handler.ts';
import { fakeFetch } from './fake-api.ts';

let lake: string;
beforeEach(async () => {
  lake = await mkdtemp(path.join(tmpdir(), 'handler-test-'));
});
afterEach(async () => {
  await rm(lake, { recursive: true, force: true });
});

describe('logicalDateFor', () => {
  it('is the day before the time the run was due, in London', () => {
    expect(logicalDateFor({ time: '2026-06-01T05:00:00Z' }, new Date('2026-06-03T00:00:00Z'))).toBe('2026-05-31');
  });

  it('is the date the event names, for a re-run', () => {
    expect(logicalDateFor({ time: '2026-06-01T05:00:00Z', detail: { date: '2026-12-25' } }, new Date())).toBe('2026-12-25');
    expect(() => logicalDateFor({ detail: { date: '25/12/2026' } }, new Date())).toThrow(/YYYY-MM-DD/);
  });
});

describe('handler', () => {
  it('runs the pipeline for the event and returns where the data went', async () => {
    const handler = createHandler({ env: { LAKE_URL: lake, LOG_LEVEL: 'silent' }, fetch: fakeFetch() });
    const summary = await handler({ time: '2026-12-26T06:00:00Z', detail: {} });
    expect(summary.date).toBe('2026-12-25');
    expect(summary.clean.rows).toBe(5);
    expect((await readFile(summary.clean.location, 'utf8')).split('\n')).toHaveLength(6);
  });

  it('throws when the run fails, so Lambda retries the event', async () => {
    const handler = createHandler({ env: { LAKE_URL: lake, LOG_LEVEL: 'silent' }, fetch: fakeFetch([{ status: 404, body: 'not found' }]) });
    await expect(handler({ detail: { date: '2026-12-25' } })).rejects.toThrow(/404/);
  });
});
