/**
 * The benchmark is not a test, but the figures in the README come from it:
 * this runs it on a tiny size so a change that breaks it fails CI.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAMPLE_DIR } from './setup/cli-harness.ts';

/** The benchmark as `npm run bench` starts it, with only these variables set. */
const runBench = (settings: Record<string, string>) =>
  spawnSync(process.execPath, ['--import', 'tsx', path.join(EXAMPLE_DIR, 'bench/bench.ts')], {
    cwd: EXAMPLE_DIR,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...settings },
    encoding: 'utf8',
    timeout: 150_000,
  });

describe('npm run bench', () => {
  it('measures the load against a plain COPY in turns and shows that an unchanged date loads nothing', () => {
    const result = runBench({ BENCH_SIZES: '4000', BENCH_TRIES: '2' });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/turn 2 of 2: plain COPY, then load/);
    const out = result.stdout;
    expect(out).toMatch(/\| 4,000 +\| extract \+ land +\| +4,000 \|/);
    expect(out).toMatch(/\| load --force into an empty table \(median of 2\) \| +4,000 \|/);
    expect(out).toMatch(/\| plain COPY of a prepared file \(median of 2\) +\| +4,000 \|/);
    expect(out).toMatch(/4,000 values: load \/ limit = \d+\.\d\d \(target >= 0\.90; turn by turn \d+\.\d\d to \d+\.\d\d\); peak RSS \d+ MB/);
    expect(out).toMatch(/Re-run of 2024-03-31 \(4,000 values\): .* 0 rows loaded, 1 dataset unchanged/);
    expect(out).toMatch(/Nothing loaded: the raw data has not changed since it was last loaded/);
  }, 180_000);

  it('refuses a number of turns that is not a whole number', () => {
    const result = runBench({ BENCH_TRIES: 'three' });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toMatch(/BENCH_TRIES must be a whole number of at least 1, not "three"/);
  });
});
