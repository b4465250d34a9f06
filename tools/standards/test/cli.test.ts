/** The command line as a user runs it: output formats, help and exit codes. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES } from '../src/rules.ts';
import { REPO_ROOT } from './paths.ts';

const FIXTURE_DIR = 'tools/standards/test/fixtures';

function runWith(env: NodeJS.ProcessEnv, ...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(path.join(REPO_ROOT, 'node_modules/.bin/tsx'), ['tools/standards/src/cli.ts', ...args], { cwd: REPO_ROOT, encoding: 'utf8', env });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function run(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  return runWith(process.env, ...args);
}

describe('de-standards', () => {
  it('exits 0 with a table when every checked rule passes', () => {
    const { code, stdout } = run('check', `${FIXTURE_DIR}/clean`);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^PASS +DES-001 +MUST/m);
    expect(stdout).toMatch(/^REVIEW +DES-013 +SHOULD/m);
    expect(stdout).not.toMatch(/^FAIL/m);
  });

  it('exits 1 when a rule fails, naming the file, line, why and page', () => {
    const { code, stdout } = run('check', `${FIXTURE_DIR}/violations`);
    expect(code).toBe(1);
    expect(stdout).toMatch(/^FAIL +DES-006 +MUST/m);
    expect(stdout).toContain('terraform/main.tf:9');
    expect(stdout).toContain('See: https://rbk-lbs-data.github.io/infrastructure/ec2');
  });

  it('prints JSON with --format json', () => {
    const { code, stdout } = run('check', `${FIXTURE_DIR}/violations`, '--format', 'json');
    expect(code).toBe(1);
    const report = JSON.parse(stdout) as { passed: boolean; results: { id: string; status: string }[] };
    expect(report.passed).toBe(false);
    expect(report.results.map((result) => result.id)).toEqual(RULES.map((rule) => rule.id));
    // Each result describes its rule as the published rules.json does.
    expect(report.results.find((result) => result.id === 'DES-006')).toMatchObject({ checkedBy: 'machine', url: 'https://rbk-lbs-data.github.io/infrastructure/ec2', status: 'fail' });
    expect(report.results.find((result) => result.id === 'DES-013')).toMatchObject({ checkedBy: 'reviewer', status: 'review' });
  });

  it('prints SARIF with --format sarif', () => {
    const { code, stdout } = run('check', `${FIXTURE_DIR}/clean`, '--format=sarif');
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ version: '2.1.0', runs: [{ results: [] }] });
  });

  it('lists every rule in --help and exits 0', () => {
    const { code, stdout } = run('--help');
    expect(code).toBe(0);
    for (const rule of RULES) expect(stdout).toContain(`${rule.id}  ${rule.level.padEnd(6)}`);
    for (const rule of RULES) expect(stdout).toContain(rule.title);
    for (const rule of RULES) expect(stdout).toContain(`${rule.why} https://rbk-lbs-data.github.io${rule.page}`);
  });

  it('lists both commands in --help, with the options of each', () => {
    const { code, stdout } = run('--help');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Usage: de-standards <command> \[options\]$/m);
    expect(stdout).toMatch(/^ {2}check \[path\] +check a repository against the standards$/m);
    expect(stdout).toMatch(/^ {2}new <folder> +create a pipeline repository in the standard layout$/m);
    expect(stdout).toContain('Usage: de-standards check [path] [--format table|json|sarif]');
    expect(stdout).toContain('Usage: de-standards new <folder> [options]');
  });

  it('shows the rules with check --help, and only new\'s options with new --help', () => {
    const check = run('check', '--help');
    expect(check.code).toBe(0);
    expect(check.stdout).toMatch(/^Usage: de-standards check/);
    expect(check.stdout).toContain('DES-001');
    const scaffold = run('new', '--help');
    expect(scaffold.code).toBe(0);
    expect(scaffold.stdout).toMatch(/^Usage: de-standards new <folder> \[options\]/);
    expect(scaffold.stdout).not.toContain('DES-001');
    for (const option of ['--name <name>', '--runtime <runtime>', '--with-dbt, --no-dbt', '--owner <@org/team>', '--kit <source>', '--force', '--dry-run', '-y, --yes', '-h, --help']) {
      expect(scaffold.stdout, option).toContain(`  ${option}`);
    }
    expect(scaffold.stdout).toContain('never overwritten');
    expect(scaffold.stdout).toMatch(/^ {2}2 {4}usage error/m);
    expect(run('--help', 'new').stdout).toBe(scaffold.stdout);
  });

  it('finds the command after an option that takes a value', () => {
    const { code, stdout } = run('--format', 'json', 'check', `${FIXTURE_DIR}/clean`);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ passed: true });
  });

  it.each([
    ['an unknown format', ['check', '.', '--format', 'yaml'], /--format must be one of table, json, sarif/],
    ['an unknown option', ['check', '--fromat', 'json'], /Unknown option '--fromat'/],
    ['a path that is not a folder', ['check', 'no/such/folder'], /no\/such\/folder is not a folder/],
    ['no command', [], /name a command: check or new\./],
    ['an unknown command', ['frobnicate', 'x'], /unknown command "frobnicate"; the commands are check and new\./],
    ['new without a folder', ['new'], /new needs a folder: de-standards new <folder>\./],
  ])('exits 2 on a usage error: %s', (_case, args, message) => {
    const { code, stderr, stdout } = run(...args);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(stdout).toBe('');
  });

  it('reports a rule whose tool is missing as NOT RUN: exit 0, or 1 with --require-tools', () => {
    // The clean fixture has Terraform, so the checkov rule needs checkov; point CHECKOV at nothing.
    const env = { ...process.env, CHECKOV: '/nonexistent/checkov' };
    const relaxed = runWith(env, 'check', `${FIXTURE_DIR}/clean`);
    expect(relaxed.code).toBe(0);
    expect(relaxed.stdout).toMatch(/^NOT RUN +DES-020/m);
    const strict = runWith(env, 'check', `${FIXTURE_DIR}/clean`, '--require-tools');
    expect(strict.code).toBe(1);
    expect(strict.stderr).toMatch(/--require-tools: (DES-\d{3}, )*DES-020(, DES-\d{3})* could not run/);
  });

  it('exits 2 naming the file when .de-standards.json is malformed, without a stack trace', () => {
    const folder = mkdtempSync(path.join(os.tmpdir(), 'de-standards-config-'));
    try {
      writeFileSync(path.join(folder, '.de-standards.json'), '{"exclude": "not-a-list"}');
      const { code, stderr } = run('check', folder);
      expect(code).toBe(2);
      expect(stderr).toMatch(/^de-standards: .*\.de-standards\.json/);
      expect(stderr).not.toMatch(/\n\s+at /);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('writes SARIF to a file with --sarif while printing the table, from one run', () => {
    const folder = mkdtempSync(path.join(os.tmpdir(), 'de-standards-sarif-'));
    try {
      const file = path.join(folder, 'standards.sarif');
      const { code, stdout } = run('check', `${FIXTURE_DIR}/violations`, '--sarif', file);
      expect(code).toBe(1);
      expect(stdout).toMatch(/^FAIL +DES-006 +MUST/m);
      const sarif = JSON.parse(readFileSync(file, 'utf8')) as { version: string; runs: { results: { ruleId: string }[] }[] };
      expect(sarif.version).toBe('2.1.0');
      expect(sarif.runs[0]?.results.map((result) => result.ruleId)).toContain('DES-006');
      expect(run('check', `${FIXTURE_DIR}/clean`, '--sarif', path.join(folder, 'missing/standards.sarif')).code).toBe(2);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
