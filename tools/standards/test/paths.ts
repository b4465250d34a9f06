/** Folders the tests read: the repository, the fixtures and the flagship example. */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const PACKAGE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const REPO_ROOT = path.resolve(PACKAGE_DIR, '../..');
export const FIXTURES = path.join(PACKAGE_DIR, 'test/fixtures');
export const FLAGSHIP = path.join(REPO_ROOT, 'examples/lginform');

/** Number prefixes (`06-`) set the sidebar order and are dropped from URLs. */
function stripPrefix(name: string): string {
  return name.replace(/^\d+-/, '');
}

/**
 * The Markdown file under docs/ that a site path such as `/infrastructure/ec2`
 * comes from, or undefined: each segment is a folder or file with its number
 * prefix stripped, and a folder's own page is its index.md.
 */
export function pageFile(page: string, docsDir = path.join(REPO_ROOT, 'docs')): string | undefined {
  let dir = docsDir;
  const segments = page.split('/').filter(Boolean);
  for (const [index, segment] of segments.entries()) {
    const entries = existsSync(dir) ? readdirSync(dir, { withFileTypes: true }) : [];
    const last = index === segments.length - 1;
    const file = last ? entries.find((entry) => entry.isFile() && /\.mdx?$/.test(entry.name) && stripPrefix(entry.name.replace(/\.mdx?$/, '')) === segment) : undefined;
    if (file) return path.join(dir, file.name);
    const folder = entries.find((entry) => entry.isDirectory() && stripPrefix(entry.name) === segment);
    if (!folder) return undefined;
    dir = path.join(dir, folder.name);
    if (last) return ['index.md', 'index.mdx'].map((name) => path.join(dir, name)).find((candidate) => existsSync(candidate));
  }
  return undefined;
}
