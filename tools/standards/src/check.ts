/**
 * Runs every rule against a repository. A rule a machine can check passes
 * or fails on its findings; a rule only a reviewer can judge is listed as
 * "review", so the report still shows the whole standard. A checked rule
 * whose outside tool is missing is "not-run", with the reason and how to
 * install the tool: it is never counted as passed.
 *
 * The exit code depends on failures only, so a machine without checkov or
 * actionlint can still run the rest; every format says plainly which rules
 * did not run.
 */
import { type CheckContext, isNotRun, type NotRun } from './checks/tools.ts';
import { type Finding, openRepo, type Repo } from './repo.ts';
import { isChecked, type Rule, RULES } from './rules.ts';

export type Status = 'pass' | 'fail' | 'review' | 'not-run';
export type RuleResult = { rule: Rule; status: Status; findings: Finding[]; notRun?: NotRun['notRun'] };

export function checkRepo(repo: Repo, rules: readonly Rule[] = RULES, context: CheckContext = { env: process.env }): RuleResult[] {
  return rules.map((rule) => {
    if (!isChecked(rule)) return { rule, status: 'review', findings: [] };
    const outcome = rule.check(repo, context);
    if (isNotRun(outcome)) return { rule, status: 'not-run', findings: [], notRun: outcome.notRun };
    return { rule, status: outcome.length === 0 ? 'pass' : 'fail', findings: outcome };
  });
}

/**
 * Checks the folder at `root` against every rule. Outside tools are found
 * through `env` (CHECKOV, ACTIONLINT, SHELLCHECK, PATH). Throws ConfigError
 * (from repo.ts) when the folder's .de-standards.json is not valid.
 */
export function checkFolder(root: string, options: { env?: NodeJS.ProcessEnv; rules?: readonly Rule[] } = {}): RuleResult[] {
  return checkRepo(openRepo(root), options.rules, { env: options.env ?? process.env });
}

/** True when any MUST or SHOULD rule failed: the check's exit code is then 1. */
export function hasFailures(results: readonly RuleResult[]): boolean {
  return results.some((result) => result.status === 'fail');
}

/** The checked rules that could not run; a `--require-tools` option would make the exit code depend on these too. */
export function notRunResults(results: readonly RuleResult[]): RuleResult[] {
  return results.filter((result) => result.status === 'not-run');
}
