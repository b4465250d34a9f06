/**
 * The built site and Chromium for a vitest file: started before its tests,
 * stopped after them.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchBrowser, serveBuild, type ServedSite } from './served-build';

export { BUILD_DIR, CHROMIUM, launchBrowser, serveBuild, sitemapPaths, type ServedSite } from './served-build';

/**
 * Serves the build and starts Chromium before the test file's tests, and
 * stops both after them. Read `site` and `browser` inside a test or hook.
 */
export function useBuiltSite(): { readonly site: ServedSite; readonly browser: Browser } {
  let site: ServedSite | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    site = await serveBuild();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('The site and browser start in beforeAll: use them inside a test or hook.');
    return value;
  };
  return {
    get site() {
      return started(site);
    },
    get browser() {
      return started(browser);
    },
  };
}
