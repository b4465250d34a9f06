/**
 * `npm run bench:site`: what the site costs to build and to load.
 * Prints the cold and warm production build times, the number of pages, and
 * the first-load JS+CSS of one page of each type (gzip, as Chromium fetches
 * it from a server that compresses), each against the bare-Docusaurus budget.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { BUILD_DIR, launchBrowser, serveBuild } from '../e2e/lib/served-build';
import { firstLoadWeight, kb, PAGE_TYPES, PAGE_WEIGHT_BUDGET } from '../e2e/lib/page-weight';

const root = path.resolve(import.meta.dirname, '../..');
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

for (const cache of ['.docusaurus', 'node_modules/.cache', 'build']) rmSync(path.join(root, cache), { recursive: true, force: true });
const cold = timedBuild();
const warm = timedBuild();
const pages = htmlFiles(BUILD_DIR).length;
const site = await serveBuild();
const browser = await launchBrowser();
const weights = [];
for (const { type, path: pagePath } of PAGE_TYPES) weights.push({ type, ...(await firstLoadWeight(browser, `${site.url}${pagePath}`)) });
await browser.close();
await site.close();
const searchIndex = readdirSync(BUILD_DIR).filter((name) => /^search-index.*\.json$/.test(name));
const searchBytes = searchIndex.reduce((sum, name) => sum + gzipSync(readFileSync(path.join(BUILD_DIR, name))).length, 0);

console.log('Site benchmark (Docusaurus Faster, this machine, one run)');
console.log(`  production build, cold caches:  ${cold.toFixed(1)} s`);
console.log(`  production build, warm caches:  ${warm.toFixed(1)} s  (${(warm / cold).toFixed(2)} x cold)`);
console.log(`  pages built:                    ${pages} HTML pages`);
console.log(`  first load, JS and CSS as the browser fetches them (gzip), budget ${kb(PAGE_WEIGHT_BUDGET)} (a bare Docusaurus 3.10 docs page):`);
for (const weight of weights) {
  const verdict = weight.wire <= PAGE_WEIGHT_BUDGET ? 'within budget' : `OVER by ${kb(weight.wire - PAGE_WEIGHT_BUDGET)}`;
  console.log(`    ${weight.type.padEnd(24)} ${kb(weight.wire).padStart(9)} (${kb(weight.raw)} raw, ${weight.files} files)  ${verdict}  [${weight.path}]`);
}
console.log(`  offline search index:           ${kb(searchBytes)} gzip, fetched only when the search box is used`);
if (weights.some((weight) => weight.wire > PAGE_WEIGHT_BUDGET)) process.exitCode = 1;
