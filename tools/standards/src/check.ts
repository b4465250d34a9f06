/**
 * Runs every rule against a repository. A rule a machine can check passes
 * or fails on its findings; a rule only a reviewer can judge is listed as
 * "review", so the report still shows the whole standard.
 */
import { isChecked, type Rule, RULES } from './rules.ts';
import { type Finding, openRepo, type Repo } from './repo.ts';

export type Status = 'pass' | 'fail' | 'review';
export type RuleResult = { rule: Rule; status: Status; findings: Finding[] };

export function checkRepo(repo: Repo, rules: readonly Rule[] = RULES): RuleResult[] {
  return rules.map((rule) => {
    if (!isChecked(rule)) return { rule, status: 'review', findings: [] };
    const findings = rule.check(repo);
    return { rule, status: findings.length === 0 ? 'pass' : 'fail', findings };
  });
}

/** Checks the folder at `root` against every rule. */
export function checkFolder(root: string): RuleResult[] {
  return checkRepo(openRepo(root));
}

/** True when any MUST or SHOULD rule failed: the check's exit code is then 1. */
export function hasFailures(results: readonly RuleResult[]): boolean {
  return results.some((result) => result.status === 'fail');
}
