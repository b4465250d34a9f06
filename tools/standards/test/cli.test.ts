/** The command line as a user runs it: output formats, help and exit codes. */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES } from '../src/rules.ts';
import { REPO_ROOT } from './paths.ts';

const FIXTURE_DIR = 'tools/standards/test/fixtures';

function run(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(path.join(REPO_ROOT, 'node_modules/.bin/tsx'), ['tools/standards/src/cli.ts', ...args], { cwd: REPO_ROOT, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
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

  it.each([
    ['an unknown format', ['check', '.', '--format', 'yaml'], /--format must be one of table, json, sarif/],
    ['an unknown option', ['check', '--fromat', 'json'], /Unknown option '--fromat'/],
    ['a path that is not a folder', ['check', 'no/such/folder'], /no\/such\/folder is not a folder/],
    ['no command', [], /name a command: check/],
    ['an unknown command', ['new', 'x'], /unknown command "new"/],
  ])('exits 2 on a usage error: %s', (_case, args, message) => {
    const { code, stderr, stdout } = run(...args);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(stdout).toBe('');
  });
});
