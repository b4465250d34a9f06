/**
 * One list of rules, three views: the rule list (tools/standards), the pages
 * that state the rules (their `standards` front matter and the box it
 * renders) and the page that lists every rule. These tests fail when the
 * views drift apart, and name the page or rule to fix.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findClaimProblems, sitePath, type ClaimingPage } from '../../src/plugins/standards-rules';
import { isChecked, RULES } from '../../tools/standards/src/rules.ts';
import { readRulesSchema, rulesAsJson } from '../../tools/standards/src/rules-json.ts';
import { pageFile } from '../../tools/standards/test/paths.ts';
import { readPages, ROOT_DIR, type Page } from './lib/pages';
import { buildSite, makeSiteCopy, type SiteCopy } from './lib/site-copy';

/** The page that lists every rule, and its file. */
const RULES_LIST_PAGE = '/project-setup/rules';
const RULES_LIST_FILE = 'docs/05-project-setup/rules.md';

/** A page's path on the site, from its file: number prefixes dropped, index.md is its folder. */
function permalinkOf(file: string): string {
  const segments = file
    .replace(/^docs\//, '')
    .replace(/\.mdx?$/, '')
    .split('/')
    .map((segment) => segment.replace(/^\d+-/, ''));
  if (segments.at(-1) === 'index') segments.pop();
  return `/${segments.join('/')}`;
}

function claimingPages(pages: Page[]): ClaimingPage[] {
  return pages.map((page) => ({ file: page.file, permalink: permalinkOf(page.file), standards: page.frontMatter.standards }));
}

const pages = readPages(path.join(ROOT_DIR, 'docs'));

describe('the rule list and the pages', () => {
  it('finds the pages where the site puts them', () => {
    // The test's own path mapping must agree with the one tools/standards uses.
    for (const page of pages) expect(pageFile(permalinkOf(page.file)), page.file).toBe(path.join(ROOT_DIR, page.file));
  });

  it('has no duplicate ids in the rule list', () => {
    const ids = RULES.map((rule) => rule.id);
    expect(ids.filter((id, index) => ids.indexOf(id) !== index)).toEqual([]);
  });

  it("gives every rule a page that exists and lists the rule in its front matter's `standards`", () => {
    for (const rule of RULES) {
      const file = pageFile(rule.page);
      expect(file, `${rule.id}: no page under docs/ for ${rule.page}`).toBeDefined();
      const page = pages.find((candidate) => path.join(ROOT_DIR, candidate.file) === file);
      expect(page?.frontMatter.standards, `${rule.id}: ${page?.file} does not list it in \`standards\``).toContain(rule.id);
    }
  });

  it('lists in front matter only ids the rule list has', () => {
    const known = new Set(RULES.map((rule) => rule.id));
    const unknown = pages.flatMap((page) => {
      const claimed = page.frontMatter.standards;
      if (claimed === undefined) return [];
      if (!Array.isArray(claimed)) return [`${page.file}: \`standards\` is not a list`];
      return claimed.filter((id) => !known.has(String(id))).map((id) => `${page.file}: ${String(id)}`);
    });
    expect(unknown).toEqual([]);
  });

  it("agrees with the build's own check (the plugin)", () => {
    expect(findClaimProblems(RULES, claimingPages(pages))).toEqual([]);
  });
});

describe('the check catches pages and rules that drift apart, and names them', () => {
  const rules = [
    { id: 'DES-001', page: '/infrastructure/ec2' },
    { id: 'DES-002', page: '/infrastructure/ec2' },
  ];
  const ec2 = (standards: unknown): ClaimingPage => ({ file: 'docs/06-infrastructure/ec2.md', permalink: '/infrastructure/ec2', standards });

  it('passes pages that list their rules', () => {
    expect(findClaimProblems(rules, [ec2(['DES-001', 'DES-002'])])).toEqual([]);
  });

  it('reports an id no rule has, with the page that lists it', () => {
    expect(findClaimProblems(rules, [ec2(['DES-001', 'DES-002', 'DES-999'])])).toEqual([
      'docs/06-infrastructure/ec2.md: lists DES-999 in `standards`, but no rule has that id',
    ]);
  });

  it('reports a rule its page does not list, and a rule whose page does not exist', () => {
    expect(findClaimProblems([...rules, { id: 'DES-003', page: '/infrastructure/kubernetes' }], [ec2(['DES-001'])])).toEqual([
      'DES-002 names the page /infrastructure/ec2, but docs/06-infrastructure/ec2.md does not list it in `standards` in its front matter',
      'DES-003 names the page /infrastructure/kubernetes, but no docs page has that path',
    ]);
  });

  it('reports a duplicate id, an id listed twice and `standards` that is not a list', () => {
    expect(findClaimProblems([...rules, rules[0]!], [ec2(['DES-001', 'DES-002'])])).toEqual(['DES-001 appears more than once in the rule list']);
    expect(findClaimProblems(rules, [ec2(['DES-001', 'DES-002', 'DES-001'])])).toEqual(['docs/06-infrastructure/ec2.md: lists DES-001 more than once in `standards`']);
    expect(findClaimProblems(rules, [ec2('DES-001')])[0]).toBe('docs/06-infrastructure/ec2.md: `standards` in the front matter must be a list of rule ids, such as [DES-006, DES-009]');
  });

  it('catches a real page changed in memory to list an unknown id', () => {
    const changed = claimingPages(pages).map((page) =>
      page.file === 'docs/06-infrastructure/ec2.md' ? { ...page, standards: [...(page.standards as string[]), 'DES-999'] } : page,
    );
    expect(findClaimProblems(RULES, changed)).toEqual(['docs/06-infrastructure/ec2.md: lists DES-999 in `standards`, but no rule has that id']);
  });

  it("reads pages' paths without the site's base URL", () => {
    expect(sitePath('/standards/infrastructure/ec2', '/standards/')).toBe('/infrastructure/ec2');
    expect(sitePath('/infrastructure/ec2', '/')).toBe('/infrastructure/ec2');
  });
});

/** The visible text of some HTML: tags dropped, entities decoded, spaces collapsed. */
function textOf(html: string): string {
  return html
    .replaceAll('<!-- -->', '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&(?:quot|#34|#x22);/g, '"')
    .replace(/&(?:#39|#x27|apos);/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}

/** The "Standards on this page" box of a built page, or undefined. */
function boxOf(html: string): string | undefined {
  return /<section[^>]*aria-labelledby="?standards-on-this-page"?[^>]*>([\s\S]*?)<\/section>/.exec(html)?.[1];
}

describe('the built site', () => {
  let copy: SiteCopy;
  let built: { status: number | null; output: string };
  const read = (sitePathOrFile: string) => readFileSync(path.join(copy.dir, 'build', sitePathOrFile), 'utf8');

  beforeAll(() => {
    copy = makeSiteCopy();
    built = buildSite(copy.dir);
  });
  afterAll(() => copy?.remove());

  it('builds', () => {
    expect(built.status, built.output).toBe(0);
  });

  it('publishes the rules at /standards/rules.json and their schema at /standards/rules.schema.json', () => {
    expect(JSON.parse(read('standards/rules.json'))).toEqual(rulesAsJson());
    expect(JSON.parse(read('standards/rules.schema.json'))).toEqual(readRulesSchema());
  });

  it("shows each rule page's box with the id, level, title and why of every rule it lists", () => {
    const rulePages = [...new Set(RULES.map((rule) => rule.page))];
    for (const page of rulePages) {
      const box = boxOf(read(`${page.slice(1)}.html`));
      expect(box, `no "Standards on this page" box on ${page}`).toBeDefined();
      const text = textOf(box!);
      expect(text).toContain('Standards on this page');
      for (const rule of RULES.filter((candidate) => candidate.page === page)) {
        expect(text, `${page} lacks ${rule.id}`).toContain(`${rule.id} ${rule.level} ${rule.title}`);
        expect(text, `${page} lacks why ${rule.id}`).toContain(rule.why);
        expect(text).toContain(isChecked(rule) ? 'Checked automatically by de-standards check' : 'Checked by the reviewer (in the pull-request template)');
      }
    }
  });

  it('shows no box on a page that states no rule', () => {
    expect(boxOf(read('storage/s3.html'))).toBeUndefined();
  });

  it('lists every rule on the rules page, each with its anchor and a link to its page', () => {
    expect(existsSync(path.join(ROOT_DIR, RULES_LIST_FILE))).toBe(true);
    const html = read(`${RULES_LIST_PAGE.slice(1)}.html`);
    const text = textOf(html);
    for (const rule of RULES) {
      expect(html, rule.id).toMatch(new RegExp(`<th[^>]*\\bid="?${rule.id.toLowerCase()}"?[\\s>]`));
      expect(text, rule.id).toContain(`${rule.id} ${rule.level} ${rule.title} ${rule.why}`);
      expect(html, rule.page).toMatch(new RegExp(`href="?${rule.page}"?[\\s>]`));
    }
  });

  it('fails the build when a page lists an unknown id or leaves out its rule, naming the page', () => {
    const rule = RULES[0]!;
    const file = path.relative(ROOT_DIR, pageFile(rule.page)!);
    const copied = path.join(copy.dir, file);
    writeFileSync(copied, readFileSync(copied, 'utf8').replace(/^standards: .*$/m, 'standards: [DES-999]'));
    const broken = buildSite(copy.dir);
    expect(broken.status).not.toBe(0);
    expect(broken.output).toContain(`${file}: lists DES-999 in \`standards\`, but no rule has that id`);
    expect(broken.output).toContain(`${rule.id} names the page ${rule.page}, but ${file} does not list it`);
  });
});
