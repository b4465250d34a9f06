/**
 * SARIF 2.1.0, the format GitHub code scanning reads, so a failing rule
 * shows on the pull request at its file and line. Every rule is described
 * in the driver (reviewer-only ones too); results are the findings of the
 * rules that failed. File paths are relative to the folder checked.
 */
import { type RuleResult } from './check.ts';
import { isChecked, type Level } from './rules.ts';
import { pageUrl, SITE_URL } from './site.ts';

export const SARIF_SCHEMA = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

const SARIF_LEVEL: Record<Level, 'error' | 'warning'> = { MUST: 'error', SHOULD: 'warning' };

export function toSarif(results: readonly RuleResult[]): object {
  const rules = results.map(({ rule }) => ({
    id: rule.id,
    shortDescription: { text: rule.title },
    fullDescription: { text: rule.why },
    helpUri: pageUrl(rule.page),
    help: { text: `${rule.why} See ${pageUrl(rule.page)}` },
    defaultConfiguration: { level: SARIF_LEVEL[rule.level] },
    properties: { level: rule.level, reviewerOnly: !isChecked(rule) },
  }));
  const sarifResults = results.flatMap(({ rule, findings }, ruleIndex) =>
    findings.map((finding) => ({
      ruleId: rule.id,
      ruleIndex,
      level: SARIF_LEVEL[rule.level],
      message: { text: `${finding.message} ${rule.why}` },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: finding.file, uriBaseId: '%SRCROOT%' },
            ...(finding.line === undefined ? {} : { region: { startLine: finding.line } }),
          },
        },
      ],
    })),
  );
  return {
    version: '2.1.0',
    $schema: SARIF_SCHEMA,
    runs: [{ tool: { driver: { name: 'de-standards', informationUri: SITE_URL, rules } }, results: sarifResults }],
  };
}

export function formatSarif(results: readonly RuleResult[]): string {
  return `${JSON.stringify(toSarif(results), null, 2)}\n`;
}
