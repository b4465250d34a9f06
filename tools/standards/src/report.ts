/**
 * The results for a person at a terminal (a table), and for other programs
 * (JSON). SARIF, for GitHub code scanning, is in sarif.ts.
 */
import { type RuleResult } from './check.ts';
import { isChecked } from './rules.ts';
import { pageUrl } from './site.ts';

const STATUS_LABEL: Record<RuleResult['status'], string> = { pass: 'PASS', fail: 'FAIL', review: 'REVIEW' };

export function formatTable(results: readonly RuleResult[], checkedPath: string): string {
  const count = (status: RuleResult['status']): number => results.filter((result) => result.status === status).length;
  const lines = [
    `de-standards: ${checkedPath}`,
    `${count('pass')} passed, ${count('fail')} failed, ${count('review')} for the reviewer to judge`,
    '',
  ];
  for (const { rule, status, findings } of results) {
    lines.push(`${STATUS_LABEL[status].padEnd(7)} ${rule.id}  ${rule.level.padEnd(6)} ${rule.title}`);
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
    results: results.map(({ rule, status, findings }) => ({
      id: rule.id,
      level: rule.level,
      title: rule.title,
      why: rule.why,
      page: rule.page,
      url: pageUrl(rule.page),
      reviewerOnly: !isChecked(rule),
      status,
      findings,
    })),
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}
