/**
 * The whole pipeline through its CLI, against a real PostgreSQL server, the
 * local fake API and each lake store (a folder, and S3 on every emulator
 * S3_EMULATOR(S) names): a full run, a re-run, a load killed part way, and
 * every fault the fake API can inject.
 */
import { FolderLakeStore } from '@rbk-lbs/kit/lake/folder-store';
import { findLatestManifest } from '@rbk-lbs/kit/lake/manifest';
import { type LakeStore, readObject } from '@rbk-lbs/kit/lake/store';
import { s3EmulatorsFromEnv } from '@rbk-lbs/kit/services/s3-emulators';
import { startTestBucket, startTestDatabase, type TestBucket, type TestDatabase } from '@rbk-lbs/kit/services/test-services';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type FaultKind, FAULT_KINDS } from '../fake-api/faults.ts';
import { FAKE_CREDENTIALS, type FakeApi, startFakeApi } from '../fake-api/server.ts';
import { buildDataPath } from '../src/api/client.ts';
import { signRequest } from '../src/api/sign.ts';
import { readFailedRequests } from '../src/failed-requests.ts';
import { EXAMPLE_DIR, runCli, spawnCli, syntheticMetrics, writeDatasetsFile, type Env } from './setup/cli-harness.ts';

const KINGSTON_GROUP = 'Kingston_upon_Thames_CIPFA_Near_Neighbours';
const SUTTON_GROUP = 'Sutton_CIPFA_Near_Neighbours';
const GROUPS = { E09000021: KINGSTON_GROUP, E09000029: SUTTON_GROUP };
/** Kingston, Sutton and the members of their two groups: the fake's groups overlap, leaving 17 areas. */
const AREAS = 17;

let db: TestDatabase;
let sql: pg.Client;
let api: FakeApi;
let tmp: string;

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'lginform-pipeline-'));
  [db, api] = await Promise.all([startTestDatabase(path.join(EXAMPLE_DIR, '.data/test-postgres')), startFakeApi()]);
  sql = new pg.Client({ connectionString: db.connectionString });
  await sql.connect();
}, 120_000);

afterAll(async () => {
  await sql?.end();
  await Promise.all([db?.stop(), api?.close()]);
  await rm(tmp, { recursive: true, force: true });
}, 60_000);

beforeEach(() => {
  api.setFaults([]);
});

/** Row count and checksums of a partition: of whole rows, and of the values alone (without the lineage columns run_id and source_object). */
async function tableState(dataset: string, date: string) {
  const { rows } = await sql.query<{ count: string; md5: string | null; values_md5: string | null }>(
    `SELECT count(*) AS count,
            md5(string_agg(t::text, '|' ORDER BY metric_type_id, area_code, period_id)) AS md5,
            md5(string_agg(concat_ws(',', metric_type_id, metric_type_label, area_code, area_label, period_id, period_label, value, formatted, publication_status), '|'
                ORDER BY metric_type_id, area_code, period_id)) AS values_md5
       FROM raw.lginform_metric_values t WHERE dataset = $1 AND ingest_date = $2`,
    [dataset, date],
  );
  return { count: Number(rows[0]?.count), md5: rows[0]?.md5 ?? null, valuesMd5: rows[0]?.values_md5 ?? null };
}

async function runLog(dataset: string, date: string) {
  const { rows } = await sql.query<{ run_id: string; status: string; finished_at: Date | null; rows_out: string | null }>(
    `SELECT run_id, status, finished_at, rows_out FROM raw.pipeline_run_log
      WHERE pipeline = 'lginform' AND step = 'load' AND partition_key = $1 ORDER BY id`,
    [`${dataset}/${date}`],
  );
  return rows;
}

type Lake = { name: string; env: Env; store: LakeStore; close(): Promise<void> };

const lakes: { name: string; open(): Promise<Lake> }[] = [
  {
    name: 'a folder',
    open: async () => {
      const root = path.join(tmp, `lake-${randomBytes(3).toString('hex')}`);
      return { name: 'folder', env: { LAKE_URL: root }, store: new FolderLakeStore(root), close: async () => undefined };
    },
  },
  ...s3EmulatorsFromEnv().map((kind) => ({
    name: `S3 on ${kind}`,
    open: async (): Promise<Lake> => {
      const bucket: TestBucket = await startTestBucket(kind);
      const prefix = `lake-${randomBytes(3).toString('hex')}`;
      return {
        name: kind,
        env: {
          LAKE_URL: `s3://${bucket.bucket}/${prefix}`,
          AWS_ENDPOINT_URL: bucket.emulator.endpoint,
          AWS_REGION: 'us-east-1',
          AWS_ACCESS_KEY_ID: 'test',
          AWS_SECRET_ACCESS_KEY: 'test',
        },
        store: bucket.store({ prefix }),
        close: () => bucket.stop(),
      };
    },
  })),
];

describe.each(lakes.map((lake, index) => ({ ...lake, year: 2024 - index, first: index === 0 })))('the pipeline with the lake in $name', ({ open, year, first }) => {
  let lake: Lake;
  let env: (datasetsFile: string, extra?: Env) => Env;
  beforeAll(async () => {
    lake = await open();
    env = (datasetsFile, extra = {}) => ({
      ...lake.env,
      DATABASE_URL: db.connectionString,
      LGINFORM_BASE_URL: api.url,
      LGINFORM_APPLICATION_KEY: FAKE_CREDENTIALS.applicationKey,
      LGINFORM_PRIVATE_KEY: FAKE_CREDENTIALS.privateKey,
      LGINFORM_DATASETS_FILE: datasetsFile,
      LGINFORM_REQUESTS_PER_SECOND: '0',
      ...extra,
    });
  }, 180_000);
  afterAll(() => lake?.close(), 60_000);

  // Each lake gets its own dates, so the shared table keeps their partitions apart.
  const date = `${year}-03-31`;

  it('runs extract -> land -> load for a date: the table holds exactly what the API served', async () => {
    const file = await writeDatasetsFile(tmp, `full-${year}`, {
      datasets: [
        { name: 'population', metricTypes: ['3281', '176'], periods: { latest: 3 } },
        { name: 'spending', metricTypes: ['204', '205', '206'], periods: { latest: 2 }, metricTypesPerRequest: 2 },
      ],
    });
    const result = await runCli(['run', '--skip-dbt', '--date', date], env(file));
    expect(result.code, result.stderr).toBe(0);
    expect(await tableState('population', date)).toMatchObject({ count: 2 * AREAS * 3 });
    expect(await tableState('spending', date)).toMatchObject({ count: 3 * AREAS * 2 });

    const { rows } = await sql.query<{ areas: string; metrics: string[]; periods: string[] }>(
      `SELECT count(DISTINCT area_code) AS areas, array_agg(DISTINCT metric_type_id ORDER BY metric_type_id) AS metrics,
              array_agg(DISTINCT period_id ORDER BY period_id) AS periods
         FROM raw.lginform_metric_values WHERE dataset = 'population' AND ingest_date = $1`,
      [date],
    );
    expect(rows[0]).toEqual({ areas: String(AREAS), metrics: ['176', '3281'], periods: ['cal_2022', 'cal_2023', 'cal_2024'] });

    // One value, compared with what the API itself says for that cell.
    const cell = buildDataPath({ metricTypes: ['3281'], areas: ['E09000029'], periods: { ids: ['cal_2023'] } });
    const served = (await (await fetch(signRequest(`${api.url}${cell}`, FAKE_CREDENTIALS))).json()) as { rows: { values: { value: number | null }[] }[] };
    const { rows: loaded } = await sql.query<{ value: number | null }>(
      `SELECT value FROM raw.lginform_metric_values WHERE dataset = 'population' AND ingest_date = $1 AND metric_type_id = '3281' AND area_code = 'E09000029' AND period_id = 'cal_2023'`,
      [date],
    );
    expect(loaded).toEqual([{ value: served.rows[0]!.values[0]!.value }]);

    // The comparison-group look-ups are raw data too: landed, but not loaded.
    const lookups = await findLatestManifest(lake.store, { source: 'lginform', dataset: 'comparison-groups', ingestDate: date });
    expect(lookups?.objects.map((o) => (o.request as { path: string }).path)).toEqual(['/comparisonGroups?ownerArea=E09000021', '/comparisonGroups?ownerArea=E09000029']);
    expect((await sql.query(`SELECT 1 FROM raw.lginform_metric_values WHERE dataset = 'comparison-groups'`)).rowCount).toBe(0);

    expect(result.stdout).toMatch(/extract {2}5 requests: 5 landed, 0 quarantined, 0 failed; 204 values/);
    expect(result.stdout).toMatch(/load {5}2 datasets: 2 loaded, 0 unchanged, 0 failed; 204 rows loaded/);
    expect(result.stdout).toContain(`Raw objects  ${lake.store.locationOf('raw/lginform/')}<dataset>/ingest_date=${date}/run_id=`);
    expect(result.stdout).toContain(`Database     postgres://postgres:***@127.0.0.1:`);
    expect(result.stdout).toContain('Tables       raw.lginform_metric_values, raw.pipeline_run_log');
    expect(result.logs.map((line) => line.msg)).toEqual(expect.arrayContaining([`extract ${date}: started`, expect.stringMatching(new RegExp(`^load ${date}: finished in`))]));
  });

  it('gives identical rows and checksum when the same date runs again, and says the raw data is unchanged', async () => {
    const file = await writeDatasetsFile(tmp, `twice-${year}`, { datasets: [{ name: 'twice', metricTypes: ['3281', '1', '176'], periods: { latest: 4 } }], comparisonGroups: GROUPS });
    const first = await runCli(['run', '--skip-dbt', '--date', date], env(file));
    expect(first.code, first.stderr).toBe(0);
    const once = await tableState('twice', date);
    expect(once.count).toBe(3 * AREAS * 4);

    const second = await runCli(['run', '--skip-dbt', '--date', date], env(file));
    expect(second.code, second.stderr).toBe(0);
    expect(await tableState('twice', date)).toEqual(once);
    expect(second.stdout).toContain(`Raw data unchanged: every dataset landed the same bytes as its previous landing of ${date}.`);
    expect(second.stdout).toContain('Nothing loaded: the raw data has not changed since it was last loaded');

    // Forced, the partition is replaced, never added to: the same values, now traced to the second landing.
    const forced = await runCli(['load', '--date', date, '--force'], env(file));
    expect(forced.code, forced.stderr).toBe(0);
    const replaced = await tableState('twice', date);
    expect(replaced).toMatchObject({ count: once.count, valuesMd5: once.valuesMd5 });
    expect(replaced.md5).not.toBe(once.md5);
    expect((await runLog('twice', date)).map((row) => row.status)).toEqual(['succeeded', 'skipped', 'succeeded']);
  });

  it('keeps the previous partition when a load is killed during COPY, and the next load completes', async () => {
    const small = await writeDatasetsFile(tmp, `small-${year}`, { datasets: [{ name: 'bulk', metricTypes: ['3281'], periods: { latest: 2 } }], comparisonGroups: GROUPS });
    const big = await writeDatasetsFile(tmp, `big-${year}`, {
      datasets: [{ name: 'bulk', metricTypes: syntheticMetrics(600), periods: { latest: 10 }, metricTypesPerRequest: 25 }],
      comparisonGroups: GROUPS,
    });
    expect((await runCli(['run', '--skip-dbt', '--date', date], env(small))).code).toBe(0);
    const before = await tableState('bulk', date);
    expect(before.count).toBe(AREAS * 2);
    const extracted = await runCli(['extract', '--date', date], env(big));
    expect(extracted.code, extracted.stderr).toBe(0);
    // Extract lands only: its summary must not claim a load.
    expect(extracted.stdout).toContain('Result: exit code 0, success: every requested item was landed.');

    const cli = spawnCli(['load', '--date', date], env(big));
    await cli.waitFor(`load ${date}: started`);
    await waitForCopy();
    cli.child.kill('SIGKILL');
    expect(await cli.exited).toEqual({ code: null, signal: 'SIGKILL' });

    expect(await tableState('bulk', date)).toEqual(before);
    // The killed load's run-log row says it never finished.
    expect((await runLog('bulk', date)).at(-1)).toMatchObject({ status: 'running', finished_at: null });

    const next = await runCli(['load', '--date', date], env(big));
    expect(next.code, next.stderr).toBe(0);
    expect(next.stdout).toContain('Result: exit code 0, success: every requested item was loaded.');
    expect(await tableState('bulk', date)).toMatchObject({ count: 600 * AREAS * 10 });
  });

  /** Every planned request of the dataset is either landed, quarantined or listed as failed: nothing is lost. */
  async function accountedFor(dataset: string, on: string, metricTypes: string[], periods: { latest: number }) {
    const manifest = await findLatestManifest(lake.store, { source: 'lginform', dataset, ingestDate: on });
    const failed = await readFailedRequests(lake.store, { source: 'lginform', dataset, ingestDate: on, runId: manifest!.runId });
    const seen = [...manifest!.objects, ...manifest!.quarantined].map((o) => (o.request as { path: string }).path).concat(failed.map((f) => f.request.path));
    const planned = metricTypes.map((metric) => buildDataPath({ metricTypes: [metric], areas: ['E09000021', 'E09000029', KINGSTON_GROUP, SUTTON_GROUP], periods }));
    expect(seen.sort()).toEqual(planned.sort());
    return { manifest: manifest!, failed };
  }

  const retried: FaultKind[] = ['rate-limited', 'rate-limited-until', 'server-error', 'unavailable', 'slow', 'cut-connection'];
  const quarantined: [FaultKind, RegExp][] = [
    ['truncated-body', /The JSON stops part-way/],
    ['html-error-page', /The API answered 200 with an HTML page, not JSON/],
    ['renamed-field', /The JSON is not in the \/data shape this pipeline reads/],
    ['wrong-content-type', /The API answered with Content-Type "text\/plain; charset=utf-8", not application\/json/],
  ];
  it('covers every fault the fake API can inject', () => {
    expect([...retried, ...quarantined.map(([kind]) => kind)].sort()).toEqual([...FAULT_KINDS].sort());
  });

  const metricTypes = ['3281', '176', '1'];
  const periods = { latest: 2 };
  const faultEnv = async (kind: string) => env(
    await writeDatasetsFile(tmp, `faults-${kind}-${year}`, { datasets: [{ name: `fault-${kind}`, metricTypes, periods, metricTypesPerRequest: 1 }], comparisonGroups: GROUPS }),
    { LGINFORM_REQUEST_TIMEOUT_SECONDS: '1', LGINFORM_MAX_ATTEMPTS: '3' },
  );

  // Retries never reach the lake, and their waits are real: they run with the first lake only.
  if (first) it.each(retried)('retries %s, loads everything and exits 0', async (kind) => {
    const on = `${year}-05-01`;
    api.setFaults([{ kind, path: '/data', retryAfterSeconds: 1, delayMs: 3_000 }]);
    const result = await runCli(['run', '--skip-dbt', '--date', on], await faultEnv(kind));
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(api.pendingFaults()).toEqual([]);
    expect(result.logs.find((line) => line.level === 40 && /^retrying .*\/data\?/.test(line.msg))).toBeDefined();
    expect((await tableState(`fault-${kind}`, on)).count).toBe(metricTypes.length * AREAS * 2);
    await accountedFor(`fault-${kind}`, on, metricTypes, periods);
  });

  it.each(quarantined)('quarantines %s with its reason, loads the rest and exits 3', async (kind, reason) => {
    const on = `${year}-05-02`;
    api.setFaults([{ kind, path: '/data' }]);
    const result = await runCli(['run', '--skip-dbt', '--date', on], await faultEnv(kind));
    expect(result.code, result.stdout + result.stderr).toBe(3);
    expect((await tableState(`fault-${kind}`, on)).count).toBe((metricTypes.length - 1) * AREAS * 2);
    const { manifest } = await accountedFor(`fault-${kind}`, on, metricTypes, periods);
    expect(manifest.quarantined).toHaveLength(1);
    const why = JSON.parse((await readObject(lake.store, manifest.quarantined[0]!.reasonKey)).toString()) as { reason: string };
    expect(why.reason).toMatch(reason);
    expect(result.stdout).toMatch(new RegExp(`Quarantined \\(fault-${kind}\\): 1 response, each beside a \\.reason\\.json, e\\.g\\. ${escape(lake.store.locationOf('quarantine/lginform/'))}.*part-00000\\.json\\.gz: `));
    expect(result.stdout).toMatch(/Result: exit code 3, .* 1 response quarantined, 0 requests failed to download\./);
  });

  it('lists a request that never got an answer, loads the rest and exits 3', async () => {
    const on = `${year}-05-03`;
    api.setFaults([{ kind: 'server-error', path: '/data', times: 3 }]);
    // One request at a time, so the first request gets all three errors.
    const result = await runCli(['run', '--skip-dbt', '--date', on], { ...(await faultEnv('lost')), LGINFORM_CONCURRENCY: '1' });
    expect(result.code, result.stdout + result.stderr).toBe(3);
    const { failed } = await accountedFor('fault-lost', on, metricTypes, periods);
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({ status: 500, attempts: 3, message: expect.stringContaining('HTTP 500') as string });
    expect((await tableState('fault-lost', on)).count).toBe((metricTypes.length - 1) * AREAS * 2);
    expect(result.stdout).toMatch(new RegExp(`Failed to download \\(fault-lost\\): 1 request, listed in ${escape(lake.store.locationOf('quarantine/lginform/fault-lost/'))}.*_failed-requests\\.json`));

    // load on its own reads the same landing, and says the same.
    const again = await runCli(['load', '--date', on], await faultEnv('lost'));
    expect(again.code).toBe(3);
    expect(again.stdout).toMatch(/kept out 0 quarantined responses and 1 failed request/);
  });

  it('fails with exit 1 and a one-line reason when nothing usable comes back, keeping the rows it had', async () => {
    const on = `${year}-05-04`;
    const file = await faultEnv('none');
    expect((await runCli(['run', '--skip-dbt', '--date', on], file)).code).toBe(0);
    const before = await tableState('fault-none', on);
    api.setFaults([{ kind: 'server-error', path: '/data', times: 9 }]);
    const result = await runCli(['run', '--skip-dbt', '--date', on], file);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(new RegExp(`^lginform: run ${on} failed: extract: every request for "fault-none" failed \\(3\\), e\\.g\\. GET .* failed after 3 attempts: HTTP 500\\.[^\\n]*$`, 'm'));
    expect(await tableState('fault-none', on)).toEqual(before);
  });

  it('stops a backfill at the first failed date and says which dates were done', async () => {
    // A "slow" fault of 0 ms is served normally: the first date's three requests use those up,
    // and every request after them gets an HTML page.
    api.setFaults([{ kind: 'slow', path: '/data', delayMs: 0, times: 3 }, { kind: 'html-error-page', path: '/data', times: 100 }]);
    const result = await runCli(['run', '--skip-dbt', '--from', `${year}-06-01`, '--to', `${year}-06-03`], await faultEnv('backfill'));
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(`Dates done: ${year}-06-01. Failed: ${year}-06-02. Not run: ${year}-06-03.`);
    expect(result.stderr).toContain(`lginform: run ${year}-06-02 failed: extract: nothing usable came back for "fault-backfill": 3 quarantined, 0 failed`);
    expect((await tableState('fault-backfill', `${year}-06-01`)).count).toBe(metricTypes.length * AREAS * 2);
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** Polls until a COPY into the metric values table is running. */
async function waitForCopy(timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const { rowCount } = await sql.query(`SELECT 1 FROM pg_stat_activity WHERE state = 'active' AND query LIKE 'COPY "raw"."lginform_metric_values"%'`);
    if (rowCount) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('No COPY into raw.lginform_metric_values started in time.');
}
