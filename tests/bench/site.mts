/**
 * `npm run bench:site`: what the site costs to build and to load.
 * Prints the cold and warm production build times, the number of pages, and
 * the first-load JS+CSS of a plain docs page (gzip), with a page that draws a
 * diagram measured in the same run as the point of comparison.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser } from 'playwright-core';
import { launchBrowser, serveBuild, type ServedSite } from '../e2e/lib/built-site';

const root = path.resolve(import.meta.dirname, '../..');
const buildDir = path.join(root, 'build');
const docusaurus = path.join(root, 'node_modules/.bin/docusaurus');

function timedBuild(): number {
  const started = process.hrtime.bigint();
  const result = spawnSync(docusaurus, ['build'], { cwd: root, stdio: 'ignore' });
  if (result.status !== 0) throw new Error('The production build failed; run `npm run build` to see why.');
  return Number(process.hrtime.bigint() - started) / 1e9;
}

function htmlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return htmlFiles(full);
    return name.endsWith('.html') ? [full] : [];
  });
}

/** The scripts and stylesheets a browser fetches to show a page, gzipped. */
async function firstLoadBytes(site: ServedSite, browser: Browser, pagePath: string) {
  const page = await browser.newPage();
  const bodies: Promise<Buffer>[] = [];
  page.on('response', (response) => {
    const type = response.request().resourceType();
    if (type === 'script' || type === 'stylesheet') bodies.push(response.body());
  });
  await page.goto(`${site.url}${pagePath}`, { waitUntil: 'networkidle' });
  const loaded = await Promise.all(bodies);
  await page.close();
  return {
    files: loaded.length,
    raw: loaded.reduce((sum, body) => sum + body.length, 0),
    gzip: loaded.reduce((sum, body) => sum + gzipSync(body, { level: 9 }).length, 0),
  };
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

for (const cache of ['.docusaurus', 'node_modules/.cache', 'build']) rmSync(path.join(root, cache), { recursive: true, force: true });
const cold = timedBuild();
const warm = timedBuild();
const pages = htmlFiles(buildDir).length;
const site = await serveBuild();
const browser = await launchBrowser();
const docsPage = await firstLoadBytes(site, browser, '/storage/s3');
const diagramPage = await firstLoadBytes(site, browser, '/lifecycle');
await browser.close();
await site.close();
const searchIndex = readdirSync(buildDir).filter((name) => /^search-index.*\.json$/.test(name));
const searchBytes = searchIndex.reduce((sum, name) => sum + gzipSync(readFileSync(path.join(buildDir, name))).length, 0);

console.log('Site benchmark (Docusaurus Faster, this machine, one run)');
console.log(`  production build, cold caches:  ${cold.toFixed(1)} s`);
console.log(`  production build, warm caches:  ${warm.toFixed(1)} s  (${(warm / cold).toFixed(2)} x cold)`);
console.log(`  pages built:                    ${pages} HTML pages`);
console.log(`  first load of a docs page:      ${kb(docsPage.gzip)} gzip (${kb(docsPage.raw)} raw) in ${docsPage.files} JS and CSS files, as the browser fetches them  [/storage/s3]`);
console.log(`  first load with a diagram:      ${kb(diagramPage.gzip)} gzip in ${diagramPage.files} files  [/lifecycle] (${(diagramPage.gzip / docsPage.gzip).toFixed(2)} x the plain page)`);
console.log(`  offline search index:           ${kb(searchBytes)} gzip, fetched only when the search box is used`);
