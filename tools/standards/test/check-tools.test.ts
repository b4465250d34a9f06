/**
 * The checks that run a tool: secretlint in-process, checkov and actionlint
 * as programs. A missing or broken tool gives "not run" with the reason and
 * how to install it, never a pass; the real tools find what they should.
 */
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkRepo, hasFailures, notRunResults } from '../src/check.ts';
import { ACTIONLINT, checkActionlint } from '../src/checks/actionlint.ts';
import { CHECKOV, checkCheckov } from '../src/checks/checkov.ts';
import { checkSecrets } from '../src/checks/secrets.ts';
import { type CheckOutcome, isNotRun, locateTool } from '../src/checks/tools.ts';
import { memoryRepo, openRepo } from '../src/repo.ts';
import { RULES } from '../src/rules.ts';
import { REPO_ROOT } from './paths.ts';
import { INSTALL_TIMEOUT_MS, NO_TOOLS, type ToolEnv, toolEnv } from './check-helpers.ts';

const folders: string[] = [];

afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

function tempFolder(files: Record<string, string> = {}): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'de-standards-tools-'));
  folders.push(root);
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  }
  return root;
}

/** A stand-in for a tool: a shell script that prints and exits as told. */
function fakeTool(name: string, script: string): string {
  const file = path.join(tempFolder(), name);
  writeFileSync(file, `#!/bin/sh\n${script}\n`);
  chmodSync(file, 0o755);
  return file;
}

function findingsOf(outcome: CheckOutcome): string[] {
  if (isNotRun(outcome)) throw new Error(`did not run: ${outcome.notRun.reason}`);
  return outcome.map((finding) => `${finding.file}:${finding.line ?? '-'}`);
}

const SPEC = { command: 'checkov', variable: 'CHECKOV', install: 'install it' };
const TERRAFORM = { 'main.tf': 'resource "aws_s3_bucket" "raw" {}\n' };
const WORKFLOW = { '.github/workflows/ci.yml': 'on: push\njobs:\n  test:\n    runs-on: ubuntu-24.04\n    steps:\n      - run: echo hello\n' };

describe('finding a tool', () => {
  it('takes the variable when it is set, and says so when it names no program', () => {
    const tool = fakeTool('checkov', 'exit 0');
    expect(locateTool(SPEC, { CHECKOV: tool, PATH: '' })).toEqual({ path: tool });
    // Made absolute, as the tool then runs in the folder checked.
    expect(locateTool(SPEC, { CHECKOV: path.relative(process.cwd(), tool) })).toEqual({ path: tool });
    expect(locateTool(SPEC, { CHECKOV: '/no/such/checkov', PATH: path.dirname(tool) })).toEqual({ missing: 'CHECKOV is set to /no/such/checkov, which is not an executable file' });
    const notExecutable = path.join(tempFolder({ checkov: '' }), 'checkov');
    expect(locateTool(SPEC, { CHECKOV: notExecutable })).toEqual({ missing: `CHECKOV is set to ${notExecutable}, which is not an executable file` });
  });

  it('else searches the PATH, in order', () => {
    const first = fakeTool('checkov', 'exit 0');
    const second = fakeTool('checkov', 'exit 0');
    expect(locateTool(SPEC, { PATH: ['/no/such/folder', path.dirname(first), path.dirname(second)].join(path.delimiter) })).toEqual({ path: first });
    expect(locateTool(SPEC, NO_TOOLS)).toEqual({ missing: 'checkov is not on the PATH and CHECKOV is not set' });
  });
});

describe('a check whose tool is missing or broken', () => {
  it('is not run, with the reason and how to install the tool, when the repository has what it checks', () => {
    expect(checkCheckov(memoryRepo(TERRAFORM), { env: NO_TOOLS })).toEqual({
      notRun: { reason: 'The repository has Terraform, and checkov is not on the PATH and CHECKOV is not set', install: expect.stringMatching(/pip install checkov==3\.3\.30.*CHECKOV=/) },
    });
    expect(checkActionlint(memoryRepo(WORKFLOW), { env: NO_TOOLS })).toEqual({
      notRun: { reason: 'The repository has workflows, and actionlint is not on the PATH and ACTIONLINT is not set', install: expect.stringMatching(/go install github\.com\/rhysd\/actionlint.*ACTIONLINT=/) },
    });
  });

  it('passes without the tool when there is nothing for it to check', () => {
    const repo = memoryRepo({ 'README.md': '# P\n', 'airflow/workflows/daily.yml': 'schedule: daily\n' });
    expect(checkCheckov(repo, { env: NO_TOOLS })).toEqual([]);
    expect(checkActionlint(repo, { env: NO_TOOLS })).toEqual([]);
  });

  it('is listed as not-run, and does not count as a failure for the exit code', () => {
    const toolRules = RULES.filter((rule) => rule.id === 'DES-020' || rule.id === 'DES-021');
    const results = checkRepo(memoryRepo({ ...TERRAFORM, ...WORKFLOW }), toolRules, { env: NO_TOOLS });
    expect(notRunResults(results).map((result) => result.rule.id)).toEqual(['DES-020', 'DES-021']);
    expect(results[0]).toMatchObject({ status: 'not-run', findings: [], notRun: { reason: expect.any(String), install: expect.any(String) } });
    expect(hasFailures(results)).toBe(false);
  });

  it('is not run when the tool fails or prints no report, with what it said', () => {
    const failing = fakeTool('checkov', 'echo "checkov: no such option" >&2\nexit 2');
    expect(checkCheckov(memoryRepo(TERRAFORM), { env: { CHECKOV: failing } })).toEqual({
      notRun: { reason: `checkov (${failing}) failed with exit code 2: checkov: no such option`, install: expect.any(String) },
    });
    const silent = fakeTool('actionlint', 'echo "not json"\nexit 0');
    expect(checkActionlint(memoryRepo(WORKFLOW), { env: { ACTIONLINT: silent } })).toEqual({
      notRun: { reason: `actionlint (${silent}) printed no JSON report: not json`, install: expect.any(String) },
    });
  });
});

describe('checkov, really run (DES-020)', () => {
  let tools: ToolEnv;
  beforeAll(async () => {
    tools = await toolEnv();
  }, INSTALL_TIMEOUT_MS);

  const volume = (extra: string): string =>
    ['resource "aws_ebs_volume" "scratch" {', extra, '  availability_zone = "eu-west-2a"', '  size              = 20', '  encrypted         = false', '  kms_key_id        = "arn:aws:kms:eu-west-2:111122223333:key/x"', '}', ''].join('\n');

  it('reports a failed check at its resource, a skip with no reason at its comment, and an unreadable file', () => {
    const repo = memoryRepo({
      'infra/volume.tf': volume('  # An unencrypted volume.'),
      'infra/skipped.tf': volume('  #checkov:skip=CKV_AWS_3').replace('"scratch"', '"skipped"'),
      'infra/reasoned.tf': volume('  #checkov:skip=CKV_AWS_3:Scratch space for a test that holds no data at all.').replace('"scratch"', '"reasoned"'),
      'infra/broken.tf': 'resource "aws_s3_bucket" "x" {\n  bucket =\n',
    });
    const outcome = checkCheckov(repo, { env: tools.env });
    expect(findingsOf(outcome)).toEqual(['infra/broken.tf:-', 'infra/skipped.tf:2', 'infra/volume.tf:1']);
    expect(isNotRun(outcome) ? [] : outcome.map((finding) => finding.message)).toEqual([
      'checkov could not parse this file, so none of its checks ran on it; fix its syntax.',
      'checkov CKV_AWS_3 is skipped on aws_ebs_volume.skipped with no reason; write it after the id: #checkov:skip=CKV_AWS_3:<the reason>.',
      'checkov CKV_AWS_3 failed on aws_ebs_volume.scratch: Ensure all data stored in the EBS is securely encrypted. Fix it, or skip it inline with #checkov:skip=CKV_AWS_3:<the reason>.',
    ]);
  }, 120_000);

  it('leaves out the folders .de-standards.json excludes and those de-standards never reads', () => {
    const root = tempFolder({
      '.git/HEAD': '',
      '.de-standards.json': '{ "exclude": ["test/fixtures/bad"] }',
      'infra/ok.tf': '',
      'test/fixtures/bad/volume.tf': volume(''),
      'node_modules/module/volume.tf': volume(''),
      'build/volume.tf': volume(''),
    });
    expect(findingsOf(checkCheckov(openRepo(root), { env: tools.env }))).toEqual([]);
    const included = tempFolder({ '.git/HEAD': '', 'infra/ok.tf': '', 'test/fixtures/bad/volume.tf': volume('') });
    expect(findingsOf(checkCheckov(openRepo(included), { env: tools.env }))).toEqual(['test/fixtures/bad/volume.tf:1']);
  }, 120_000);
});

describe('actionlint, really run (DES-021)', () => {
  let tools: ToolEnv;
  beforeAll(async () => {
    tools = await toolEnv();
  }, INSTALL_TIMEOUT_MS);

  it('reports each problem at its line, in .github/workflows/ and in another workflows/ folder', ({ skip }) => {
    if (tools.actionlintMissing) skip(tools.actionlintMissing);
    const broken = 'on: push\njobs:\n  test:\n    runs-on: ubuntu-24.04\n    needs: build\n    steps:\n      - run: echo "${{ github.event.nothing.here == }}"\n';
    const repo = memoryRepo({ ...WORKFLOW, 'deploy/workflows/deploy.yml': broken });
    const outcome = checkActionlint(repo, { env: tools.env });
    expect(findingsOf(outcome)).toEqual(['deploy/workflows/deploy.yml:3', 'deploy/workflows/deploy.yml:7']);
    expect(isNotRun(outcome) ? [] : outcome.map((finding) => finding.message)).toEqual([
      expect.stringMatching(/^actionlint \[job-needs\] job "test" needs job "build" which does not exist/),
      expect.stringMatching(/^actionlint \[expression\] /),
    ]);
  }, 60_000);
});

describe('secretlint (DES-019)', () => {
  // Built from parts, so this test file holds no secret for the repository's own check to find.
  const awsSecret = ['AWS_SECRET_ACCESS_KEY', 'FakeSecretForTheStandardsUnitTestOnly000'].join('=');
  const databaseUrl = ['postgres://loader', 'made-up-password@db.internal/warehouse'].join(':');

  it('reports each secret at its file and line, without its value', () => {
    const outcome = checkSecrets(memoryRepo({ 'README.md': '# P\n', 'deploy/env.sh': `#!/bin/sh\nexport ${awsSecret}\n`, 'src/db.ts': `\n\nconst url = '${databaseUrl}';\n` }));
    expect(findingsOf(outcome)).toEqual(['deploy/env.sh:2', 'src/db.ts:3']);
    const messages = isNotRun(outcome) ? [] : outcome.map((finding) => finding.message);
    expect(messages[0]).toMatch(/^secretlint found a secret: AWS Secret Access Key \(aws, AWSSecretAccessKey\)\. If it is real, remove it, rotate it/);
    expect(messages[1]).toMatch(/^secretlint found a secret: PostgreSQL connection string \(database-connection-string, PostgreSQLConnection\)/);
    expect(messages.join('\n')).not.toMatch(/FakeSecret|made-up-password/);
  });

  it('accepts a made-up value marked with a secretlint-disable-line comment, and skips binary files', () => {
    const marked = `const url = '${databaseUrl}'; // ${'secretlint'}-disable-line -- made up for the test\n`;
    expect(checkSecrets(memoryRepo({ 'src/db.test.ts': marked, 'docs/diagram.png': `\u0000PNG ${awsSecret}` }))).toEqual([]);
  });
});

describe('the install advice for a missing tool', () => {
  it('names the versions this repository pins and tests with', () => {
    const requirements = path.join(REPO_ROOT, 'examples/lginform/requirements');
    const checkovPin = /^checkov==(\S+)$/m.exec(readFileSync(path.join(requirements, 'checkov.txt'), 'utf8'))?.[1];
    const actionlintPin = readFileSync(path.join(requirements, 'actionlint.txt'), 'utf8').split('\n').find((line) => line.trim() !== '' && !line.startsWith('#'));
    expect(checkovPin).toBeDefined();
    expect(CHECKOV.install).toContain(`checkov==${checkovPin}`);
    expect(ACTIONLINT.install).toContain(`go install ${actionlintPin}`);
  });
});
