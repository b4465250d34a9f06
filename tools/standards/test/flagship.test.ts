/**
 * The flagship example must pass every checked rule, as a folder of this
 * monorepo: its .gitignore, CODEOWNERS and pull-request template are the
 * ones Git and GitHub use for it, at the monorepo's root, and checkov and
 * actionlint really run over its Terraform and its deployment workflow.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { checkFolder, type RuleResult } from '../src/check.ts';
import { openRepo } from '../src/repo.ts';
import { isChecked, RULES } from '../src/rules.ts';
import { INSTALL_TIMEOUT_MS, type ToolEnv, toolEnv } from './check-helpers.ts';
import { FLAGSHIP, REPO_ROOT } from './paths.ts';

let tools: ToolEnv;
let results: RuleResult[];

beforeAll(async () => {
  tools = await toolEnv();
  results = checkFolder(FLAGSHIP, { env: tools.env });
}, INSTALL_TIMEOUT_MS);

const resultOf = (id: string): RuleResult | undefined => results.find((result) => result.rule.id === id);

describe('the flagship example, examples/lginform', () => {
  it('is checked as a folder of the monorepo, whose root holds its .gitignore, CODEOWNERS and pull-request template', () => {
    expect(openRepo(FLAGSHIP).gitRoot).toMatchObject({ path: REPO_ROOT, folder: 'examples/lginform' });
  });

  it.for(RULES.filter(isChecked).map((rule) => rule.id))('%s passes', (id, { skip }) => {
    if (id === 'DES-021' && tools.actionlintMissing) skip(tools.actionlintMissing);
    const result = resultOf(id);
    // The findings in the failure message say what to fix.
    expect({ status: result?.status, findings: result?.findings, notRun: result?.notRun }).toEqual({ status: 'pass', findings: [], notRun: undefined });
  });

  it('has Terraform and a workflow, so checkov and actionlint had something to check', () => {
    const { files } = openRepo(FLAGSHIP);
    expect(files.filter((file) => file.endsWith('.tf')).length).toBeGreaterThanOrEqual(40);
    expect(files).toContain('deploy/workflows/lginform-deploy.yml');
  });
});
