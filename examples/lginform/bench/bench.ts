/**
 * The pipeline's benchmark (not a test): `npm run bench -w examples/lginform`.
 *
 * For 100,000 and 1,000,000 metric values served by the fake API, it runs
 * the real CLI (`run`, in a child process of its own, so its peak memory is
 * the pipeline's alone) and reads the rows and time of each stage from its
 * JSON log. Then it compares the load with its physical limit: a plain
 * `COPY ... FROM STDIN` of the same rows from a prepared file. The two take
 * turns (limit, load, limit, load, ...), each into an empty table after a
 * CHECKPOINT, so both start from the same state and a slow spell on the
 * machine falls on both; "load / limit" is the ratio of their medians.
 * Last, it runs the 1,000,000-value date again to show that unchanged raw
 * data is not loaded twice. `run` stops after load (`--skip-dbt`): dbt's
 * models are not what this measures. BENCH_SIZES=100000 runs one size only;
 * BENCH_TRIES sets the number of turns (default 5).
 */
import { startTestDatabase } from '@rbk-lbs/kit/services/test-services';
import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createReadStream, createWriteStream, readFileSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { FAKE_CREDENTIALS, startFakeApi } from '../fake-api/server.ts';

const exampleDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const workDir = path.join(exampleDir, '.data', 'bench');
const DATE = '2024-03-31';
/** Kingston upon Thames and its CIPFA group, which the fake gives 16 members: 16 areas x 10 periods per metric. */
const VALUES_PER_METRIC = 16 * 10;
const SIZES = (process.env.BENCH_SIZES ?? '100000,1000000').split(',').map(Number);
const TRIES = Number(process.env.BENCH_TRIES ?? 5);
if (!Number.isInteger(TRIES) || TRIES < 1) throw new Error(`BENCH_TRIES must be a whole number of at least 1, not "${process.env.BENCH_TRIES}".`);
const TABLE = 'raw.lginform_metric_values';
const LIMIT_TABLE = 'raw.bench_copy_limit';
const COLUMNS = 'dataset, ingest_date, run_id, metric_type_id, metric_type_label, area_code, area_label, period_id, period_label, value, formatted, publication_status, source_object';

type LogLine = { msg: string; stage?: string; durationMs?: number; values?: number; rows?: number; unchanged?: number; maxRssMb?: number; exitCode?: number };

type Timing = { rows: number; ms: number };

type StageFigures = { extract?: { values: number; ms: number }; load: Timing & { unchanged: number }; peakRssMb: number; summary: string };

function datasetsFile(name: string, values: number) {
  const metrics = Math.ceil(values / VALUES_PER_METRIC);
  return {
    councils: ['E09000021'],
    comparisonGroups: { E09000021: 'Kingston_upon_Thames_CIPFA_Near_Neighbours' },
    datasets: [{
      name,
      description: `Benchmark: ${metrics} synthetic metrics x 16 areas x 10 periods.`,
      metricTypes: Array.from({ length: metrics }, (_, i) => String(800_000 + i)),
      periods: { latest: 10 },
      // 25 metrics x 160 values = 4,000 values (about 0.7 MB) per response.
      metricTypesPerRequest: 25,
    }],
  };
}

/**
 * In production PostgreSQL (RDS) runs on a host of its own, so the loader
 * never takes CPU from it. On a benchmark machine both share the cores: with
 * two or more cores and taskset (util-linux), PostgreSQL gets CPU 0 and the
 * pipeline and this script the rest, for the load and the limit alike, so
 * "load / limit" says whether the loader keeps PostgreSQL busy.
 */
type Pinning = { database: string; pipeline: string[] } | { why: string };

function pinPostgres(dataDir: string): Pinning {
  if (os.cpus().length < 2) return { why: 'one CPU: PostgreSQL and the pipeline share it' };
  try {
    execFileSync('taskset', ['-V'], { stdio: 'ignore' });
  } catch {
    return { why: 'no taskset: PostgreSQL and the pipeline share every CPU' };
  }
  const last = os.cpus().length - 1;
  try {
    const postmaster = readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]!.trim();
    // The server's processes now, and every backend it forks later, which inherits the postmaster's CPU.
    const children = execFileSync('pgrep', ['-P', postmaster], { encoding: 'utf8' }).split('\n').filter(Boolean);
    for (const pid of [postmaster, ...children]) execFileSync('taskset', ['-a', '-p', '-c', '0', pid], { stdio: 'ignore' });
    execFileSync('taskset', ['-a', '-p', '-c', `1-${last}`, String(process.pid)], { stdio: 'ignore' });
  } catch (error) {
    return { why: `pinning failed (${error instanceof Error ? error.message.split('\n')[0] : String(error)}): PostgreSQL and the pipeline share every CPU` };
  }
  return { database: 'CPU 0', pipeline: ['taskset', '-c', `1-${last}`] };
}

let pinning: Pinning = { why: 'not pinned yet' };

/** Runs the CLI as its own process and reads its figures from the JSON log on stderr. */
async function runCli(args: string[], env: NodeJS.ProcessEnv): Promise<StageFigures> {
  const command = [...('pipeline' in pinning ? pinning.pipeline : []), process.execPath, '--import', 'tsx', path.join(exampleDir, 'src/cli.ts'), ...args];
  const child = spawn(command[0]!, command.slice(1), { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const [code] = (await once(child, 'exit')) as [number | null];
  const lines = stderr.split('\n').filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as LogLine);
  const extract = lines.find((line) => line.stage === 'extract');
  const load = lines.find((line) => line.stage === 'load');
  const end = lines.find((line) => line.maxRssMb !== undefined);
  if (code !== 0 || !load || !end || (args[0] === 'run' && !extract)) throw new Error(`The CLI exited ${code}:\n${stdout}\n${stderr.slice(-3000)}`);
  return {
    ...(extract ? { extract: { values: extract.values ?? 0, ms: extract.durationMs ?? 0 } } : {}),
    load: { rows: load.rows ?? 0, ms: load.durationMs ?? 0, unchanged: load.unchanged ?? 0 },
    peakRssMb: end.maxRssMb ?? 0,
    summary: stdout,
  };
}

/** The loaded rows of one dataset as a COPY text file: the input of the limit. */
async function exportRows(db: pg.Client, dataset: string): Promise<string> {
  const file = path.join(workDir, `${dataset}.copy`);
  await pipeline(db.query(copyTo(`COPY (SELECT ${COLUMNS} FROM ${TABLE} WHERE dataset = '${dataset}' AND ingest_date = '${DATE}') TO STDOUT`)), createWriteStream(file));
  return file;
}

/**
 * Before each try, of the loader or of the limit: both tables empty and a
 * CHECKPOINT, so neither inherits the other's rows or unwritten pages, and
 * each fills the same amount of fresh disk and memory.
 */
async function startFromEmpty(db: pg.Client): Promise<void> {
  await db.query(`TRUNCATE ${TABLE}`);
  await db.query(`DROP TABLE IF EXISTS ${LIMIT_TABLE}`);
  await db.query(`CREATE TABLE ${LIMIT_TABLE} (LIKE ${TABLE} INCLUDING ALL)`);
  await db.query('CHECKPOINT');
}

/** One try of the loader: the CLI's `load --force`, its time as the load step logs it. */
async function timeLoad(db: pg.Client, env: NodeJS.ProcessEnv): Promise<Timing> {
  await startFromEmpty(db);
  const { load } = await runCli(['load', '--date', DATE, '--force'], env);
  return { rows: load.rows, ms: load.ms };
}

/**
 * One try of the physical limit: the same rows, copied from the prepared
 * file with a plain COPY ... FROM STDIN into an empty table with the same
 * key, in one transaction, as the loader does.
 */
async function timePlainCopy(db: pg.Client, file: string): Promise<Timing> {
  await startFromEmpty(db);
  const started = performance.now();
  await db.query('BEGIN');
  const copy = db.query(copyFrom(`COPY ${LIMIT_TABLE} (${COLUMNS}) FROM STDIN`));
  await pipeline(createReadStream(file, { highWaterMark: 256 * 1024 }), copy);
  await db.query('COMMIT');
  return { rows: copy.rowCount, ms: performance.now() - started };
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

const perSecond = (rows: number, ms: number) => Math.round(rows / (ms / 1000));
const n = (value: number) => value.toLocaleString('en-GB');

async function main() {
  await rm(workDir, { recursive: true, force: true });
  await mkdir(workDir, { recursive: true });
  const [database, api] = await Promise.all([startTestDatabase(path.join(workDir, 'postgres')), startFakeApi()]);
  pinning = pinPostgres(database.dataDir);
  const db = new pg.Client({ connectionString: database.connectionString });
  await db.connect();
  const env = (datasets: string): NodeJS.ProcessEnv => ({
    PATH: process.env.PATH, HOME: process.env.HOME,
    LAKE_URL: path.join(workDir, 'lake'),
    DATABASE_URL: database.connectionString,
    LGINFORM_BASE_URL: api.url,
    LGINFORM_APPLICATION_KEY: FAKE_CREDENTIALS.applicationKey,
    LGINFORM_PRIVATE_KEY: FAKE_CREDENTIALS.privateKey,
    LGINFORM_DATASETS_FILE: datasets,
    // The fake runs on this machine: no client-side rate limit.
    LGINFORM_REQUESTS_PER_SECOND: '0',
  });
  const rows: string[][] = [['Values', 'Stage', 'Rows', 'Time', 'Rows/s', 'Peak RSS']];
  const ratios: string[] = [];
  let rerun = '';
  try {
    for (const size of SIZES) {
      const name = `bench-${size}`;
      const file = path.join(workDir, `${name}.json`);
      await writeFile(file, JSON.stringify(datasetsFile(name, size)));
      process.stderr.write(`Running the pipeline on ${n(size)} values...\n`);
      const run = await runCli(['run', '--date', DATE, '--skip-dbt'], env(file));
      const copyFile = await exportRows(db, name);
      // Turns, not blocks: a slow spell on the machine then falls on both.
      const loads: Timing[] = [];
      const limits: Timing[] = [];
      for (let turn = 1; turn <= TRIES; turn += 1) {
        process.stderr.write(`  turn ${turn} of ${TRIES}: plain COPY, then load\n`);
        // The load goes last, so the table ends with its rows for the re-run below.
        limits.push(await timePlainCopy(db, copyFile));
        loads.push(await timeLoad(db, env(file)));
      }
      await db.query(`DROP TABLE ${LIMIT_TABLE}`);
      await rm(copyFile);
      const load = { rows: loads[0]!.rows, ms: median(loads.map((t) => t.ms)) };
      const limit = { rows: limits[0]!.rows, ms: median(limits.map((t) => t.ms)) };
      if (loads.some((t) => t.rows !== load.rows) || limits.some((t) => t.rows !== load.rows)) {
        throw new Error(`The tries did not all copy the same rows: load ${loads.map((t) => t.rows).join(', ')}; limit ${limits.map((t) => t.rows).join(', ')}.`);
      }
      const ratio = limit.ms / load.ms;
      const turnRatios = loads.map((t, i) => limits[i]!.ms / t.ms);
      const extract = run.extract!;
      rows.push(
        [n(size), 'extract + land', n(extract.values), `${(extract.ms / 1000).toFixed(1)} s`, n(perSecond(extract.values, extract.ms)), `${run.peakRssMb} MB`],
        ['', 'load, first in the run (after extract)', n(run.load.rows), `${(run.load.ms / 1000).toFixed(2)} s`, n(perSecond(run.load.rows, run.load.ms)), ''],
        ['', `load --force into an empty table (median of ${TRIES})`, n(load.rows), `${(load.ms / 1000).toFixed(2)} s`, n(perSecond(load.rows, load.ms)), ''],
        ['', `plain COPY of a prepared file (median of ${TRIES})`, n(limit.rows), `${(limit.ms / 1000).toFixed(2)} s`, n(perSecond(limit.rows, limit.ms)), ''],
      );
      ratios.push(
        `${n(size)} values: load / limit = ${ratio.toFixed(2)} (target >= 0.90; turn by turn ${Math.min(...turnRatios).toFixed(2)} to ${Math.max(...turnRatios).toFixed(2)}); ` +
          `peak RSS ${run.peakRssMb} MB (target < 256 MB)`,
      );
      if (size === SIZES.at(-1)) {
        process.stderr.write(`Running ${DATE} again on unchanged raw data...\n`);
        const again = await runCli(['run', '--date', DATE, '--skip-dbt'], env(file));
        const said = again.summary.split('\n').filter((line) => /^(Raw data unchanged|Nothing loaded)/.test(line));
        rerun = `Re-run of ${DATE} (${n(size)} values): extract + land ${(again.extract!.ms / 1000).toFixed(1)} s, load ${again.load.ms} ms, ` +
          `${n(again.load.rows)} rows loaded, ${again.load.unchanged} dataset unchanged. The summary said:\n  ${said.join('\n  ')}`;
      }
    }
  } finally {
    await db.end();
    await Promise.all([database.stop(), api.close()]);
    await rm(path.join(workDir, 'lake'), { recursive: true, force: true });
  }
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)));
  const line = (row: string[]) => `| ${row.map((cell, i) => (i >= 2 ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!))).join(' | ')} |`;
  console.log(`\nLG Inform pipeline benchmark: Node ${process.version}, ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GB, ${os.platform()}`);
  console.log('database' in pinning ? `PostgreSQL pinned to ${pinning.database}; the pipeline and the benchmark to the other CPUs.\n` : `CPUs not pinned: ${pinning.why}.\n`);
  console.log([line(rows[0]!), `|${widths.map((w, i) => (i >= 2 ? `${'-'.repeat(w + 1)}:` : '-'.repeat(w + 2))).join('|')}|`, ...rows.slice(1).map(line)].join('\n'));
  console.log(`\n${ratios.join('\n')}\n${rerun}\n`);
}

await main();
