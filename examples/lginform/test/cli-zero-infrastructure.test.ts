/**
 * Zero infrastructure, as a reader runs it after `npm ci`: no DATABASE_URL,
 * no LGINFORM_BASE_URL. The CLI starts an embedded PostgreSQL server and
 * the local fake API itself, and stops both when it ends, also on Ctrl-C.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reachableDataDir } from '@rbk-lbs/kit/postgres/embedded';
import { EXAMPLE_DIR, spawnCli, type Env } from './setup/cli-harness.ts';

let lake: string;
let env: Env;
// Under the example, not /tmp: run as root, PostgreSQL runs as another user that must reach it.
const preferredDataDir = path.join(EXAMPLE_DIR, '.data', `test-zero-${process.pid}-${randomBytes(3).toString('hex')}`);
// Where the cluster really lives: the same folder unless the checkout is in a private folder.
let dataDir: string;

beforeAll(async () => {
  lake = await mkdtemp(path.join(os.tmpdir(), 'lginform-zero-'));
  env = { LAKE_URL: lake, LGINFORM_EMBEDDED_POSTGRES_DIR: preferredDataDir, LGINFORM_REQUESTS_PER_SECOND: '0' };
  dataDir = (await reachableDataDir(preferredDataDir)).dataDir;
});
afterAll(async () => {
  await rm(lake, { recursive: true, force: true });
  await rm(dataDir, { recursive: true, force: true });
});

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('a run with nothing configured', () => {
  it('starts embedded PostgreSQL and the fake API, runs end to end with dbt build, prints the summary and stops both', async () => {
    const cli = spawnCli(['run', '--date', '2024-03-31'], env);
    const { code } = await cli.exited;
    expect(code, cli.stderr()).toBe(0);
    const summary = cli.stdout();
    expect(summary).toMatch(/extract {2}6 requests: 6 landed, 0 quarantined, 0 failed; 850 values +\d+/);
    expect(summary).toMatch(/load {5}3 datasets: 3 loaded, 0 unchanged, 0 failed; 850 rows loaded +\d+/);
    expect(summary).toContain(`Raw objects  ${lake}/raw/lginform/<dataset>/ingest_date=2024-03-31/run_id=`);
    expect(summary).toMatch(/Database {5}postgres:\/\/postgres:\*\*\*@127\.0\.0\.1:\d+\/lginform \(embedded PostgreSQL, stopped at exit; data kept in /);
    expect(summary).toContain('Result: exit code 0');
    // The marts dbt built, with their row counts: Kingston and Sutton against their neighbours.
    const comparison = /marts\.council_neighbour_comparison +([\d,]+)/.exec(summary);
    expect(comparison, summary).not.toBeNull();
    expect(Number(comparison![1]!.replaceAll(',', ''))).toBeGreaterThan(0);
    expect(cli.stderr()).toContain('LGINFORM_BASE_URL is not set: started the local fake API');
    expect(cli.stderr()).toContain('stopped embedded PostgreSQL');
    expect(existsSync(path.join(dataDir, 'PG_VERSION'))).toBe(true);
    expect(existsSync(path.join(dataDir, 'postmaster.pid'))).toBe(false);
  }, 300_000);

  it('runs again on the cluster kept on disk, and loads nothing because nothing changed', async () => {
    const cli = spawnCli(['run', '--date', '2024-03-31', '--skip-dbt'], env);
    const { code } = await cli.exited;
    expect(code, cli.stderr()).toBe(0);
    expect(cli.stdout()).not.toContain('Marts built');
    expect(cli.stdout()).toMatch(/load {5}3 datasets: 0 loaded, 3 unchanged, 0 failed; 0 rows loaded/);
    expect(cli.stdout()).toContain('Nothing loaded: the raw data has not changed since it was last loaded');
    expect(existsSync(path.join(dataDir, 'postmaster.pid'))).toBe(false);
  });

  it('stops the services it started on Ctrl-C and exits 130', async () => {
    const cli = spawnCli(['run', '--date', '2024-03-30', '--skip-dbt'], env);
    await cli.waitFor('embedded PostgreSQL is up');
    const pid = Number((await readFile(path.join(dataDir, 'postmaster.pid'), 'utf8')).split('\n')[0]);
    expect(isRunning(pid)).toBe(true);
    cli.child.kill('SIGINT');
    expect(await cli.exited).toEqual({ code: 130, signal: null });
    expect(cli.stderr()).toMatch(/SIGINT received: stopping .*embedded PostgreSQL/);
    expect(isRunning(pid)).toBe(false);
    expect(existsSync(path.join(dataDir, 'postmaster.pid'))).toBe(false);
  });
});
