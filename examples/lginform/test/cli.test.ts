/**
 * The command line before any work starts: --help, usage errors and
 * configuration errors, each with exit code 2 and a message naming what to
 * fix. None of these needs a service.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VARIABLES } from '../src/config.ts';
import { EXIT_CODE_HELP } from '../src/exit-codes.ts';
import { defaultLogicalDate, logicalDates } from '../src/logical-dates.ts';
import { EXAMPLE_DIR, runCli, spawnCli } from './setup/cli-harness.ts';

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'lginform-cli-'));
});
afterAll(() => rm(tmp, { recursive: true, force: true }));

describe('--help', () => {
  it('explains every option, every environment variable with its default and an example, and every exit code', async () => {
    const { code, stdout } = await runCli(['--help'], {});
    expect(code).toBe(0);
    for (const option of ['--date <YYYY-MM-DD>', '--from <YYYY-MM-DD>', '--to <YYYY-MM-DD>', '--dataset <names...>', '--force']) expect(stdout).toContain(option);
    for (const command of ['extract', 'load', 'run']) expect(stdout).toMatch(new RegExp(`^ {2}${command} `, 'm'));
    expect(VARIABLES.map((v) => v.name)).toEqual(expect.arrayContaining(['LAKE_URL', 'AWS_ENDPOINT_URL', 'AWS_REGION', 'DATABASE_URL', 'LGINFORM_BASE_URL', 'LGINFORM_APPLICATION_KEY', 'LGINFORM_PRIVATE_KEY']));
    for (const variable of VARIABLES) {
      expect(stdout).toContain(`  ${variable.name}\n      ${variable.meaning}\n      Default: ${variable.default}. Example: ${variable.example}`);
    }
    expect(EXIT_CODE_HELP.map(([exitCode]) => exitCode)).toEqual([0, 1, 2, 3, 130]);
    for (const [exitCode, meaning] of EXIT_CODE_HELP) expect(stdout).toContain(`  ${String(exitCode).padEnd(4)}${meaning}`);
  });

  it('matches the README, which documents every variable and exit code too', async () => {
    const readme = await readFile(path.join(EXAMPLE_DIR, 'README.md'), 'utf8');
    for (const variable of VARIABLES) expect(readme).toContain(`| \`${variable.name}\` | ${variable.meaning} | ${variable.default} |`);
    for (const [exitCode] of EXIT_CODE_HELP) expect(readme).toMatch(new RegExp(`^\\| ${exitCode} \\| `, 'm'));
  });

  it('is the same for a command, with its options', async () => {
    const { code, stdout } = await runCli(['run', '--help'], {});
    expect(code).toBe(0);
    expect(stdout).toContain('Usage: lginform run');
    expect(stdout).toContain('--date <YYYY-MM-DD>');
    expect(stdout).toContain('LGINFORM_PRIVATE_KEY');
    expect(stdout).toContain('Exit codes:');
  });
});

describe('usage errors exit 2 with what to write instead', () => {
  it.each([
    [['frobnicate'], /unknown command 'frobnicate'/],
    [[], /Usage: lginform/],
    [['run', '--bogus'], /unknown option '--bogus'/],
    [['run', '--date', '2024-02-30'], /--date 2024-02-30 is not a calendar date; write it as YYYY-MM-DD/],
    [['run', '--date', '2999-01-01'], /--date 2999-01-01 is in the future/],
    [['run', '--from', '2024-03-01'], /A backfill needs both --from and --to/],
    [['run', '--from', '2024-03-05', '--to', '2024-03-01'], /--from 2024-03-05 is after --to 2024-03-01/],
    [['run', '--date', '2024-03-01', '--from', '2024-03-01', '--to', '2024-03-02'], /either --date .* or --from and --to/],
    [['extract', '--force'], /--force applies to load and run only/],
    [['load', '--dataset', 'population,nonsense'], /--dataset names "nonsense", which is not in the datasets file. Known datasets: population, council-tax, service-spending/],
  ])('%j', async (args, message) => {
    const { code, stdout, stderr } = await runCli(args, {});
    expect(code).toBe(2);
    expect(stdout + stderr).toMatch(message);
  });
});

describe('configuration errors exit 2 naming each variable and what a good value looks like', () => {
  it('lists every bad variable at once, without repeating secret values', async () => {
    const { code, stderr } = await runCli(['run', '--date', '2024-03-31'], {
      LAKE_URL: 'ftp://example.org/lake',
      DATABASE_URL: 'mysql://user:hunter2secret@db/warehouse', // secretlint-disable-line -- made up: the test checks it is never echoed
      LGINFORM_BASE_URL: 'https://webservices.esd.org.uk',
      LGINFORM_PRIVATE_KEY: 'private-value',
      LGINFORM_CONCURRENCY: 'lots',
      AWS_REGION: 'London',
    });
    expect(code).toBe(2);
    expect(stderr).toMatch(/The configuration has 5 problems/);
    expect(stderr).toMatch(/- LAKE_URL is not valid \(.*only folder paths, file:\/\/ and s3:\/\/ are supported.*\)\. Expected: .*s3:\/\/rbk-lbs-data-lake\/lake/);
    expect(stderr).toMatch(/- DATABASE_URL is not valid \(must start postgres:\/\/ or postgresql:\/\/\)\. Expected: .*Example: postgres:\/\//);
    expect(stderr).toMatch(/- LGINFORM_CONCURRENCY is not valid .*Expected: API requests in flight at once/);
    expect(stderr).toMatch(/- AWS_REGION is not valid \(must be a region name\)\. Expected: .*eu-west-2/);
    expect(stderr).toMatch(/- LGINFORM_APPLICATION_KEY is not set\. Expected: required because LGINFORM_BASE_URL is set/);
    expect(stderr).not.toMatch(/LGINFORM_PRIVATE_KEY is not set/);
    expect(stderr).not.toMatch(/hunter2secret|private-value/);
  });

  it('names a datasets file that is missing or malformed, and the field', async () => {
    const missing = await runCli(['run', '--date', '2024-03-31'], { LGINFORM_DATASETS_FILE: path.join(tmp, 'nope.json') });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/The datasets file .*nope\.json does not exist\. Fix it, or point LGINFORM_DATASETS_FILE at another file/);

    const bad = path.join(tmp, 'bad.json');
    await writeFile(bad, JSON.stringify({ datasets: [{ name: 'Population', description: 'x', metricTypes: ['1', '1'], periods: { latest: 0 } }] }));
    const malformed = await runCli(['load', '--date', '2024-03-31'], { LGINFORM_DATASETS_FILE: bad });
    expect(malformed.code).toBe(2);
    expect(malformed.stderr).toMatch(/datasets\[0\]\.name/);
    expect(malformed.stderr).toMatch(/lists a metric type more than once/);
    expect(malformed.stderr).toMatch(/datasets\[0\]\.periods/);
  });

  it('exits 2 from the real entry point too, and says so on stderr only', async () => {
    const cli = spawnCli(['run', '--date', '2024-03-31'], { DATABASE_URL: 'not a url', LGINFORM_REQUEST_TIMEOUT_SECONDS: '-1' });
    const { code } = await cli.exited;
    expect(code).toBe(2);
    expect(cli.stderr()).toMatch(/- DATABASE_URL is not valid/);
    expect(cli.stderr()).toMatch(/- LGINFORM_REQUEST_TIMEOUT_SECONDS is not valid/);
    expect(cli.stdout()).toBe('');
  });
});

describe('logical dates', () => {
  it('defaults to yesterday by the London calendar, also in the hour when UTC is a day behind', () => {
    expect(defaultLogicalDate(new Date('2024-07-01T23:30:00Z'))).toBe('2024-07-01'); // 00:30 BST on 2 July
    expect(defaultLogicalDate(new Date('2024-01-01T23:30:00Z'))).toBe('2023-12-31'); // 23:30 GMT on 1 January
  });

  it('runs a backfill one date at a time, oldest first, across a month end', () => {
    expect(logicalDates({ from: '2024-02-28', to: '2024-03-02' })).toEqual(['2024-02-28', '2024-02-29', '2024-03-01', '2024-03-02']);
    expect(() => logicalDates({ from: '2023-01-01', to: '2024-06-01' })).toThrow(/at most 366/);
  });
});
