/**
 * axe-core on every page of the built site, in the light and the dark colour
 * scheme, against the WCAG 2.0, 2.1 and 2.2 A and AA rules. New pages are
 * covered with no new test: the list comes from the sitemap.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { sitemapPaths, useBuiltSite } from './lib/built-site';

const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
// The sitemap leaves out the search page and the "not found" page; check them too.
const paths = [...sitemapPaths(), '/search', '/this-page-does-not-exist'];

type Violation = { id: string; help: string; nodes: { target: string[] }[] };

const built = useBuiltSite();

async function violationsOn(page: Page, path: string): Promise<string[]> {
  await page.goto(`${built.site.url}${path}`, { waitUntil: 'load' });
  // Diagrams render after load; scan what a reader sees.
  if (await page.locator('.docusaurus-mermaid-container').count()) {
    await page.locator('.docusaurus-mermaid-container svg').first().waitFor();
  }
  await page.addScriptTag({ content: axeSource });
  const violations = await page.evaluate(async (tags) => {
    const axe = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<{ violations: Violation[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: tags } });
    return result.violations.map((v) => ({ id: v.id, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) }));
  }, WCAG_TAGS);
  return violations.map((v) => `${path}: ${v.id} (${v.help}) at ${v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join(', ')}`);
}

describe.each(['light', 'dark'] as const)('accessibility in the %s colour scheme', (scheme) => {
  it(`has no axe violations on any of the ${paths.length} pages`, async () => {
    expect(paths.length).toBeGreaterThan(15);
    const context = await built.browser.newContext({ colorScheme: scheme });
    const page = await context.newPage();
    const found: string[] = [];
    for (const path of paths) found.push(...(await violationsOn(page, path)));
    await context.close();
    expect(found.join('\n')).toBe('');
  });
});
