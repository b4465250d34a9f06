import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import nodePath from 'node:path';
import { ROOT_DIR } from '../site/lib/pages';
import { useBuiltSite } from './lib/built-site';

/** The new engineer's reading path: the start-here folder's steps, in file order. */
function readingPath(): string[] {
  const steps = readdirSync(nodePath.join(ROOT_DIR, 'docs/01-start-here'))
    .filter((name) => /^\d+-.*\.mdx?$/.test(name))
    .sort()
    .map((name) => `/start-here/${name.replace(/^\d+-/, '').replace(/\.mdx?$/, '')}`);
  return ['/start-here', ...steps];
}

const built = useBuiltSite();
let page: Page;

// Registered after useBuiltSite's hook, so it runs once the site and browser are up.
beforeAll(async () => {
  const context = await built.browser.newContext();
  // Prove the site works offline: any request that leaves loopback fails the test.
  const escaped: string[] = [];
  await context.route(/^(?!http:\/\/127\.0\.0\.1)/, async (route) => {
    escaped.push(route.request().url());
    await route.abort();
  });
  page = await context.newPage();
  afterAll(() => expect(escaped, 'requests that left the machine').toEqual([]));
});

/** Waits until the page's main heading reads `text`: client-side navigation renders after the URL changes. */
async function pageHeading(text: string) {
  await page.locator('article h1').filter({ hasText: new RegExp(`^${text}$`) }).waitFor({ timeout: 10_000 });
}

describe('the built site in a browser', () => {
  it('loads the home page with its two ways in', async () => {
    await page.goto(`${built.site.url}/`);
    await expect(page.locator('h1').textContent()).resolves.toBe('Data engineering standards');
    await expect(page.getByRole('link', { name: 'Start here', exact: true }).last().getAttribute('href')).resolves.toBe('/start-here');
    await expect(page.getByRole('link', { name: 'Browse the standards' }).getAttribute('href')).resolves.toBe('/lifecycle');
  });

  it('reaches a chapter through the sidebar', async () => {
    await page.goto(`${built.site.url}/lifecycle`);
    const sidebar = page.getByRole('navigation', { name: 'Docs sidebar' });
    await sidebar.getByRole('button', { name: /Storage/ }).or(sidebar.getByRole('link', { name: 'Storage', exact: true })).first().click();
    await sidebar.getByRole('link', { name: 'S3', exact: true }).click();
    await page.waitForURL(`${built.site.url}/storage/s3`);
    await pageHeading('S3');
  });

  it('finds a known page with the offline search', async () => {
    await page.goto(`${built.site.url}/`);
    const searchBox = page.getByRole('combobox').or(page.getByPlaceholder('Search')).first();
    await searchBox.fill('idempotency');
    const result = page.locator('.aa-suggestion, [role="option"]').filter({ hasText: 'Idempotency' }).first();
    await result.waitFor({ timeout: 15_000 });
    await result.click();
    await page.waitForURL(/\/principles\/idempotency/);
    await pageHeading('Idempotency');
  });

  it('walks the reading path in order with Next, and back with Previous', async () => {
    const path = readingPath();
    expect(path.length).toBeGreaterThanOrEqual(4);
    await page.goto(`${built.site.url}${path[0]}`);
    for (const next of path.slice(1)) {
      await page.locator('.pagination-nav__link--next').click();
      await page.waitForURL(`${built.site.url}${next}`);
    }
    for (const previous of path.slice(0, -1).reverse()) {
      await page.locator('.pagination-nav__link--prev').click();
      await page.waitForURL(`${built.site.url}${previous}`);
    }
  });

  it('shows the owner and review date, and a report link that names the page and commit', async () => {
    await page.goto(`${built.site.url}/storage/s3`);
    const meta = page.getByRole('definition');
    await expect(meta.first().textContent()).resolves.toBe('Data platform engineer');
    const report = page.getByRole('link', { name: 'Report a problem with this page' });
    const href = new URL((await report.getAttribute('href'))!);
    expect(href.pathname).toMatch(/\/issues\/new$/);
    const body = href.searchParams.get('body') ?? '';
    expect(body).toMatch(/Page: https?:\/\/[^\s]+\/storage\/s3/);
    expect(body).toMatch(/Built from commit: [0-9a-f]{40}/);
  });

  it('warns, beside the report link and in the issue itself, that issues are public', async () => {
    await page.goto(`${built.site.url}/storage/s3`);
    const report = page.getByRole('link', { name: 'Report a problem with this page' });
    const warningId = await report.getAttribute('aria-describedby');
    const warning = page.locator(`[id="${warningId}"]`);
    await expect(warning.isVisible()).resolves.toBe(true);
    await expect(warning.textContent()).resolves.toMatch(/^Issues are public\. Do not include personal data/);
    const body = new URL((await report.getAttribute('href'))!).searchParams.get('body') ?? '';
    expect(body.split('\n')[0]).toBe(`> ${await warning.textContent()}`);
  });

  it('shows pulled code with a link to its source lines', async () => {
    await page.goto(`${built.site.url}/extraction/from-an-api`);
    const block = page.locator('.theme-code-block').filter({ hasText: 'export function parseRetryAfter' });
    await expect(block.count()).resolves.toBe(1);
    // The block's title is the file it came from.
    await expect(block.textContent()).resolves.toMatch(/^examples\/kit\/src\/retry-after\.ts/);
    const source = page.getByRole('link', { name: 'examples/kit/src/retry-after.ts' });
    await expect(source.getAttribute('href')).resolves.toMatch(/\/blob\/[0-9a-f]{40}\/examples\/kit\/src\/retry-after\.ts#L\d+-L\d+$/);
  });
});
