#!/usr/bin/env node
/**
 * `npm test`: every check CI runs, in order, stopping at the first failure.
 * It provisions what the checks need first (Debian's Chromium for the browser
 * tests), so a fresh machine needs no manual step.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => path.join(root, 'node_modules/.bin', name);
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

function step(title, command, args, options = {}) {
  console.log(`\n▶ ${title}`);
  const started = Date.now();
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: options.env ?? process.env });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (result.status !== 0) {
    console.error(`✖ ${title} failed after ${seconds} s (exit code ${result.status ?? result.signal}).`);
    process.exit(result.status || 1);
  }
  // The last step's own summary line must stay the run's closing line.
  if (!options.last) console.log(`✔ ${title} (${seconds} s)`);
}

function provisionChromium() {
  if (existsSync(chromium)) return;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot) {
    console.error(`Chromium is missing at ${chromium}; install it with: sudo apt-get install -y chromium`);
    process.exit(1);
  }
  step("Installing Debian's Chromium for the browser tests", 'bash', ['-c', 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null']);
}

/**
 * Run as root, the embedded PostgreSQL server runs as the `postgres` user,
 * which must pass through every folder above the checkout to reach its own
 * programs in node_modules. Let it pass (o+x: pass through, not list or read).
 */
function letPostgresReachTheCheckout() {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return;
  const changed = [];
  for (let dir = root; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const mode = statSync(dir).mode;
    if ((mode & 0o001) === 0) {
      chmodSync(dir, mode | 0o001);
      changed.push(dir);
    }
  }
  if (changed.length > 0) console.log(`Let the postgres user pass through ${changed.join(', ')} (chmod o+x) so embedded PostgreSQL can start.`);
}

provisionChromium();
letPostgresReachTheCheckout();
step('Type-check (tsc)', bin('tsc'), ['--noEmit', '-p', 'tsconfig.json']);
step('Lint (eslint)', bin('eslint'), ['--max-warnings', '0', '.']);
step('Production build (broken links and missing snippets fail it)', bin('docusaurus'), ['build']);
step('Pages due for review', bin('tsx'), ['tests/site/print-due-for-review.ts']);
step('Test tools from pinned requirements (installed once)', bin('tsx'), ['scripts/provision-tools.mts']);
step('Tests (vitest: site, browser, accessibility, examples)', bin('vitest'), ['run', ...process.argv.slice(2)], { last: true });
