/**
 * The two fixture repositories: one breaks each checked rule (each must fire
 * at the right file and line), the other meets them all. checkov and
 * actionlint really run. Both fixtures hold a .de-standards.json with
 * "root": true, so they are checked as repositories of their own, not as
 * folders of this monorepo.
 */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkFolder, type RuleResult } from '../src/check.ts';
import { isChecked, RULES } from '../src/rules.ts';
import { INSTALL_TIMEOUT_MS, type ToolEnv, toolEnv } from './check-helpers.ts';
import { FIXTURES } from './paths.ts';

let tools: ToolEnv;
let violations: RuleResult[];
let clean: RuleResult[];

beforeAll(async () => {
  tools = await toolEnv();
  violations = checkFolder(path.join(FIXTURES, 'violations'), { env: tools.env });
  clean = checkFolder(path.join(FIXTURES, 'clean'), { env: tools.env });
}, INSTALL_TIMEOUT_MS);

function resultFor(results: RuleResult[], id: string): RuleResult {
  const result = results.find((candidate) => candidate.rule.id === id);
  if (!result) throw new Error(`no result for ${id}`);
  return result;
}

/** Rules that need a tool the machine may lack. */
const needsActionlint = (id: string): boolean => id === 'DES-021';

/** What each checked rule must report on the violations fixture: file, line and the gist of the message. */
const EXPECTED: Record<string, { file: string; line?: number; message: RegExp }[]> = {
  'DES-001': [{ file: 'README.md', line: 1, message: /no section on who owns it/ }],
  'DES-002': [{ file: '.gitignore', line: 1, message: /does not ignore \*\.pem/ }],
  'DES-003': [{ file: '.github/CODEOWNERS', line: 1, message: /names no owners/ }],
  'DES-004': [{ file: '.github/pull_request_template.md', message: /no pull-request template/ }],
  'DES-005': [{ file: '.github/workflows/deploy.yml', line: 12, message: /aws-access-key-id/ }],
  'DES-006': [{ file: 'terraform/main.tf', line: 9, message: /port 8080 .* to 0\.0\.0\.0\/0/ }],
  'DES-007': [{ file: 'terraform/main.tf', line: 15, message: /AmazonS3FullAccess/ }],
  'DES-008': [{ file: 'iam/policy.json', line: 6, message: /allows every action/ }],
  'DES-009': [{ file: 'scripts/setup.sh', line: 3, message: /sudo pip install/ }],
  'DES-010': [{ file: 'Dockerfile', line: 4, message: /runs as root/ }],
  'DES-011': [{ file: 'Dockerfile', line: 2, message: /python:latest uses the latest tag/ }],
  'DES-012': [
    { file: 'package.json', line: 4, message: /no test script/ },
    { file: '.', message: /no test files/ },
  ],
  'DES-019': [{ file: 'scripts/upload.sh', line: 3, message: /AWS Secret Access Key \(aws, AWSSecretAccessKey\)/ }],
  'DES-020': [{ file: 'terraform/volume.tf', line: 2, message: /checkov CKV_AWS_3 failed on aws_ebs_volume\.scratch/ }],
  'DES-021': [{ file: '.github/workflows/lint.yml', line: 12, message: /actionlint \[action\] input "fetch-dept" is not defined/ }],
};

describe('the violations fixture', () => {
  it('has an expected violation for every checked rule, and no more', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual(RULES.filter(isChecked).map((rule) => rule.id));
  });

  it.for(Object.entries(EXPECTED))('%s fires with the right file and line', ([id, expected], { skip }) => {
    if (needsActionlint(id) && tools.actionlintMissing) skip(tools.actionlintMissing);
    const result = resultFor(violations, id);
    expect(result.status).toBe('fail');
    expect(result.findings.map(({ file, line }) => ({ file, line }))).toEqual(expected.map(({ file, line }) => ({ file, line })));
    result.findings.forEach((finding, index) => expect(finding.message).toMatch(expected[index]?.message ?? /^$/));
  });

  it('never repeats the secret it found', () => {
    const [finding] = resultFor(violations, 'DES-019').findings;
    expect(finding?.message).not.toContain('FakeSecret');
  });

  it('lists the reviewer-only rules for review, not as passed or failed', () => {
    const reviewed = violations.filter((result) => !isChecked(result.rule));
    expect(reviewed.length).toBeGreaterThan(0);
    for (const result of reviewed) expect(result).toMatchObject({ status: 'review', findings: [] });
  });
});

describe('the clean fixture', () => {
  it.for(RULES.filter(isChecked).map((rule) => rule.id))('%s passes', (id, { skip }) => {
    if (needsActionlint(id) && tools.actionlintMissing) skip(tools.actionlintMissing);
    expect(resultFor(clean, id)).toMatchObject({ status: 'pass', findings: [] });
  });
});
