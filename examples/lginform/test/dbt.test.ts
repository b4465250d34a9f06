/**
 * The dbt project against a real PostgreSQL: known rows are loaded with the
 * pipeline's own load step, `dbt build` runs from the tools' venv (created
 * on first use), and the marts are checked against figures this test works
 * out itself from the same rows.
 */
import { FolderLakeStore } from '@rbk-lbs/kit/lake/folder-store';
import { startTestDatabase, type TestDatabase } from '@rbk-lbs/kit/services/test-services';
import { readFile, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { COMPARISON_GROUPS } from '../fake-api/catalogue.ts';
import { DbtBuildError, dbtConnectionEnv, runDbt, runDbtBuild } from '../src/dbt.ts';
import { writeDbtDocsSite } from '../src/dbt-docs.ts';
import { landResponses } from '../src/land.ts';
import { loadPartition, type MapResponseToRows } from '../src/load.ts';
import { KINGSTON_UPON_THAMES, type MetricValueRow, SUTTON } from '../src/model.ts';
import { ensureToolsVenv, type ToolsVenv } from '../src/python-tools.ts';

// Installing the venv takes about 40 s the first time; each dbt build a few seconds.
vi.setConfig({ testTimeout: 120_000, hookTimeout: 300_000 });

const here = path.dirname(fileURLToPath(import.meta.url));
const COUNCILS = [KINGSTON_UPON_THAMES, SUTTON] as const;
const POPULATION = '3281';
const DENSITY = '176';

// #region known-rows
/** The members of each council's nearest-neighbour group, from the fake API's catalogue (not from the dbt seed). */
const groupOf = (council: string): string[] => COMPARISON_GROUPS.find((group) => group.owners.includes(council))?.members ?? [];
const AREAS = [...new Set(COUNCILS.flatMap(groupOf))].sort();

type Value = { metric: string; area: string; period: string; value: number | null };

/** Plausible, distinct-enough values; Merton ties with Kingston on density in 2023, and Bromley has none. */
function knownValues(periods: string[], revise: (v: Value) => Value = (v) => v): Value[] {
  return [POPULATION, DENSITY].flatMap((metric) =>
    periods.flatMap((period) =>
      AREAS.map((area, i) => {
        const year = Number(period.slice(4));
        const value = metric === POPULATION ? 150_000 + ((i * 7919 + year * 104_729) % 250_000) : 20 + ((i * 37 + year * 11) % 100) + 0.25;
        let v: Value = { metric, area, period, value };
        if (metric === DENSITY && period === 'cal_2023' && area === 'E09000024') v = { ...v, value: 20 + ((AREAS.indexOf(KINGSTON_UPON_THAMES) * 37 + year * 11) % 100) + 0.25 };
        if (metric === DENSITY && period === 'cal_2023' && area === 'E09000006') v = { ...v, value: null };
        return revise(v);
      }),
    ),
  );
}
// #endregion known-rows

/** The landed body is just the values; this mapping turns it into rows, as the real one does for /data. */
const mapValues: MapResponseToRows = (body, context) =>
  (JSON.parse(Buffer.from(body).toString('utf8')) as Value[]).map(
    (v): MetricValueRow => ({
      dataset: context.dataset, ingestDate: context.ingestDate, runId: context.runId, sourceObject: context.sourceObject,
      metricTypeId: v.metric, metricTypeLabel: v.metric === POPULATION ? 'Total resident population' : 'Population density, persons per hectare',
      areaCode: v.area, areaLabel: `Area ${v.area}`, periodId: v.period, periodLabel: v.period.slice(4),
      value: v.value, formatted: v.value === null ? '-' : String(v.value), publicationStatus: v.value === null ? 'Missing' : 'Published',
    }),
  );

let db: TestDatabase;
let client: pg.Client;
let venv: ToolsVenv;
let lakeDir: string;
let stateDir: string;
let store: FolderLakeStore;

async function load(values: Value[], options: { dataset: string; ingestDate: string; landingRunId: string }): Promise<void> {
  const { dataset, ingestDate, landingRunId } = options;
  await landResponses(
    [{ request: { dataset, path: '/data?test' }, status: 200, contentType: 'application/json', receivedAt: `${ingestDate}T06:00:00.000Z`, body: Buffer.from(JSON.stringify(values)) }],
    { store, ingestDate, runId: landingRunId },
  );
  const summary = await loadPartition({ store, client, dataset, ingestDate, runId: `load-${landingRunId}`, mapResponseToRows: mapValues });
  expect(summary.status).toBe('loaded');
}

const build = (extra: Partial<Parameters<typeof runDbtBuild>[0]> = {}) =>
  runDbtBuild({ databaseUrl: db.connectionString, stateDir, onLine: () => undefined, ...extra });

// #region expected-figures
/** What the mart should say, worked out here from the values loaded. */
function expectedComparison(values: Value[], council: string, metric: string, period: string) {
  const at = (area: string, p: string) => values.find((v) => v.metric === metric && v.area === area && v.period === p)?.value ?? null;
  const members = groupOf(council);
  const groupValues = members.map((area) => at(area, period)).filter((v): v is number => v !== null).sort((a, b) => a - b);
  const middle = groupValues.length / 2;
  const median = groupValues.length % 2 === 1 ? groupValues[Math.floor(middle)]! : (groupValues[middle - 1]! + groupValues[middle]!) / 2;
  const value = at(council, period);
  const previous = at(council, `cal_${Number(period.slice(4)) - 1}`);
  return {
    value,
    group_median: median,
    group_min: groupValues[0],
    group_max: groupValues.at(-1),
    rank_in_group: value === null ? null : 1 + groupValues.filter((v) => v > value).length,
    group_values_count: groupValues.length,
    group_size: members.length,
    change_since_previous: value === null || previous === null ? null : value - previous,
  };
}
// #endregion expected-figures

async function martRow(council: string, metric: string, period: string) {
  const { rows } = await client.query(
    `select value, group_median, group_min, group_max, rank_in_group, group_values_count, group_size, change_since_previous
       from marts.council_neighbour_comparison where council_area_code = $1 and metric_type_id = $2 and period_id = $3`,
    [council, metric, period],
  );
  expect(rows).toHaveLength(1);
  const row = rows[0] as Record<string, string | number | null>;
  const number = (v: string | number | null | undefined) => (v === null || v === undefined ? null : Number(v));
  return {
    value: number(row.value), group_median: number(row.group_median), group_min: number(row.group_min), group_max: number(row.group_max),
    rank_in_group: row.rank_in_group, group_values_count: row.group_values_count, group_size: row.group_size,
    change_since_previous: number(row.change_since_previous),
  };
}

const factRows = async () =>
  (await client.query('select * from marts.fct_metric_values order by metric_value_key')).rows as Record<string, unknown>[];

beforeAll(async () => {
  venv = await ensureToolsVenv();
  db = await startTestDatabase(path.resolve(here, '../.data/test-postgres'));
  client = new pg.Client({ connectionString: db.connectionString });
  await client.connect();
  lakeDir = await mkdtemp(path.join(os.tmpdir(), 'dbt-test-lake-'));
  store = new FolderLakeStore(lakeDir);
  // Each test file's dbt writes its own target/, so files running at once do not collide.
  stateDir = await mkdtemp(path.join(path.resolve(here, '../.data'), 'dbt-test-'));
});

afterAll(async () => {
  await client?.end();
  await db?.stop();
  if (lakeDir) await rm(lakeDir, { recursive: true, force: true });
  if (stateDir) await rm(stateDir, { recursive: true, force: true });
});

describe('dbtConnectionEnv', () => {
  it('splits DATABASE_URL into the variables profiles.yml reads', () => {
    expect(dbtConnectionEnv('postgres://loader:s%40cret%2Fx@db.example.internal:6543/warehouse?sslmode=require')).toEqual({ // secretlint-disable-line -- a made-up password for the parsing test
      DBT_PG_HOST: 'db.example.internal', DBT_PG_PORT: '6543', DBT_PG_USER: 'loader', DBT_ENV_SECRET_PG_PASSWORD: 's@cret/x',
      DBT_PG_DBNAME: 'warehouse', DBT_PG_SSLMODE: 'require',
    });
    expect(dbtConnectionEnv('postgresql://analyst@127.0.0.1')).toMatchObject({ DBT_PG_PORT: '5432', DBT_PG_DBNAME: 'analyst', DBT_PG_SSLMODE: 'prefer' });
    expect(() => dbtConnectionEnv('mysql://u@h/db')).toThrow(/must start postgres:\/\//);
  });
});

describe('dbt build on loaded rows', () => {
  const first = knownValues(['cal_2022', 'cal_2023']);
  // The next day's run: Kingston's 2023 population revised, and 2024 published.
  const revised = knownValues(['cal_2023', 'cal_2024'], (v) =>
    v.metric === POPULATION && v.area === KINGSTON_UPON_THAMES && v.period === 'cal_2023' ? { ...v, value: v.value! + 1000 } : v,
  );

  it('builds the marts, and the comparison matches figures worked out from the rows', async () => {
    await load(first, { dataset: 'population', ingestDate: '2024-03-31', landingRunId: '20240331T060000Z-aaaaaa' });
    const result = await build();

    expect(result.marts.map((mart) => [mart.name, mart.rows])).toEqual([
      ['council_neighbour_comparison', 2 * 2 * 2],
      ['dim_areas', AREAS.length],
      ['dim_metric_types', 2],
      ['dim_periods', 2],
      ['fct_metric_values', 2 * AREAS.length * 2],
    ]);
    expect(result.counts.error ?? 0).toBe(0);
    for (const council of COUNCILS) {
      for (const metric of [POPULATION, DENSITY]) {
        for (const period of ['cal_2022', 'cal_2023']) {
          expect(await martRow(council, metric, period), `${council} ${metric} ${period}`).toEqual(expectedComparison(first, council, metric, period));
        }
      }
    }
    // The fixed points the figures above rest on: a tie shares a rank, and a missing value is left out.
    const density = await martRow(KINGSTON_UPON_THAMES, DENSITY, 'cal_2023');
    expect(density.group_values_count).toBe(groupOf(KINGSTON_UPON_THAMES).length - 1);
    const { rows: tied } = await client.query(
      `select rank_in_group from intermediate.int_neighbour_group_comparisons
        where owner_area_code = $1 and metric_type_id = $2 and period_id = 'cal_2023' and area_code in ($1, 'E09000024')`,
      [KINGSTON_UPON_THAMES, DENSITY],
    );
    expect(new Set(tied.map((row) => (row as { rank_in_group: number }).rank_in_group)).size).toBe(1);
  });

  // #region incremental-equals-full-refresh
  it('takes the next run incrementally: the latest value per key wins, and the fact equals a full rebuild', async () => {
    await load(revised, { dataset: 'population', ingestDate: '2024-04-01', landingRunId: '20240401T060000Z-bbbbbb' });
    const result = await build();
    expect(result.marts.find((mart) => mart.name === 'fct_metric_values')?.rows).toBe(2 * AREAS.length * 3);

    // 2022 from the first partition, 2023 and 2024 from the second.
    const current = [...first.filter((v) => v.period === 'cal_2022'), ...revised];
    for (const council of COUNCILS) {
      for (const period of ['cal_2023', 'cal_2024']) {
        expect(await martRow(council, POPULATION, period), `${council} ${period}`).toEqual(expectedComparison(current, council, POPULATION, period));
      }
    }
    const kingston2023 = await martRow(KINGSTON_UPON_THAMES, POPULATION, 'cal_2023');
    expect(kingston2023.value).toBe(first.find((v) => v.metric === POPULATION && v.area === KINGSTON_UPON_THAMES && v.period === 'cal_2023')!.value! + 1000);

    const incremental = await factRows();
    await build({ fullRefresh: true, select: ['fct_metric_values'] });
    expect(await factRows()).toEqual(incremental);
  });
  // #endregion incremental-equals-full-refresh

  it('writes the docs site with the lineage graph from nothing, as the site build does', async () => {
    const outDir = path.join(stateDir, 'docs-site');
    const files = await writeDbtDocsSite(outDir);
    expect(files.map((file) => path.basename(file))).toEqual(['index.html', 'manifest.json', 'catalog.json']);
    const manifest = JSON.parse(await readFile(path.join(outDir, 'manifest.json'), 'utf8')) as { nodes: Record<string, { description: string; columns: Record<string, { description: string }> }>; parent_map: Record<string, string[]> };
    const mart = manifest.nodes['model.lginform.council_neighbour_comparison'];
    expect(mart?.description).toMatch(/nearest-neighbour group/);
    expect(manifest.parent_map['model.lginform.council_neighbour_comparison']).toContain('model.lginform.int_neighbour_group_comparisons');
    // Every model and every column has a description.
    for (const [id, node] of Object.entries(manifest.nodes).filter(([id]) => id.startsWith('model.'))) {
      expect(node.description.trim(), id).not.toBe('');
      for (const [name, column] of Object.entries(node.columns)) expect(column.description.trim(), `${id}.${name}`).not.toBe('');
    }
    const catalog = JSON.parse(await readFile(path.join(outDir, 'catalog.json'), 'utf8')) as { nodes: Record<string, { columns: Record<string, unknown> }> };
    expect(Object.keys(catalog.nodes['model.lginform.council_neighbour_comparison']?.columns ?? {})).toContain('rank_in_group');
    expect(await readFile(path.join(outDir, 'index.html'), 'utf8')).toMatch(/<html/i);
  });

  it('judges freshness by the run log: fresh after a load, an error when the last load is four days old', async () => {
    const fresh = await runDbt(['source', 'freshness'], { databaseUrl: db.connectionString, stateDir, onLine: () => undefined }, venv);
    expect(fresh.code).toBe(0);
    await client.query(`update raw.pipeline_run_log set finished_at = finished_at - interval '5 days', started_at = started_at - interval '5 days'`);
    try {
      const stale = await runDbt(['source', 'freshness'], { databaseUrl: db.connectionString, stateDir, onLine: () => undefined }, venv);
      expect(stale.code).toBe(1);
      expect(stale.tail.join('\n')).toMatch(/ERROR STALE freshness of lginform\.lginform_metric_values/);
    } finally {
      await client.query(`update raw.pipeline_run_log set finished_at = finished_at + interval '5 days', started_at = started_at + interval '5 days'`);
    }
  });

  it('keeps the seed of group members equal to the fake API\'s groups', async () => {
    const csv = await readFile(path.resolve(here, '../dbt/seeds/lginform_comparison_group_members.csv'), 'utf8');
    const seeded = csv.trim().split('\n').slice(1).map((line) => line.split(','));
    const expected = COUNCILS.flatMap((council) => {
      const group = COMPARISON_GROUPS.find((g) => g.owners.includes(council))!;
      return group.members.map((member) => [group.identifier, council, member]);
    });
    expect(seeded).toEqual(expected);
  });

  // #region failing-build
  it('fails naming the test when a value is outside its plausible range, and leaves the marts as they were', async () => {
    const before = await martRow(KINGSTON_UPON_THAMES, POPULATION, 'cal_2024');
    // A unit slip: pounds where thousands of pounds were expected, as it were.
    await load([{ metric: POPULATION, area: KINGSTON_UPON_THAMES, period: 'cal_2024', value: 180_000_000 }], {
      dataset: 'population-fix', ingestDate: '2024-04-02', landingRunId: '20240402T060000Z-cccccc',
    });
    const error = await build().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DbtBuildError);
    const failures = (error as DbtBuildError).failures;
    expect(failures.map((f) => [f.resourceType, f.status])).toEqual([['test', 'fail']]);
    expect(failures[0]?.name).toMatch(/^value_in_plausible_range_fct_metric_values_value/);
    expect((error as Error).message).toMatch(/^dbt build failed \(exit code 1\): 1 node did not pass:\n {2}test value_in_plausible_range_fct_metric_values_value.*failing rows in .*test_failures/);
    const { rows } = await client.query(`select metric_type_id, value from ${failures[0]!.failuresRelation!}`);
    expect(rows.map((row) => [row.metric_type_id, Number(row.value)])).toEqual([[POPULATION, 180_000_000]]);
    // Models downstream of the failed test were skipped: the comparison still shows the last good build.
    expect(await martRow(KINGSTON_UPON_THAMES, POPULATION, 'cal_2024')).toEqual(before);
  });
  // #endregion failing-build
});
