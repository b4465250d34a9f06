/**
 * The Airflow DAG: its pytest integrity tests, then a whole run for one
 * logical date with `airflow dags test` (SQLite metadata database) against
 * the local fake API, a folder lake and a real PostgreSQL. The DAG's tasks
 * run the pipeline's CLI and `dbt build`, as they would in production; the
 * marts are then checked against figures worked out here from the rows the
 * run loaded.
 */
import { startTestDatabase, type TestDatabase } from '@rbk-lbs/kit/services/test-services';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { COMPARISON_GROUPS } from '../fake-api/catalogue.ts';
import { FAKE_CREDENTIALS, startFakeApi, type FakeApi } from '../fake-api/server.ts';
import { KINGSTON_UPON_THAMES, SUTTON } from '../src/model.ts';
import { airflowEnvironment, type Env, ensureToolsVenv, runTool, toolsEnvironment, type ToolsVenv } from '../src/python-tools.ts';

// The venv install (first use only) and `airflow dags test` (about 20 s) are slow.
vi.setConfig({ testTimeout: 240_000, hookTimeout: 300_000 });

const here = path.dirname(fileURLToPath(import.meta.url));
const exampleDir = path.resolve(here, '..');
const repoRoot = path.resolve(exampleDir, '../..');
const LOGICAL_DATE = '2024-03-31';

let venv: ToolsVenv;
let db: TestDatabase;
let client: pg.Client;
let api: FakeApi;
let workDir: string;
let env: Env;

/** The test's environment, without anything from the developer's shell that would point the run elsewhere. */
function isolatedEnv(): Env {
  return Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !/^(AWS_|PG|LGINFORM_|DBT_|AIRFLOW|DATABASE_URL$|LAKE_URL$|LOG_LEVEL$)/.test(name)),
  );
}

/** Processes still running with this test's AIRFLOW_HOME in their environment (Linux /proc). */
async function processesUsing(airflowHome: string): Promise<number[]> {
  if (!existsSync('/proc')) return [];
  const marker = `AIRFLOW_HOME=${airflowHome}\0`;
  const pids = (await readdir('/proc')).filter((name) => /^\d+$/.test(name) && Number(name) !== process.pid);
  const found: number[] = [];
  for (const pid of pids) {
    const environ = await readFile(`/proc/${pid}/environ`, 'latin1').catch(() => '');
    if (environ.includes(marker)) found.push(Number(pid));
  }
  return found;
}

beforeAll(async () => {
  venv = await ensureToolsVenv();
  db = await startTestDatabase(path.join(exampleDir, '.data/test-postgres'));
  client = new pg.Client({ connectionString: db.connectionString });
  await client.connect();
  api = await startFakeApi();
  workDir = await mkdtemp(path.join(os.tmpdir(), 'lginform-airflow-'));
  const airflowHome = path.join(workDir, 'airflow');
  // #region airflow-test-environment
  env = toolsEnvironment(venv, isolatedEnv(), {
    ...airflowEnvironment(airflowHome),
    // What a deployment sets from its secrets store; here the test's own services.
    LGINFORM_REPO_ROOT: repoRoot,
    DATABASE_URL: db.connectionString,
    LAKE_URL: path.join(workDir, 'lake'),
    LGINFORM_BASE_URL: api.url,
    LGINFORM_APPLICATION_KEY: FAKE_CREDENTIALS.applicationKey,
    LGINFORM_PRIVATE_KEY: FAKE_CREDENTIALS.privateKey,
    LGINFORM_REQUESTS_PER_SECOND: '0',
    DBT_TARGET_PATH: path.join(workDir, 'dbt/target'),
    DBT_LOG_PATH: path.join(workDir, 'dbt/logs'),
    LOG_LEVEL: 'info',
  });
  // #endregion airflow-test-environment
  const migrated = await runTool('airflow', ['db', 'migrate'], { venv, env, onLine: () => undefined });
  expect(migrated.code, migrated.tail.join('\n')).toBe(0);
});

afterAll(async () => {
  await client?.end();
  await db?.stop();
  await api?.close();
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

describe('the lginform DAG', () => {
  // #region run-pytest
  it('passes its integrity tests (pytest)', async () => {
    const run = await runTool('pytest', ['-q'], { venv, env, cwd: path.join(exampleDir, 'airflow'), onLine: () => undefined });
    // pytest's exit code 5 means it collected no tests: a test run that proves nothing.
    if (run.code === 5) throw new Error(`pytest collected no tests in examples/lginform/airflow/tests:\n${run.tail.join('\n')}`);
    expect(run.code, run.tail.join('\n')).toBe(0);
    const passed = Number(/(\d+) passed/.exec(run.tail.join('\n'))?.[1] ?? 0);
    expect(passed).toBeGreaterThanOrEqual(10);
  });
  // #endregion run-pytest

  it('runs end to end for one logical date with airflow dags test, and the marts hold what was loaded', async () => {
    const output: string[] = [];
    const run = await runTool('airflow', ['dags', 'test', 'lginform_pipeline', LOGICAL_DATE], { venv, env, onLine: (line) => output.push(line), keepLines: 200 });
    const log = output.join('\n');

    // Airflow 3.3.2's `dags test` marks a DAG that has a deadline alert successful,
    // then crashes tidying up the deadline, so the run's final state is rolled back
    // and it exits 1 (apache/airflow#73428; fix proposed in apache/airflow#73430).
    // Accept exactly that, with every task successful; drop this when the pin moves
    // past the fix. The scheduler's own path is not affected.
    const knownDeadlineBug = run.code === 1 && /Marking run <DagRun lginform_pipeline .*> successful/.test(log) &&
      log.includes("AttributeError: 'dict' object has no attribute 'hex'");
    if (run.code !== 0) expect(knownDeadlineBug, `airflow dags test exited ${run.code}:\n${output.slice(-60).join('\n')}`).toBe(true);

    // The states Airflow recorded in its metadata database.
    const states = await runTool('python', ['-c', [
      'import json, sqlite3, sys',
      'db = sqlite3.connect(sys.argv[1])',
      "runs = db.execute(\"select state from dag_run where dag_id = 'lginform_pipeline'\").fetchall()",
      "tasks = db.execute(\"select task_id, state from task_instance where dag_id = 'lginform_pipeline'\").fetchall()",
      "print(json.dumps({'runs': [r[0] for r in runs], 'tasks': dict(tasks)}))",
    ].join('\n'), path.join(env.AIRFLOW_HOME!, 'airflow.db')], { venv, env, onLine: () => undefined });
    expect(JSON.parse(states.tail.at(-1) ?? '{}')).toEqual({
      runs: [knownDeadlineBug ? 'running' : 'success'],
      tasks: { extract_and_land: 'success', load: 'success', dbt_build: 'success' },
    });

    // The data came from the fake API through the CLI...
    expect(api.requests.filter((request) => request.path.startsWith('/data?') && request.status === 200).length).toBeGreaterThan(0);
    const datasets = (JSON.parse(await readFile(path.join(exampleDir, 'datasets.json'), 'utf8')) as { datasets: { name: string; metricTypes: string[] }[] }).datasets;
    const { rows: loads } = await client.query(
      `select partition_key from raw.pipeline_run_log where pipeline = 'lginform' and step = 'load' and status = 'succeeded' order by partition_key`,
    );
    expect(loads.map((row) => (row as { partition_key: string }).partition_key)).toEqual(datasets.map((d) => `${d.name}/${LOGICAL_DATE}`).sort());

    // ...and the mart says what the loaded rows say.
    await expectMartToMatchRawRows(datasets.flatMap((d) => d.metricTypes));

    // Nothing the run started is still running.
    expect(await processesUsing(env.AIRFLOW_HOME!)).toEqual([]);
  });
});

// #region mart-from-raw-rows
type RawValue = { metric_type_id: string; area_code: string; period_id: string; value: number | null };

const previousPeriod = (period: string) =>
  period.startsWith('cal_')
    ? `cal_${Number(period.slice(4)) - 1}`
    : `fin_${Number(period.slice(4, 8)) - 1}_${String(Number(period.slice(4, 8)) % 100).padStart(2, '0')}`;

const round6 = (n: number | null | undefined) => (n === null || n === undefined ? null : Number(n.toFixed(6)));

/** Every row of the comparison mart, checked against the same figures worked out here from raw.lginform_metric_values. */
async function expectMartToMatchRawRows(metrics: string[]): Promise<void> {
  const raw = (await client.query<RawValue>(`select metric_type_id, area_code, period_id, value from raw.lginform_metric_values where ingest_date = $1`, [LOGICAL_DATE])).rows;
  const valueOf = new Map(raw.map((r) => [`${r.metric_type_id}|${r.area_code}|${r.period_id}`, r.value === null ? null : Number(r.value)]));
  const periodsOf = (metric: string) => [...new Set(raw.filter((r) => r.metric_type_id === metric).map((r) => r.period_id))];

  const expected = [KINGSTON_UPON_THAMES, SUTTON].flatMap((council) => {
    const members = COMPARISON_GROUPS.find((group) => group.owners.includes(council))!.members;
    return metrics.flatMap((metric) =>
      periodsOf(metric).map((period) => {
        const at = (area: string, p: string) => valueOf.get(`${metric}|${area}|${p}`) ?? null;
        const values = members.map((area) => at(area, period)).filter((v): v is number => v !== null).sort((a, b) => a - b);
        const half = values.length / 2;
        const median = values.length === 0 ? null : values.length % 2 === 1 ? values[Math.floor(half)]! : (values[half - 1]! + values[half]!) / 2;
        const value = at(council, period);
        const previous = at(council, previousPeriod(period));
        return {
          council, metric, period, value: round6(value), median: round6(median), min: round6(values[0]), max: round6(values.at(-1)),
          rank: value === null ? null : 1 + values.filter((v) => v > value).length,
          change: value === null || previous === null ? null : round6(value - previous),
        };
      }),
    );
  });

  const { rows } = await client.query(
    `select council_area_code, metric_type_id, period_id, value, group_median, group_min, group_max, rank_in_group, change_since_previous
       from marts.council_neighbour_comparison`,
  );
  const number = (v: unknown) => (v === null ? null : round6(Number(v)));
  const actual = rows.map((r) => ({
    council: r.council_area_code as string, metric: r.metric_type_id as string, period: r.period_id as string,
    value: number(r.value), median: number(r.group_median), min: number(r.group_min), max: number(r.group_max),
    rank: r.rank_in_group as number | null, change: number(r.change_since_previous),
  }));
  const byKey = (a: { council: string; metric: string; period: string }, b: typeof a) => `${a.council}${a.metric}${a.period}`.localeCompare(`${b.council}${b.metric}${b.period}`);
  expect(actual.length).toBeGreaterThan(0);
  expect(actual.sort(byKey)).toEqual(expected.sort(byKey));
}
// #endregion mart-from-raw-rows
