/**
 * The standards' rules as the pages see them: plain data that the
 * standards-rules plugin puts in global data. Only types come from the
 * plugin and the rule list, so none of their Node code reaches the browser.
 */
import { usePluginData } from '@docusaurus/useGlobalData';
import type { RuleJson } from '../../../tools/standards/src/rules-json.ts';
import type { StandardsRulesData } from '../../plugins/standards-rules';

export type { RuleJson };

/** The page that lists every rule; the box on each page links its ids there. */
export const RULES_LIST_PAGE = '/project-setup/rules';

/** The anchor of a rule on the list page: DES-006 is #des-006. */
export function ruleAnchor(id: string): string {
  return id.toLowerCase();
}

export function useStandardsRules(): StandardsRulesData {
  const data = usePluginData('standards-rules') as StandardsRulesData | undefined;
  return data ?? { rules: [], pageTitles: {} };
}

/** The rules a page lists in its `standards` front matter, in the order of the rule list. */
export function rulesClaimedBy(standards: unknown, rules: readonly RuleJson[]): RuleJson[] {
  const ids = new Set(Array.isArray(standards) ? standards.filter((id): id is string => typeof id === 'string') : []);
  return rules.filter((rule) => ids.has(rule.id));
}
