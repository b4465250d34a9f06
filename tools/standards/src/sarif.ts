/**
 * SARIF 2.1.0, the format GitHub code scanning reads, so a failing rule
 * shows on the pull request at its file and line. Every rule is described
 * in the driver (reviewer-only ones too) with its help page and its level
 * (error for MUST, warning for SHOULD); results are the findings of the
 * rules that failed. A checked rule that could not run is a tool execution
 * notification on the run's invocation, so it is not mistaken for a pass.
 * File paths are relative to the folder checked.
 */
import { notRunResults, type RuleResult } from './check.ts';
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
  const toolExecutionNotifications = notRunResults(results).map((result) => ({
    level: 'warning',
    message: { text: `${result.rule.id} could not run: ${result.notRun?.reason ?? 'no reason given'}. To run it: ${result.notRun?.install ?? ''}.` },
    associatedRule: { id: result.rule.id, index: results.indexOf(result) },
    properties: { status: 'not-run' },
  }));
  // de-standards itself ran to the end; a rule that could not run is a notification, not a failed execution.
  const invocation = { executionSuccessful: true, ...(toolExecutionNotifications.length > 0 ? { toolExecutionNotifications } : {}) };
  return {
    version: '2.1.0',
    $schema: SARIF_SCHEMA,
    runs: [{ tool: { driver: { name: 'de-standards', informationUri: SITE_URL, rules } }, invocations: [invocation], results: sarifResults }],
  };
}

export function formatSarif(results: readonly RuleResult[]): string {
  return `${JSON.stringify(toSarif(results), null, 2)}\n`;
}
