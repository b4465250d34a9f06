/**
 * What a page costs a reader on first load: the JavaScript and CSS the
 * browser fetches, counted as the bytes that cross the wire (gzip, as the
 * served build sends them). The budget is a bare Docusaurus 3.10 docs page
 * measured on this kind of machine (shared/notes/docusaurus-baseline.md).
 */
import type { Browser } from 'playwright-core';

/** A bare Docusaurus 3.10 docs page: about 191 KB of JS and CSS, gzip. */
export const PAGE_WEIGHT_BUDGET = 191 * 1024;

/** One page of each kind the site has, so the benchmark names what each costs. */
export const PAGE_TYPES: { type: string; path: string }[] = [
  { type: 'home page', path: '/' },
  { type: 'plain docs page', path: '/storage/s3' },
  { type: 'diagram page', path: '/lifecycle' },
  { type: 'page with pulled code', path: '/extraction/from-an-api' },
  { type: 'page with a component', path: '/storage/data-lake' },
  { type: 'rules page', path: '/project-setup/rules' },
  { type: 'serving page', path: '/serving' },
  { type: 'due-for-review page', path: '/due-for-review' },
  { type: 'search page', path: '/search' },
];

export type PageWeight = { path: string; files: number; wire: number; raw: number };

/** Loads `url` in a fresh page and adds up its scripts and stylesheets until the network is quiet. */
export async function firstLoadWeight(browser: Browser, url: string): Promise<PageWeight> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const sizes: Promise<{ wire: number; raw: number }>[] = [];
  page.on('requestfinished', (request) => {
    const type = request.resourceType();
    if (type !== 'script' && type !== 'stylesheet') return;
    sizes.push(
      Promise.all([request.sizes(), request.response()]).then(async ([size, response]) => ({
        wire: size.responseBodySize,
        raw: response ? (await response.body()).length : 0,
      })),
    );
  });
  await page.goto(url, { waitUntil: 'networkidle' });
  const loaded = await Promise.all(sizes);
  await context.close();
  return {
    path: new URL(url).pathname,
    files: loaded.length,
    wire: loaded.reduce((sum, size) => sum + size.wire, 0),
    raw: loaded.reduce((sum, size) => sum + size.raw, 0),
  };
}

export const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
