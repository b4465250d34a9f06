import { FolderLakeStore } from '@rbk-lbs/kit/lake/folder-store';
import { rawPartKey } from '@rbk-lbs/kit/lake/keys';
import { type LakeStore } from '@rbk-lbs/kit/lake/store';
import { s3EmulatorsFromEnv } from '@rbk-lbs/kit/services/s3-emulators';
import { startTestBucket, startTestDatabase, type TestBucket, type TestDatabase } from '@rbk-lbs/kit/services/test-services';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '@rbk-lbs/kit/logger';
import { createProgress } from '@rbk-lbs/kit/progress';
import { readFileSync } from 'node:fs';
import { PassThrough } from 'node:stream';
import { landResponses } from '../src/land.ts';
import { type DatasetConfig } from '../src/datasets.ts';
import { loadDate } from '../src/load-step.ts';
import { loadPartition, type MapResponseToRows, NothingToLoadError, RawIntegrityError } from '../src/load.ts';
import { type MetricValueRow, type RawResponse } from '../src/model.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const ingestDate = '2024-03-31';

/** A tiny stand-in for the real /data mapping: {"values": [{metric, area, period, value}]}. */
type TinyBody = { values: { metric: string; area: string; period: string; value: number | null }[] };
const tinyMapping: MapResponseToRows = (body, context) =>
  (JSON.parse(Buffer.from(body).toString('utf8')) as TinyBody).values.map(
    (v): MetricValueRow => ({
      dataset: context.dataset, ingestDate: context.ingestDate, runId: context.runId,
      metricTypeId: v.metric, metricTypeLabel: `Metric ${v.metric}`, areaCode: v.area, areaLabel: `Area ${v.area}\twith a tab`,
      periodId: v.period, periodLabel: `Period ${v.period}`, value: v.value, formatted: v.value === null ? null : v.value.toFixed(1),
      publicationStatus: 'final', sourceObject: context.sourceObject,
    }),
  );

/** Pages of metric values for two councils; `scale` changes the values. */
function responses(dataset: string, pages: number, perPage: number, scale = 1): RawResponse[] {
  return Array.from({ length: pages }, (_, page) => ({
    request: { dataset, path: `/data?page=${page + 1}`, page: page + 1 },
    status: 200,
    contentType: 'application/json',
    receivedAt: '2024-03-31T10:00:00.000Z',
    body: Buffer.from(JSON.stringify({
      values: Array.from({ length: perPage }, (_, i) => ({
        metric: String(100 + page), area: i % 2 === 0 ? 'E09000021' : 'E09000029', period: `P${i}`, value: i % 5 === 0 ? null : i * scale,
      })),
    })),
  }));
}

let db: TestDatabase;
let client: pg.Client;

async function tableState(dataset: string) {
  const { rows } = await client.query<{ count: string; md5: string | null }>(
    `SELECT count(*) AS count, md5(string_agg(t::text, '|' ORDER BY metric_type_id, area_code, period_id)) AS md5
       FROM raw.lginform_metric_values t WHERE dataset = $1 AND ingest_date = $2`,
    [dataset, ingestDate],
  );
  return { count: Number(rows[0]?.count), md5: rows[0]?.md5 ?? null };
}

async function runLog(dataset: string) {
  const { rows } = await client.query(
    `SELECT run_id, status, rows_in, rows_out, objects, checksums, error FROM raw.pipeline_run_log
      WHERE pipeline = 'lginform' AND step = 'load' AND partition_key = $1 ORDER BY id`,
    [`${dataset}/${ingestDate}`],
  );
  return rows as { run_id: string; status: string; rows_in: string | null; rows_out: string | null; objects: number; checksums: Record<string, string>; error: string | null }[];
}

beforeAll(async () => {
  db = await startTestDatabase(path.resolve(here, '../.data/test-postgres'));
  client = new pg.Client({ connectionString: db.connectionString });
  await client.connect();
}, 120_000);

afterAll(async () => {
  await client?.end();
  await db?.stop();
}, 60_000);

type StoreCase = { name: string; open: () => Promise<{ store: LakeStore; close: () => Promise<void> }> };
const folderCase: StoreCase = {
  name: 'a folder',
  open: async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), 'load-'));
    return { store: new FolderLakeStore(root), close: () => rm(root, { recursive: true, force: true }) };
  },
};
const stores: StoreCase[] = [
  folderCase,
  ...s3EmulatorsFromEnv().map((kind) => ({
    name: `S3 on ${kind}`,
    open: async () => {
      const bucket: TestBucket = await startTestBucket(kind);
      return { store: bucket.store(), close: () => bucket.stop() };
    },
  })),
];

describe.each(stores.map((store, index) => ({ ...store, dataset: `finance-${index}` })))('loadPartition from $name', ({ open, dataset }) => {
  let lake: { store: LakeStore; close: () => Promise<void> };
  beforeAll(async () => {
    lake = await open();
  }, 180_000);
  afterAll(() => lake?.close(), 60_000);

  const load = (runId: string, force = false) =>
    loadPartition({ store: lake.store, client, dataset, ingestDate, runId, mapResponseToRows: tinyMapping, force });
  const land = (runId: string, scale = 1) => landResponses(responses(dataset, 3, 400, scale), { store: lake.store, ingestDate, runId });

  it('loads the latest landing, replaces on a re-run, and skips raw content it has already loaded', async () => {
    await land('20240331T100000Z-aaaaaa');
    const first = await load('load-1');
    expect(first).toEqual({ dataset, ingestDate, status: 'loaded', landingRunId: '20240331T100000Z-aaaaaa', objects: 3, rowsIn: 1200, rowsOut: 1200, rowsReplaced: 0 });
    const loaded = await tableState(dataset);
    expect(loaded.count).toBe(1200);

    // Same raw data again: nothing to do, and the run log says so.
    expect(await load('load-2')).toMatchObject({ status: 'unchanged', rowsOut: 0 });
    // A new landing with identical responses: still nothing to do.
    await land('20240331T110000Z-bbbbbb');
    expect(await load('load-3')).toMatchObject({ status: 'unchanged', landingRunId: '20240331T110000Z-bbbbbb' });
    expect(await tableState(dataset)).toEqual(loaded);

    const log = await runLog(dataset);
    expect(log.map((row) => row.status)).toEqual(['succeeded', 'skipped', 'skipped']);
    expect(log[0]).toMatchObject({ run_id: 'load-1', rows_in: '1200', rows_out: '1200', objects: 3, error: null });
    expect(Object.keys(log[0]!.checksums)).toHaveLength(3);
  });

  it('gives the same rows and checksum when a date is loaded twice', async () => {
    await land('20240331T103000Z-dddddd');
    // force: load even though the content matches the last load.
    const before = await load('load-4', true);
    const once = await tableState(dataset);
    const again = await load('load-5', true);
    expect(again.rowsReplaced).toBe(before.rowsOut);
    expect(await tableState(dataset)).toEqual(once);
  });

  it('replaces the partition when the raw content changes', async () => {
    await land('20240331T120000Z-cccccc', 2);
    const before = await tableState(dataset);
    const result = await load('load-6');
    expect(result).toMatchObject({ status: 'loaded', landingRunId: '20240331T120000Z-cccccc', rowsOut: 1200, rowsReplaced: 1200 });
    const after = await tableState(dataset);
    expect(after.count).toBe(1200);
    expect(after.md5).not.toBe(before.md5);
    const { rows } = await client.query('SELECT DISTINCT run_id FROM raw.lginform_metric_values WHERE dataset = $1', [dataset]);
    expect(rows).toEqual([{ run_id: '20240331T120000Z-cccccc' }]);
  });
});

describe('loadPartition when something is wrong', () => {
  let lake: { store: LakeStore; close: () => Promise<void> };
  beforeAll(async () => {
    lake = await folderCase.open();
  });
  afterAll(() => lake?.close());
  const loadWith = (dataset: string, map: MapResponseToRows = tinyMapping) =>
    loadPartition({ store: lake.store, client, dataset, ingestDate, runId: `load-${dataset}`, mapResponseToRows: map });

  it('says what to run first when nothing has been landed', async () => {
    const error = await loadWith('never-landed').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NothingToLoadError);
    expect(String(error)).toMatch(/No completed landing for dataset "never-landed" on 2024-03-31 under .*raw\/lginform\/never-landed\/ingest_date=2024-03-31\/\. Run extract/);
  });

  it('keeps the current rows when every response was quarantined', async () => {
    const bad = responses('all-bad', 2, 3).map((r) => ({ ...r, status: 503 }));
    await landResponses(bad, { store: lake.store, ingestDate, runId: 'r1' });
    await expect(loadWith('all-bad')).rejects.toThrow(/Every response .* was quarantined \(2\); the table keeps its current rows/);
  });

  it('rolls back and logs the failure when the mapping fails, keeping the previous rows', async () => {
    await landResponses(responses('flaky', 3, 50), { store: lake.store, ingestDate, runId: 'r1' });
    await loadWith('flaky');
    const before = await tableState('flaky');
    await landResponses(responses('flaky', 3, 50, 3), { store: lake.store, ingestDate, runId: 'r2' });
    let calls = 0;
    const failOnThird: MapResponseToRows = (body, context) => {
      calls += 1;
      if (calls === 3) throw new Error(`unexpected field "valeu" in ${context.sourceObject}`);
      return tinyMapping(body, context);
    };
    await expect(loadWith('flaky', failOnThird)).rejects.toThrow(/rolled back, so the partition is unchanged: unexpected field "valeu" in raw\/lginform\/flaky\/.*part-00002/);
    expect(await tableState('flaky')).toEqual(before);
    expect((await runLog('flaky')).map((row) => [row.status, row.rows_in])).toEqual([['succeeded', '150'], ['failed', '100']]);
    expect((await runLog('flaky'))[1]?.error).toMatch(/valeu/);
  });

  it('refuses a mapping that puts rows in another partition', async () => {
    await landResponses(responses('stray', 1, 5), { store: lake.store, ingestDate, runId: 'r1' });
    const wrongDate: MapResponseToRows = (body, context) => [...tinyMapping(body, context)].map((row) => ({ ...row, ingestDate: '2024-04-01' }));
    await expect(loadWith('stray', wrongDate)).rejects.toThrow(/outside the partition being loaded/);
    expect((await tableState('stray')).count).toBe(0);
  });

  it('refuses a raw object that changed after landing', async () => {
    await landResponses(responses('tampered', 1, 5), { store: lake.store, ingestDate, runId: 'r1' });
    const key = rawPartKey({ source: 'lginform', dataset: 'tampered', ingestDate, runId: 'r1' }, 0);
    await writeFile(lake.store.locationOf(key), gzipSync(Buffer.from('{"values": []}')));
    const error = await loadWith('tampered').catch((e: unknown) => e);
    expect(String(error)).toMatch(/part-00000\.json\.gz has SHA-256 .* but its manifest says/);
    expect((error as Error).cause).toBeInstanceOf(RawIntegrityError);
  });
});

describe('loadDate', () => {
  let lake: { store: LakeStore; close: () => Promise<void> };
  beforeAll(async () => {
    lake = await folderCase.open();
  });
  afterAll(() => lake?.close());

  it('looks up each dataset\'s landing in the lake once, not once for the progress bar and again for the load', async () => {
    const body = readFileSync(path.join(here, 'fixtures/data-rows-by-area.json'));
    const dataResponse = (dataset: string): RawResponse => ({
      request: { dataset, path: '/data?page=1' }, status: 200, contentType: 'application/json', receivedAt: '2024-03-31T10:00:00.000Z', body,
    });
    await landResponses([dataResponse('counted-a'), dataResponse('counted-b')], { store: lake.store, ingestDate, runId: 'r1' });
    // On S3 every listing is a round trip (or several): count them.
    const listed: string[] = [];
    const counting: LakeStore = Object.assign(Object.create(lake.store) as LakeStore, {
      list: (prefix: string) => {
        listed.push(prefix);
        return lake.store.list(prefix);
      },
    });
    const report = await loadDate({
      store: counting, db: client, date: ingestDate, runId: 'load-counted', force: false,
      datasets: ['counted-a', 'counted-b'].map((name): DatasetConfig => ({ name, description: name, metricTypes: ['3281'], periods: { latest: 2 }, metricTypesPerRequest: 20 })),
      logger: createLogger({ runId: 'load-counted', level: 'silent' }),
      progress: createProgress('load', new PassThrough()),
    });
    expect(report.datasets.map((d) => [d.dataset, d.status, d.quarantined, d.failedRequests])).toEqual([['counted-a', 'loaded', 0, 0], ['counted-b', 'loaded', 0, 0]]);
    expect(report.datasets[0]!.rows).toBeGreaterThan(0);
    expect(listed.filter((prefix) => prefix.startsWith('raw/'))).toEqual([
      'raw/lginform/counted-a/ingest_date=2024-03-31/',
      'raw/lginform/counted-b/ingest_date=2024-03-31/',
    ]);
  });
});
