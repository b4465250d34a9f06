/**
 * The two fixture repositories: one breaks each checked rule (each must fire
 * at the right file and line), the other meets them all.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkFolder, type RuleResult } from '../src/check.ts';
import { isChecked, RULES } from '../src/rules.ts';
import { FIXTURES } from './paths.ts';

const violations = checkFolder(path.join(FIXTURES, 'violations'));
const clean = checkFolder(path.join(FIXTURES, 'clean'));

function resultFor(results: RuleResult[], id: string): RuleResult {
  const result = results.find((candidate) => candidate.rule.id === id);
  if (!result) throw new Error(`no result for ${id}`);
  return result;
}

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
};

describe('the violations fixture', () => {
  it('has an expected violation for every checked rule, and no more', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual(RULES.filter(isChecked).map((rule) => rule.id));
  });

  it.each(Object.entries(EXPECTED))('%s fires with the right file and line', (id, expected) => {
    const result = resultFor(violations, id);
    expect(result.status).toBe('fail');
    expect(result.findings.map(({ file, line }) => ({ file, line }))).toEqual(expected.map(({ file, line }) => ({ file, line })));
    result.findings.forEach((finding, index) => expect(finding.message).toMatch(expected[index]?.message ?? /^$/));
  });

  it('lists the reviewer-only rules for review, not as passed or failed', () => {
    const reviewed = violations.filter((result) => !isChecked(result.rule));
    expect(reviewed.length).toBeGreaterThan(0);
    for (const result of reviewed) expect(result).toMatchObject({ status: 'review', findings: [] });
  });
});

describe('the clean fixture', () => {
  it.each(RULES.filter(isChecked).map((rule) => rule.id))('%s passes', (id) => {
    expect(resultFor(clean, id)).toMatchObject({ status: 'pass', findings: [] });
  });
});
