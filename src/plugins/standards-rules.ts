/**
 * Docusaurus plugin: the standards' one list of rules (tools/standards), for
 * the site. It runs in Node only, so the rule checks it imports never reach
 * the browser; pages get the rules as plain data through global data.
 *
 * - Each page that states rules lists their ids in its front matter
 *   (`standards: [DES-006, DES-009]`), and gets a "Standards on this page" box.
 * - The build fails when a page and the list disagree: a page lists an id no
 *   rule has, or a rule's page does not list it.
 * - The build writes the rules and their JSON Schema to /standards/rules.json
 *   and /standards/rules.schema.json.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { LoadContext, Plugin } from '@docusaurus/types';
import { RULES } from '../../tools/standards/src/rules.ts';
import {
  readRulesSchema,
  RULES_JSON_PATH,
  RULES_SCHEMA_PATH,
  rulesAsJson,
  type RuleJson,
} from '../../tools/standards/src/rules-json.ts';

export const PLUGIN_NAME = 'standards-rules';

/** What every page can read with `usePluginData('standards-rules')`. */
export type StandardsRulesData = {
  rules: RuleJson[];
  /** The title of each page that states a rule, by its path on the site. */
  pageTitles: Record<string, string>;
};

/** A docs page as the checks need it: where it comes from, its path on the site and its `standards` front matter. */
export type ClaimingPage = { file: string; permalink: string; standards: unknown };

/** The ids a page lists in `standards`, or undefined when the field is not a list of strings. */
export function claimedIds(standards: unknown): string[] | undefined {
  if (standards === undefined) return [];
  if (!Array.isArray(standards) || !standards.every((id) => typeof id === 'string')) return undefined;
  return standards as string[];
}

/**
 * Where the pages and the rule list disagree, one message per problem, each
 * naming the page or the rule to fix. An empty list means they agree.
 */
export function findClaimProblems(rules: readonly { id: string; page: string }[], pages: readonly ClaimingPage[]): string[] {
  const problems: string[] = [];
  const ids = new Set<string>();
  for (const rule of rules) {
    if (ids.has(rule.id)) problems.push(`${rule.id} appears more than once in the rule list`);
    ids.add(rule.id);
  }
  const claims = new Map<string, { file: string; ids: string[] }>();
  for (const page of pages) {
    const claimed = claimedIds(page.standards);
    if (!claimed) {
      problems.push(`${page.file}: \`standards\` in the front matter must be a list of rule ids, such as [DES-006, DES-009]`);
      continue;
    }
    claims.set(page.permalink, { file: page.file, ids: claimed });
    const seen = new Set<string>();
    for (const id of claimed) {
      if (!ids.has(id)) problems.push(`${page.file}: lists ${id} in \`standards\`, but no rule has that id`);
      if (seen.has(id)) problems.push(`${page.file}: lists ${id} more than once in \`standards\``);
      seen.add(id);
    }
  }
  for (const rule of rules) {
    const page = claims.get(rule.page);
    if (!page) problems.push(`${rule.id} names the page ${rule.page}, but no docs page has that path`);
    else if (!page.ids.includes(rule.id)) problems.push(`${rule.id} names the page ${rule.page}, but ${page.file} does not list it in \`standards\` in its front matter`);
  }
  return problems;
}

type LoadedDoc = { title: string; permalink: string; source: string; frontMatter: Record<string, unknown> };
type DocsContent = { loadedVersions: { docs: LoadedDoc[] }[] };

/** A doc's permalink without the site's base URL: the form a rule's `page` takes. */
export function sitePath(permalink: string, baseUrl: string): string {
  return baseUrl !== '/' && permalink.startsWith(baseUrl) ? `/${permalink.slice(baseUrl.length)}` : permalink;
}

export default function standardsRulesPlugin(context: LoadContext): Plugin {
  const published = rulesAsJson(RULES);
  return {
    name: PLUGIN_NAME,
    async allContentLoaded({ allContent, actions }) {
      const docsPlugin = allContent['docusaurus-plugin-content-docs'] as Record<string, DocsContent> | undefined;
      const docs = Object.values(docsPlugin ?? {}).flatMap((content) => content.loadedVersions.flatMap((version) => version.docs));
      const pages = docs.map((doc) => ({
        file: doc.source.replace(/^@site\//, ''),
        permalink: sitePath(doc.permalink, context.baseUrl),
        standards: doc.frontMatter.standards,
      }));
      const problems = findClaimProblems(RULES, pages);
      if (problems.length > 0) {
        throw new Error(`The pages and the standards' rule list (tools/standards/src/rules.ts) disagree:\n- ${problems.join('\n- ')}`);
      }
      const rulePages = new Set(published.rules.map((rule) => rule.page));
      const pageTitles = Object.fromEntries(
        docs.map((doc) => [sitePath(doc.permalink, context.baseUrl), doc.title] as const).filter(([page]) => rulePages.has(page)),
      );
      actions.setGlobalData({ rules: published.rules, pageTitles } satisfies StandardsRulesData);
    },
    async postBuild({ outDir }) {
      const write = async (sitePath: string, data: unknown) => {
        const file = path.join(outDir, ...sitePath.split('/'));
        await mkdir(path.dirname(file), { recursive: true });
        await writeFile(file, `${JSON.stringify(data, null, 2)}\n`);
      };
      await write(RULES_JSON_PATH, published);
      await write(RULES_SCHEMA_PATH, readRulesSchema());
    },
  };
}
