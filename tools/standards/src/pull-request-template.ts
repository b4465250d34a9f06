/**
 * The pull-request template, written from the rules only a reviewer can
 * judge. The repository's own template, the scaffold's and the site all use
 * this text, so the checklist a reviewer ticks is the standard itself.
 */
import { isChecked, type Rule, RULES } from './rules.ts';
import { pageUrl } from './site.ts';

export function pullRequestTemplate(rules: readonly Rule[] = RULES): string {
  const checklist = rules
    .filter((rule) => !isChecked(rule))
    .map((rule) => `- [ ] ${rule.title}. (${rule.id}, ${rule.level}: ${pageUrl(rule.page)})`);
  return [
    '## What this changes, and why',
    '',
    '<!-- One change per pull request. Say why, not only what. Link the issue. -->',
    '',
    '## How it was tested',
    '',
    '<!-- The commands you ran and what they showed. -->',
    '',
    '## Review checklist',
    '',
    '<!-- `de-standards check` runs every rule a machine can check in CI. These rules need a person. -->',
    '',
    ...checklist,
    '',
  ].join('\n');
}
