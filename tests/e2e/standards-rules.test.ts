/**
 * The standards' rules in the browser: the box on a page that states rules,
 * its links to the list of every rule, the MUST and SHOULD badges' contrast
 * in both colour schemes (axe leaves text on a see-through background
 * unjudged, so this measures it), and the published JSON.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../tools/standards/src/rules.ts';
import { rulesAsJson } from '../../tools/standards/src/rules-json.ts';
import { useBuiltSite } from './lib/built-site';

const built = useBuiltSite();

/**
 * The contrast of each MUST and SHOULD badge on the page with what is behind
 * it: the badge's own background, or the first opaque one of its ancestors.
 */
async function badgeContrasts(page: Page): Promise<{ text: string; ratio: number }[]> {
  return page.locator('[data-level]').evaluateAll((badges) => {
    const rgba = (colour: string) => {
      const [r = 0, g = 0, b = 0, a = 1] = (colour.match(/[\d.]+/g) ?? []).map(Number);
      return { r, g, b, a };
    };
    const luminance = ({ r, g, b }: { r: number; g: number; b: number }) => {
      const [lr, lg, lb] = [r, g, b].map((c) => c / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
      return 0.2126 * lr! + 0.7152 * lg! + 0.0722 * lb!;
    };
    const backgroundOf = (element: Element | null): { r: number; g: number; b: number; a: number } => {
      for (let node = element; node; node = node.parentElement) {
        const colour = rgba(getComputedStyle(node).backgroundColor);
        if (colour.a > 0) return colour;
      }
      return { r: 255, g: 255, b: 255, a: 1 };
    };
    return badges.map((badge) => {
      const text = rgba(getComputedStyle(badge).color);
      // A see-through text colour reads as no contrast at all.
      if (text.a < 1) return { text: badge.textContent ?? '', ratio: 0 };
      const [light, dark] = [luminance(text), luminance(backgroundOf(badge))].sort((x, y) => y - x);
      return { text: badge.textContent ?? '', ratio: (light! + 0.05) / (dark! + 0.05) };
    });
  });
}

/** The first page that states a rule of each level, so both badges are measured. */
const pagesToMeasure = [...new Set(['MUST', 'SHOULD'].map((level) => RULES.find((rule) => rule.level === level)?.page).filter((page): page is string => Boolean(page)))];

describe.each(['light', 'dark'] as const)('the standards in the %s colour scheme', (scheme) => {
  it('gives the MUST and SHOULD badges at least 4.5:1 contrast, in the boxes and on the list of every rule', async () => {
    const context = await built.browser.newContext({ colorScheme: scheme });
    const page = await context.newPage();
    const measured: string[] = [];
    for (const path of [...pagesToMeasure, '/project-setup/rules']) {
      await page.goto(`${built.site.url}${path}`);
      const contrasts = await badgeContrasts(page);
      expect(contrasts.length, path).toBeGreaterThan(0);
      measured.push(...contrasts.filter((badge) => badge.ratio < 4.5).map((badge) => `${path}: ${badge.text} at ${badge.ratio.toFixed(2)}:1`));
    }
    await context.close();
    expect(measured).toEqual([]);
  });
});

describe('the box on a page that states rules', () => {
  const rule = RULES[0]!;

  it("lists the page's rules and links each id to its row on the list of every rule", async () => {
    const page = await built.browser.newPage();
    await page.goto(`${built.site.url}${rule.page}`);
    const box = page.getByRole('region', { name: 'Standards on this page' });
    await expect(box.getByRole('listitem').count()).resolves.toBe(RULES.filter((candidate) => candidate.page === rule.page).length);
    await box.getByRole('link', { name: rule.id, exact: true }).click();
    await page.waitForURL(`${built.site.url}/project-setup/rules#${rule.id.toLowerCase()}`);
    // Client-side navigation changes the address before it renders the page: wait for the row.
    const row = page.getByRole('rowheader', { name: new RegExp(`^${rule.id}\\b`) });
    await row.waitFor({ state: 'visible', timeout: 10_000 });
    await expect(row.getAttribute('id')).resolves.toBe(rule.id.toLowerCase());
    await expect(row.isVisible()).resolves.toBe(true);
    await page.close();
  });
});

describe('the published rules', () => {
  it('serves /standards/rules.json and its schema as JSON', async () => {
    const rules = await fetch(`${built.site.url}/standards/rules.json`);
    expect(rules.headers.get('content-type')).toMatch(/json/);
    expect(await rules.json()).toEqual(rulesAsJson());
    const schema = await fetch(`${built.site.url}/standards/rules.schema.json`);
    expect(((await schema.json()) as { $id: string }).$id).toMatch(/\/standards\/rules\.schema\.json$/);
  });
});
