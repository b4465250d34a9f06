/**
 * The pipeline on the runtime it is deployed on: Node.js 24 runs the
 * TypeScript sources directly (type stripping), as the Dockerfile does, with
 * no tsx. This machine's own Node.js may be older; the binary for this test
 * comes from the npm registry (see kit/services/node-runtime.ts).
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { ensureNodeRuntime } from '@rbk-lbs/kit/services/node-runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE_DIR } from './setup/cli-harness.ts';

const execFileAsync = promisify(execFile);
const runtime = await ensureNodeRuntime();
let lake: string;
const dataDir = path.join(EXAMPLE_DIR, '.data', `test-node24-${process.pid}-${randomBytes(3).toString('hex')}`);

beforeAll(async () => {
  lake = await mkdtemp(path.join(os.tmpdir(), 'lginform-node24-'));
  await chmod(lake, 0o755);
});
afterAll(async () => {
  await rm(lake, { recursive: true, force: true });
  await rm(dataDir, { recursive: true, force: true });
});

describe.skipIf('missing' in runtime)('the flagship on Node.js 24', () => {
  const node = 'node' in runtime ? runtime.node : '';

  it('is the deployed major version', () => {
    expect('version' in runtime && runtime.version).toMatch(/^v24\./);
  });

  it('runs extract and load end to end from the .ts sources, with no tsx', async () => {
    const { stdout } = await execFileAsync(node, [path.join(EXAMPLE_DIR, 'src/cli.ts'), 'run', '--skip-dbt', '--date', '2024-03-31'], {
      cwd: EXAMPLE_DIR,
      env: { ...process.env, LAKE_URL: lake, LGINFORM_EMBEDDED_POSTGRES_DIR: dataDir, LGINFORM_REQUESTS_PER_SECOND: '0', DATABASE_URL: '', LGINFORM_BASE_URL: '' },
      timeout: 120_000,
    });
    expect(stdout).toMatch(/load {5}3 datasets: 3 loaded, 0 unchanged, 0 failed; 850 rows loaded/);
    expect(stdout).toContain('Result: exit code 0');
  }, 180_000);
});
