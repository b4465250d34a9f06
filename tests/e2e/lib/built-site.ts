/**
 * Serves the production build on loopback and drives Debian's Chromium with
 * playwright-core. Nothing is downloaded: the browser comes from apt.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import serveHandler from 'serve-handler';
import { afterAll, beforeAll } from 'vitest';
import { ROOT_DIR } from '../../site/lib/pages';

export const BUILD_DIR = path.join(ROOT_DIR, 'build');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export type ServedSite = { url: string; close: () => Promise<void> };

export async function serveBuild(): Promise<ServedSite> {
  if (!existsSync(path.join(BUILD_DIR, 'index.html'))) {
    throw new Error('No production build in build/. Run `npm run build` first (npm test does it for you).');
  }
  const server: Server = createServer((request, response) => {
    void serveHandler(request, response, { public: BUILD_DIR, cleanUrls: true, trailingSlash: false });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}. Install it with: apt-get install -y chromium`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

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

/** Every page the sitemap lists, as paths (e.g. /storage/s3). */
export function sitemapPaths(): string[] {
  const xml = readFileSync(path.join(BUILD_DIR, 'sitemap.xml'), 'utf8');
  return [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((match) => new URL(match[1]!).pathname);
}
