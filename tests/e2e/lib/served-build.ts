/**
 * Serves the production build on loopback, gzipped as a production host
 * serves it, and drives Debian's Chromium with playwright-core. Nothing is
 * downloaded: the browser comes from apt. No test-runner import here, so the
 * benchmark (a plain script) can use it too.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import compression from 'compression';
import { chromium, type Browser } from 'playwright-core';
import serveHandler from 'serve-handler';
import { ROOT_DIR } from '../../site/lib/pages';

export const BUILD_DIR = path.join(ROOT_DIR, 'build');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export type ServedSite = { url: string; close: () => Promise<void> };

export async function serveBuild(): Promise<ServedSite> {
  if (!existsSync(path.join(BUILD_DIR, 'index.html'))) {
    throw new Error('No production build in build/. Run `npm run build` first (npm test does it for you).');
  }
  // Every host the site is published on compresses text; weights and Lighthouse scores measured without it mislead.
  const gzip = compression();
  const server: Server = createServer((request, response) => {
    gzip(request as never, response as never, () => {
      void serveHandler(request, response, { public: BUILD_DIR, cleanUrls: true, trailingSlash: false });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}. Install it with: apt-get install -y chromium`);
  }
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

/** Every page the sitemap lists, as paths (e.g. /storage/s3). */
export function sitemapPaths(): string[] {
  const xml = readFileSync(path.join(BUILD_DIR, 'sitemap.xml'), 'utf8');
  return [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((match) => new URL(match[1]!).pathname);
}
