/**
 * Reads the site's pages the way Docusaurus does (MDX with YAML front matter)
 * so the checks below see what the build sees.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import matter from 'gray-matter';
import type { Code, Root } from 'mdast';
import remarkFrontmatter from 'remark-frontmatter';
import remarkMdx from 'remark-mdx';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';

export const ROOT_DIR = path.resolve(import.meta.dirname, '../../..');

export type Page = {
  /** Path relative to the repository root, e.g. docs/08-storage/s3.md. */
  file: string;
  frontMatter: Record<string, unknown>;
  tree: Root;
};

/** Every .md and .mdx file under a folder, sorted for stable output. */
export function listPageFiles(dir: string): string[] {
  return readdirSync(dir)
    .flatMap((name) => {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) return listPageFiles(full);
      return /\.mdx?$/.test(name) ? [full] : [];
    })
    .sort();
}

export function readPage(file: string, rootDir = ROOT_DIR): Page {
  const source = readFileSync(file, 'utf8');
  const tree = unified().use(remarkParse).use(remarkFrontmatter).use(remarkMdx).parse(source) as Root;
  return { file: path.relative(rootDir, file), frontMatter: matter(source).data, tree };
}

export function readPages(docsDir: string, rootDir = ROOT_DIR): Page[] {
  return listPageFiles(docsDir).map((file) => readPage(file, rootDir));
}

export function codeBlocks(page: Page): Code[] {
  const blocks: Code[] = [];
  visit(page.tree, 'code', (node: Code) => {
    blocks.push(node);
  });
  return blocks;
}

/** Line of a node in its page, for messages a person can act on. */
export function lineOf(node: { position?: { start: { line: number } } }): number {
  return node.position?.start.line ?? 0;
}
