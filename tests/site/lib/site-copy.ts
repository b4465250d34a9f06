/**
 * A throwaway copy of the site for tests that must break something: its own
 * docs folder and pulled sources (copied, so the test can change them) with
 * the real config factory, theme and components (linked, so they are the
 * ones the real build uses).
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { snippetReferences } from './page-rules';
import { readPages, ROOT_DIR } from './pages';

export type SiteCopy = { dir: string; remove: () => void };

/** Every file the pages pull code from: the copy needs them to build. */
function pulledFiles(): string[] {
  return [...new Set(readPages(path.join(ROOT_DIR, 'docs')).flatMap((page) => snippetReferences(page).map((ref) => ref.file)))];
}

export function makeSiteCopy(): SiteCopy {
  // Inside the repository, so Node finds node_modules by walking up.
  const parent = path.join(ROOT_DIR, 'tests/.tmp');
  mkdirSync(parent, { recursive: true });
  const dir = mkdtempSync(path.join(parent, 'site-'));
  for (const linked of ['src', 'static']) symlinkSync(path.join(ROOT_DIR, linked), path.join(dir, linked));
  for (const copied of ['docs', 'sidebars.ts', 'package.json', ...pulledFiles()]) {
    cpSync(path.join(ROOT_DIR, copied), path.join(dir, copied), { recursive: true });
  }
  writeFileSync(
    path.join(dir, 'docusaurus.config.ts'),
    `import { createSiteConfig } from './src/config/site-config';\nexport default createSiteConfig({ rootDir: ${JSON.stringify(dir)} });\n`,
  );
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export function buildSite(dir: string): { status: number | null; output: string } {
  const result = spawnSync(process.execPath, [path.join(ROOT_DIR, 'node_modules/@docusaurus/core/bin/docusaurus.mjs'), 'build', dir, '--out-dir', path.join(dir, 'build')], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' },
    timeout: 300_000,
  });
  return { status: result.status, output: `${result.stdout}\n${result.stderr}` };
}
