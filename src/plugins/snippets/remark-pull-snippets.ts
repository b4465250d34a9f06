/**
 * Remark plugin: fills a code block from a named region of a file in the
 * repository, so the site shows code that CI has run instead of pasted code.
 *
 * In a page:   ```ts file=examples/kit/src/retry-after.ts#parse-retry-after
 *              ```
 * The block must be empty. The plugin sets the file's path as the block's
 * title and adds a link to the exact lines at the commit the site was built
 * from. A missing file or region stops the build with a message that names
 * the page, the file and the region.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Code, Root } from 'mdast';
import { visit } from 'unist-util-visit';
import { extractRegion, RegionError } from './regions';

export type PullSnippetsOptions = {
  /** The repository root; pulled paths are relative to it. */
  rootDir: string;
  /** Base URL for links to source files, e.g. https://github.com/org/repo/blob/<commit>. */
  sourceUrl: string;
};

export type SnippetReference = { file: string; region?: string };

/** Reads `file=path#region` from a code block's meta string. */
export function parseSnippetReference(meta: string | null | undefined): SnippetReference | undefined {
  const match = /(?:^|\s)file=("?)([^\s"#]+)(?:#([\w.-]+))?\1(?=\s|$)/.exec(meta ?? '');
  if (!match) return undefined;
  return { file: match[2]!, region: match[3] };
}

function metaWithoutReference(meta: string): string {
  return meta.replace(/(?:^|\s)file=("?)[^\s"]+\1(?=\s|$)/, '').trim();
}

export class SnippetError extends Error {
  constructor(page: string, reference: SnippetReference, reason: string) {
    const region = reference.region ? `#${reference.region}` : '';
    super(`Snippet error in ${page}: ${reference.file}${region}: ${reason}`);
    this.name = 'SnippetError';
  }
}

/** Resolves one reference to the code it names; throws SnippetError. */
export function pullSnippet(rootDir: string, page: string, reference: SnippetReference) {
  const absolute = path.resolve(rootDir, reference.file);
  if (!absolute.startsWith(path.resolve(rootDir) + path.sep)) {
    throw new SnippetError(page, reference, 'the path leaves the repository');
  }
  if (!existsSync(absolute)) {
    throw new SnippetError(page, reference, 'file not found; fix the path in the page or restore the file');
  }
  try {
    return extractRegion(readFileSync(absolute, 'utf8'), reference.region);
  } catch (error) {
    if (error instanceof RegionError) {
      throw new SnippetError(page, reference, `${error.message}; add the markers to the file or fix the page`);
    }
    throw error;
  }
}

export default function remarkPullSnippets(options: PullSnippetsOptions) {
  return (tree: Root, file: { path?: string }) => {
    const page = file.path ? path.relative(options.rootDir, file.path) : 'an unnamed page';
    visit(tree, 'code', (node: Code, index, parent) => {
      const reference = parseSnippetReference(node.meta);
      if (!reference || !parent || index === undefined) return;
      if (node.value.trim() !== '') {
        throw new SnippetError(page, reference, 'a pulled code block must be empty in the page');
      }
      const region = pullSnippet(options.rootDir, page, reference);
      const rest = metaWithoutReference(node.meta ?? '');
      node.value = region.text;
      node.meta = `${rest} title="${reference.file}"`.trim();
      const href = `${options.sourceUrl}/${reference.file}#L${region.startLine}-L${region.endLine}`;
      // An MDX element after the block: where the code comes from, as a link.
      parent.children.splice(index + 1, 0, {
        type: 'mdxJsxFlowElement',
        name: 'SnippetSource',
        attributes: [
          { type: 'mdxJsxAttribute', name: 'path', value: reference.file },
          { type: 'mdxJsxAttribute', name: 'href', value: href },
          { type: 'mdxJsxAttribute', name: 'lines', value: `${region.startLine}-${region.endLine}` },
        ],
        children: [],
      } as never);
      return index + 2;
    });
  };
}
