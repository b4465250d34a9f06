/**
 * The rules as plain JSON: what the site publishes at /standards/rules.json
 * for other tools to read, and what the site's pages render. No functions,
 * so it can cross into the browser. schema/rules.schema.json describes it.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { isChecked, type Level, type Rule, RULES } from './rules.ts';
import { pageUrl, SITE_URL } from './site.ts';

/**
 * The version of the document's shape, not of the rules. It goes up only
 * when a field is removed or changes meaning; a new rule leaves it alone.
 */
export const RULES_JSON_VERSION = 1;

/** Where the site publishes the rules and their schema, as paths on the site. */
export const RULES_JSON_PATH = '/standards/rules.json';
export const RULES_SCHEMA_PATH = '/standards/rules.schema.json';

/** Who checks a rule: `de-standards check`, or the reviewer with the pull-request template. */
export type CheckedBy = 'machine' | 'reviewer';

export type RuleJson = {
  id: string;
  level: Level;
  title: string;
  why: string;
  /** The site page that states the rule, as its path on the site. */
  page: string;
  /** The same page's full address. */
  url: string;
  checkedBy: CheckedBy;
};

export type RulesJson = {
  version: typeof RULES_JSON_VERSION;
  /** The site's address, without a trailing slash. */
  site: string;
  rules: RuleJson[];
};

export function ruleAsJson(rule: Rule): RuleJson {
  return {
    id: rule.id,
    level: rule.level,
    title: rule.title,
    why: rule.why,
    page: rule.page,
    url: pageUrl(rule.page),
    checkedBy: isChecked(rule) ? 'machine' : 'reviewer',
  };
}

/** The rules in the order of the list, with nothing that JSON cannot hold. */
export function rulesAsJson(rules: readonly Rule[] = RULES): RulesJson {
  return { version: RULES_JSON_VERSION, site: SITE_URL, rules: rules.map(ruleAsJson) };
}

/** The JSON Schema (draft 2020-12) of what rulesAsJson returns; the site publishes it beside the rules. */
export const RULES_SCHEMA_FILE = fileURLToPath(new URL('../schema/rules.schema.json', import.meta.url));

export function readRulesSchema(): Record<string, unknown> {
  return JSON.parse(readFileSync(RULES_SCHEMA_FILE, 'utf8')) as Record<string, unknown>;
}
