/**
 * A repository made by `de-standards new` works out of the box: the real
 * CLI writes it (stdin not a terminal, as in CI), `npm install` installs it
 * (the kit packed from this checkout, everything else from npm's cache), and
 * its own `npm test`, lint and build pass. `de-standards check` then fails
 * none of its rules, with checkov and actionlint run for real.
 *
 * Two repositories: Lambda with dbt (the done-when example) and
 * ec2-airflow without dbt. About 30 to 60 seconds with a warm npm cache.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkFolder } from '../src/check.ts';
import { INSTALL_TIMEOUT_MS, toolEnv } from './check-helpers.ts';
import { REPO_ROOT } from './paths.ts';

const STEP_TIMEOUT_MS = 180_000;
const workspace = mkdtempSync(path.join(os.tmpdir(), 'de-standards-e2e-'));
afterAll(() => rmSync(workspace, { recursive: true, force: true }));

type Result = { code: number | null; output: string; seconds: number };

function sh(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): Result {
  const started = Date.now();
  const result = spawnSync(command, args, { cwd, env, encoding: 'utf8', input: '', timeout: STEP_TIMEOUT_MS, maxBuffer: 64 * 1024 * 1024 });
  // No colour codes, so counts can be read from the output.
  return { code: result.status, output: `${result.stdout}${result.stderr}`, seconds: (Date.now() - started) / 1000 };
}

/** npm with a child environment free of this run's npm and Vitest settings. */
function npm(args: string[], cwd: string): Result {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(npm_|VITEST|NODE_OPTIONS$)/i.test(name)));
  return sh('npm', args, cwd, { ...env, NO_COLOR: '1', FORCE_COLOR: '0', CI: '1' });
}

function scaffold(folderName: string, args: string[]): string {
  const folder = path.join(workspace, folderName);
  const made = sh(path.join(REPO_ROOT, 'node_modules/.bin/tsx'), ['tools/standards/src/cli.ts', 'new', folder, ...args], REPO_ROOT);
  if (made.code !== 0) throw new Error(`de-standards new failed:\n${made.output}`);
  return folder;
}

/** The tests the generated repository declares: one `it(` per test, no `it.each`. */
function declaredTests(folder: string): number {
  return readdirSync(path.join(folder, 'test'))
    .filter((file) => file.endsWith('.test.ts'))
    .reduce((count, file) => count + (readFileSync(path.join(folder, 'test', file), 'utf8').match(/^\s*it\(/gm)?.length ?? 0), 0);
}

const CASES = [
  { title: 'lambda, with dbt', folder: 'lambda-with-dbt', args: ['--name', 'e2e-lambda', '--runtime', 'lambda', '--with-dbt', '--owner', '@rbk-lbs-data/data-engineering'] },
  { title: 'ec2-airflow, without dbt', folder: 'e2e-airflow', args: ['--runtime', 'ec2-airflow', '--no-dbt'] },
];

let tools: Awaited<ReturnType<typeof toolEnv>>;
beforeAll(async () => {
  tools = await toolEnv();
}, INSTALL_TIMEOUT_MS);

describe.each(CASES)('a new repository: $title', ({ folder: folderName, args }) => {
  let folder: string;
  beforeAll(() => {
    folder = scaffold(folderName, args);
  }, STEP_TIMEOUT_MS);

  it('installs, and its own npm test type-checks and runs every test', () => {
    const install = npm(['install', '--prefer-offline', '--no-audit', '--no-fund'], folder);
    expect(install.code, install.output).toBe(0);

    const test = npm(['test'], folder);
    expect(test.code, test.output).toBe(0);
    expect(test.output).toContain('tsc --noEmit -p tsconfig.json');
    const passed = Number(/Tests\s+(\d+) passed/.exec(test.output)?.[1] ?? 0);
    expect(passed).toBe(declaredTests(folder));
    expect(passed).toBeGreaterThanOrEqual(15);
    console.log(`${folderName}: npm install ${install.seconds.toFixed(1)} s, npm test ${test.seconds.toFixed(1)} s (${passed} tests)`);
  }, STEP_TIMEOUT_MS);

  it('lints clean, and its bundle builds and runs', () => {
    const lint = npm(['run', 'lint'], folder);
    expect(lint.code, lint.output).toBe(0);
    const build = npm(['run', 'build'], folder);
    expect(build.code, build.output).toBe(0);
    const help = sh(process.execPath, ['dist/cli.mjs', '--help'], folder);
    expect(help.code, help.output).toBe(0);
    expect(help.output).toContain('Usage: npm start -- [--date YYYY-MM-DD]');
    // Through tsx, as npm start runs it: a bad date is a usage error, before any request.
    const badDate = npm(['start', '--silent', '--', '--date', '2026-02-30'], folder);
    expect(badDate.code).toBe(2);
    expect(badDate.output).toContain('"2026-02-30" is not a date');
  }, STEP_TIMEOUT_MS);

  it('fails no rule of de-standards check', () => {
    const results = checkFolder(folder, { env: tools.env });
    const failed = results.filter((result) => result.status === 'fail');
    expect(failed.map((result) => `${result.rule.id}: ${result.findings.map((finding) => `${finding.file}:${finding.line ?? '-'} ${finding.message}`).join('; ')}`)).toEqual([]);
    // checkov and actionlint really ran over the Terraform and the workflows (where actionlint could be built).
    const notRun = results.filter((result) => result.status === 'not-run');
    if (tools.actionlintMissing === undefined) expect(notRun.map((result) => `${result.rule.id}: ${result.notRun?.reason ?? ''}`)).toEqual([]);
    else expect(notRun.length).toBeLessThanOrEqual(1);
  }, STEP_TIMEOUT_MS);
});
