import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { copyRows } from '../src/postgres/copy-rows.ts';
import { applyDdl } from '../src/postgres/ddl.ts';
import { EmbeddedPostgresError, embeddedServerMajorVersion, startEmbeddedPostgres } from '../src/postgres/embedded.ts';
import { type CopyRowSource, encodeCopyRow, type EncodedRows } from '../src/postgres/copy-text.ts';
import { PartitionLoadError, replacePartition } from '../src/postgres/replace-partition.ts';
import { ensureRunLog, finishStep, lastSuccessfulChecksums, startStep } from '../src/postgres/run-log.ts';
import { startTestDatabase, type TestDatabase } from '../src/services/test-services.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
// Under the example folder (gitignored): the postgres user can reach it when tests run as root.
const clustersDir = path.resolve(here, '../.data/test-postgres');

const table = { schema: 'loader_test', name: 'values' };
const columns = ['dataset', 'ingest_date', 'item', 'value'];
type Row = [string, string, string, number | null];

function rows(dataset: string, date: string, count: number, tag = 'v1'): Row[] {
  return Array.from({ length: count }, (_, i) => [dataset, date, `${tag}-${i}`, i % 10 === 0 ? null : i / 7]);
}

let db: TestDatabase;
let client: pg.Client;

async function state(dataset?: string, date?: string): Promise<{ count: number; md5: string | null }> {
  const { rows: [result] } = await client.query<{ count: string; md5: string | null }>(
    `SELECT count(*) AS count, md5(string_agg(t::text, '|' ORDER BY dataset, ingest_date, item)) AS md5
       FROM loader_test.values t
      WHERE ($1::text IS NULL OR dataset = $1) AND ($2::date IS NULL OR ingest_date = $2)`,
    [dataset ?? null, date ?? null],
  );
  return { count: Number(result?.count), md5: result?.md5 ?? null };
}

beforeAll(async () => {
  db = await startTestDatabase(clustersDir);
  client = new pg.Client({ connectionString: db.connectionString });
  await client.connect();
});

afterAll(async () => {
  await client?.end();
  await db?.stop();
});

beforeEach(async () => {
  await applyDdl(client, 'loader_test', `
    DROP SCHEMA IF EXISTS loader_test CASCADE;
    CREATE SCHEMA loader_test;
    CREATE TABLE loader_test.values (dataset text NOT NULL, ingest_date date NOT NULL, item text NOT NULL, value double precision,
                                     PRIMARY KEY (dataset, ingest_date, item));
    CREATE TABLE loader_test.texts (id int PRIMARY KEY, body text);`);
});

describe('copyRows', () => {
  it('round-trips text that needs escaping, NULL and the empty string', async () => {
    const awkward = ['tab\there', 'new\nline', 'cr\r\nlf', 'back\\slash', '\\N', '', 'quote " and \' and ,', 'Kingston — £', '\\t literal'];
    const input = [...awkward.map((body, i) => [i, body]), [awkward.length, null]];
    expect(await copyRows(client, { schema: 'loader_test', name: 'texts' }, ['id', 'body'], input)).toBe(input.length);
    const { rows: stored } = await client.query<{ id: number; body: string | null }>('SELECT id, body FROM loader_test.texts ORDER BY id');
    expect(stored.map((row) => [row.id, row.body])).toEqual(input);
  });

  it('streams many rows with flat memory', async () => {
    async function* many() {
      for (let i = 0; i < 200_000; i += 1) yield ['big', '2024-03-31', `item-${i}`, i];
    }
    const before = process.memoryUsage().rss;
    expect(await copyRows(client, table, columns, many())).toBe(200_000);
    expect(process.memoryUsage().rss - before).toBeLessThan(100 * 1024 * 1024);
    expect((await state('big')).count).toBe(200_000);
  });
});

describe('replacePartition', () => {
  const load = (data: CopyRowSource, dataset = 'a', date = '2024-03-31') =>
    replacePartition(client, { table, columns, partition: { dataset, ingest_date: date }, rows: data });

  it('loads a partition, and a re-run gives identical counts and an identical table checksum', async () => {
    await load(rows('b', '2024-03-31', 300), 'b');
    expect(await load(rows('a', '2024-03-31', 1000))).toEqual({ rowsDeleted: 0, rowsCopied: 1000 });
    const first = await state();
    expect(first.count).toBe(1300);

    expect(await load(rows('a', '2024-03-31', 1000))).toEqual({ rowsDeleted: 1000, rowsCopied: 1000 });
    expect(await state()).toEqual(first);
  });

  it('replaces only its own partition', async () => {
    await load(rows('a', '2024-03-31', 100));
    await load(rows('a', '2024-04-30', 50), 'a', '2024-04-30');
    const otherDate = await state('a', '2024-04-30');
    await load(rows('a', '2024-03-31', 10, 'v2'));
    expect(await state('a', '2024-03-31')).toMatchObject({ count: 10 });
    expect(await state('a', '2024-04-30')).toEqual(otherDate);
  });

  it('refuses a row outside the partition and leaves the partition as it was', async () => {
    await load(rows('a', '2024-03-31', 100));
    const before = await state();
    const stray: Row[] = [...rows('a', '2024-03-31', 5, 'v2'), ['a', '2024-04-01', 'stray', 1]];
    const error = await load(stray).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PartitionLoadError);
    expect(String(error)).toMatch(/rolled back.*Row 6 has ingest_date=2024-04-01, outside the partition being loaded/s);
    expect(await state()).toEqual(before);
  });

  it('loads encoded batches stamped with the partition, mixed with single rows, as the same table', async () => {
    await load(rows('a', '2024-03-31', 1000));
    const asRows = await state();
    const batch = (part: Row[]): EncodedRows => ({ encoded: part.map(encodeCopyRow).join(''), rows: part.length, partition: { dataset: 'a', ingest_date: '2024-03-31' } });
    const all = rows('a', '2024-03-31', 1000);
    expect(await load([batch(all.slice(0, 400)), ...all.slice(400, 401), batch(all.slice(401))])).toEqual({ rowsDeleted: 1000, rowsCopied: 1000 });
    expect(await state()).toEqual(asRows);
  });

  it('refuses a batch stamped with another partition, naming its rows, and leaves the partition as it was', async () => {
    await load(rows('a', '2024-03-31', 100));
    const before = await state();
    const stray = rows('a', '2024-04-01', 3);
    const batch: EncodedRows = { encoded: stray.map(encodeCopyRow).join(''), rows: 3, partition: { dataset: 'a', ingest_date: '2024-04-01' } };
    const error = await load([...rows('a', '2024-03-31', 5, 'v2'), batch]).catch((e: unknown) => e);
    expect(String(error)).toMatch(/rolled back.*Rows 6 to 8 are stamped ingest_date=2024-04-01, outside the partition being loaded/s);
    expect(await state()).toEqual(before);
  });

  it('rolls back when the rows fail part way, and the next load works', async () => {
    await load(rows('a', '2024-03-31', 100));
    const before = await state();
    async function* failing() {
      yield* rows('a', '2024-03-31', 5000, 'v2');
      throw new Error('the raw object is truncated');
    }
    await expect(load(failing())).rejects.toThrow(/partition is unchanged: the raw object is truncated/);
    expect(await state()).toEqual(before);
    expect(await load(rows('a', '2024-03-31', 20, 'v3'))).toEqual({ rowsDeleted: 100, rowsCopied: 20 });
  });

  it('serialises two loads of one partition, so both succeed and neither duplicates', async () => {
    await load(rows('c', '2024-03-31', 100), 'c');
    const second = new pg.Client({ connectionString: db.connectionString });
    await second.connect();
    try {
      const results = await Promise.allSettled([
        replacePartition(client, { table, columns, partition: { dataset: 'c', ingest_date: '2024-03-31' }, rows: rows('c', '2024-03-31', 3000, 'x') }),
        replacePartition(second, { table, columns, partition: { dataset: 'c', ingest_date: '2024-03-31' }, rows: rows('c', '2024-03-31', 2000, 'y') }),
      ]);
      expect(results.map((result) => result.status)).toEqual(['fulfilled', 'fulfilled']);
    } finally {
      await second.end();
    }
    expect([2000, 3000]).toContain((await state('c')).count);
  });

  it('leaves the previous partition intact when the loading process is killed mid-COPY', async () => {
    await load(rows('k', '2024-03-31', 500), 'k');
    const before = await state('k');
    const script = path.join(here, 'fixtures/copy-until-killed.ts');
    const child = spawn(process.execPath, ['--import', 'tsx', script, db.connectionString, 'k', '2024-03-31'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = once(child, 'exit');
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('COPYING') && resolve());
      child.once('exit', () => reject(new Error(`the loader exited before copying: ${stderr}`)));
    });
    // The partition's old rows are deleted and 50,000 new ones sent, all uncommitted.
    child.kill('SIGKILL');
    const [, signal] = (await exited) as [number | null, string | null];
    expect(signal).toBe('SIGKILL');

    expect(await state('k')).toEqual(before);
    // The server noticed the lost connection, rolled back and freed the partition's lock.
    expect(await load(rows('k', '2024-03-31', 42, 'v2'), 'k')).toEqual({ rowsDeleted: 500, rowsCopied: 42 });
    expect(await state('k')).toMatchObject({ count: 42 });
  });
});

describe('run log', () => {
  const step = { runId: 'run-1', pipeline: 'demo', step: 'load', partitionKey: 'a/2024-03-31' };

  it('is created idempotently, even by several sessions at once', async () => {
    const others = await Promise.all([1, 2, 3].map(async () => {
      const other = new pg.Client({ connectionString: db.connectionString });
      await other.connect();
      return other;
    }));
    try {
      await Promise.all([client, ...others].map((session) => ensureRunLog(session)));
      await ensureRunLog(client);
    } finally {
      await Promise.all(others.map((other) => other.end()));
    }
    const { rows: found } = await client.query("SELECT to_regclass('raw.pipeline_run_log') AS t");
    expect(found[0]?.t).toBe('raw.pipeline_run_log');
  });

  it('records a step from start to finish and returns the last successful checksums', async () => {
    await ensureRunLog(client);
    await client.query("DELETE FROM raw.pipeline_run_log WHERE pipeline = 'demo'");
    expect(await lastSuccessfulChecksums(client, step)).toBeUndefined();

    const ok = await startStep(client, step, new Date('2024-03-31T10:00:00Z'));
    await finishStep(client, ok, { status: 'succeeded', rowsIn: 10, rowsOut: 10, objects: 2, checksums: { 'raw/a': 'aa', 'raw/b': 'bb' } },
      new Date('2024-03-31T10:01:00Z'));
    const failed = await startStep(client, { ...step, runId: 'run-2' });
    await finishStep(client, failed, { status: 'failed', error: 'boom', checksums: { 'raw/c': 'cc' } });

    expect(await lastSuccessfulChecksums(client, step)).toEqual({ 'raw/a': 'aa', 'raw/b': 'bb' });
    expect(await lastSuccessfulChecksums(client, { ...step, partitionKey: 'other' })).toBeUndefined();
    const { rows: logged } = await client.query(
      "SELECT run_id, status, rows_in, rows_out, objects, error, finished_at - started_at AS took FROM raw.pipeline_run_log WHERE pipeline = 'demo' ORDER BY id",
    );
    expect(logged).toMatchObject([
      { run_id: 'run-1', status: 'succeeded', rows_in: '10', rows_out: '10', objects: 2, error: null, took: { minutes: 1 } },
      { run_id: 'run-2', status: 'failed', error: 'boom' },
    ]);
  });

  it('commits the success record with the rows, or neither', async () => {
    await ensureRunLog(client);
    const entry = await startStep(client, { ...step, runId: 'run-3' });
    await expect(
      replacePartition(client, {
        table, columns, partition: { dataset: 'a', ingest_date: '2024-03-31' }, rows: rows('a', '2024-03-31', 10),
        beforeCommit: async (tx) => {
          await finishStep(tx, entry, { status: 'succeeded' });
          throw new Error('commit refused');
        },
      }),
    ).rejects.toThrow('commit refused');
    const { rows: logged } = await client.query('SELECT status FROM raw.pipeline_run_log WHERE id = $1', [entry.id]);
    expect(logged[0]?.status).toBe('running');
    expect((await state('a')).count).toBe(0);
  });
});

describe('startEmbeddedPostgres', () => {
  it('refuses to start a second server on a data folder in use, and says which process has it', async () => {
    const error = await startEmbeddedPostgres({ dataDir: db.dataDir }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EmbeddedPostgresError);
    expect(String(error)).toContain(`is already running on ${db.dataDir}`);
  });

  it('runs the major version the package names (tests/site/versions.test.ts holds the pages to it)', async () => {
    const { rows: [version] } = await client.query<{ server_version_num: string }>('SHOW server_version_num');
    expect(Math.floor(Number(version?.server_version_num) / 10_000)).toBe(embeddedServerMajorVersion());
  });

  it('refuses a cluster made by another major version, naming both and what to do, before trying to start it', async () => {
    const oldCluster = path.join(clustersDir, `old-major-${process.pid}`);
    const [server, old] = [embeddedServerMajorVersion(), embeddedServerMajorVersion() - 1];
    await mkdir(oldCluster, { recursive: true });
    await writeFile(path.join(oldCluster, 'PG_VERSION'), `${old}\n`);
    try {
      const error = await startEmbeddedPostgres({ dataDir: oldCluster }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(EmbeddedPostgresError);
      expect(String(error)).toContain(`holds a PostgreSQL ${old} cluster, but the embedded server is PostgreSQL ${server}, which cannot open it. Delete the folder to start afresh`);
      expect(String(error)).toContain(`or point DATABASE_URL at a PostgreSQL ${old} server`);
    } finally {
      await rm(oldCluster, { recursive: true, force: true });
    }
  });

  it.runIf(os.userInfo().uid === 0)('explains when the postgres user cannot reach the data folder', async () => {
    const privateDir = await mkdtemp(path.join(os.tmpdir(), 'pg-private-')); // mode 700
    try {
      await expect(startEmbeddedPostgres({ dataDir: path.join(privateDir, 'pg') })).rejects.toThrow(/has mode 700.*chmod o\+x/);
    } finally {
      await rm(privateDir, { recursive: true, force: true });
    }
  });
});
