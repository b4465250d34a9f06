/**
 * The results for a person at a terminal (a table), and for other programs
 * (JSON). SARIF, for GitHub code scanning, is in sarif.ts. File paths are
 * relative to the folder checked; a file GitHub reads from the root of a
 * larger Git work tree is named the same way (`../../.github/CODEOWNERS`).
 */
import { notRunResults, type RuleResult } from './check.ts';
import { ruleAsJson } from './rules-json.ts';
import { pageUrl } from './site.ts';

const STATUS_LABEL: Record<RuleResult['status'], string> = { pass: 'PASS', fail: 'FAIL', review: 'REVIEW', 'not-run': 'NOT RUN' };

export function formatTable(results: readonly RuleResult[], checkedPath: string): string {
  const count = (status: RuleResult['status']): number => results.filter((result) => result.status === status).length;
  const notRun = count('not-run');
  const lines = [
    `de-standards: ${checkedPath}`,
    `${count('pass')} passed, ${count('fail')} failed, ${notRun} could not run, ${count('review')} for the reviewer to judge`,
  ];
  if (notRun > 0) {
    const ids = notRunResults(results).map((result) => result.rule.id).join(', ');
    lines.push(`${notRun === 1 ? '1 checked rule' : `${notRun} checked rules`} could not run (${ids}), so this result is incomplete: see NOT RUN below.`);
  }
  lines.push('');
  for (const { rule, status, findings, notRun: why } of results) {
    lines.push(`${STATUS_LABEL[status].padEnd(7)} ${rule.id}  ${rule.level.padEnd(6)} ${rule.title}`);
    if (status === 'not-run' && why) {
      lines.push(`          Could not run: ${why.reason}.`, `          To run it: ${why.install}.`);
      continue;
    }
    if (status !== 'fail') continue;
    for (const finding of findings) {
      const where = finding.line === undefined ? finding.file : `${finding.file}:${finding.line}`;
      lines.push(`          ${where}  ${finding.message}`);
    }
    lines.push(`          Why: ${rule.why}`, `          See: ${pageUrl(rule.page)}`);
  }
  return `${lines.join('\n')}\n`;
}

export function formatJson(results: readonly RuleResult[], checkedPath: string): string {
  const report = {
    path: checkedPath,
    passed: !results.some((result) => result.status === 'fail'),
    // False when a checked rule could not run: `passed` then covers only the rules that ran.
    complete: notRunResults(results).length === 0,
    // Each rule as the published rules.json describes it, then its result.
    results: results.map(({ rule, status, findings, notRun }) => ({
      ...ruleAsJson(rule),
      status,
      findings,
      ...(notRun ? { notRun } : {}),
    })),
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}
