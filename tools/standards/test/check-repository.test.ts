/**
 * This whole repository, checked from its root as CI would check it, with
 * checkov and actionlint really run. Its .de-standards.json excludes the
 * checker's own violations fixture, which breaks every rule on purpose.
 *
 * KNOWN_FAILURES would list, finding by finding, anything that fails for a
 * reason the team accepts for now; a rule that starts or stops failing
 * fails this test.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkFolder, type RuleResult } from '../src/check.ts';
import { CONFIG_FILE, openRepo, parseConfig } from '../src/repo.ts';
import { isChecked, RULES } from '../src/rules.ts';
import { INSTALL_TIMEOUT_MS, type ToolEnv, toolEnv } from './check-helpers.ts';
import { REPO_ROOT } from './paths.ts';

const VIOLATIONS = 'tools/standards/test/fixtures/violations';

/**
 * Findings (file:line) the repository's root still has, and why each is
 * left for now. Empty: the repository meets every rule a machine checks.
 */
const KNOWN_FAILURES: Record<string, { findings: string[]; why: string }> = {};

let tools: ToolEnv;
let results: RuleResult[];

beforeAll(async () => {
  tools = await toolEnv();
  results = checkFolder(REPO_ROOT, { env: tools.env });
}, INSTALL_TIMEOUT_MS);

describe('the whole repository, checked from its root', () => {
  it('excludes only the violations fixture, in its .de-standards.json', () => {
    const config = parseConfig(readFileSync(path.join(REPO_ROOT, CONFIG_FILE), 'utf8'), CONFIG_FILE);
    expect(config).toEqual({ exclude: [VIOLATIONS], root: false });
    const { files } = openRepo(REPO_ROOT);
    expect(files.some((file) => file.startsWith(`${VIOLATIONS}/`))).toBe(false);
    expect(files).toContain('tools/standards/test/fixtures/clean/README.md');
  });

  it.for(RULES.filter(isChecked).map((rule) => rule.id))('%s passes, or fails only as KNOWN_FAILURES says', (id, { skip }) => {
    if (id === 'DES-021' && tools.actionlintMissing) skip(tools.actionlintMissing);
    const result = results.find((candidate) => candidate.rule.id === id);
    const known = KNOWN_FAILURES[id];
    const found = (result?.findings ?? []).map((finding) => `${finding.file}:${finding.line ?? '-'}`);
    expect({ status: result?.status, found, notRun: result?.notRun }).toEqual({ status: known ? 'fail' : 'pass', found: known?.findings ?? [], notRun: undefined });
  });

  it('reports nothing from the excluded fixture', () => {
    const findings = results.flatMap((result) => result.findings);
    expect(findings.filter((finding) => finding.file.startsWith(VIOLATIONS))).toEqual([]);
  });
});
