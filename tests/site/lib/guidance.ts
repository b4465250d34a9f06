/**
 * What makes a page real guidance rather than a stub: enough words, no
 * placeholders left from the draft, and no heading without a body. Each check
 * returns problems that name the page and line, like the page rules.
 */
import type { Heading, Nodes, Root, RootContent } from 'mdast';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { SKIP, visit } from 'unist-util-visit';
import { lineOf, type Page } from './pages';
import type { Problem } from './page-rules';

/** A page must carry at least this many words of guidance. */
export const MIN_GUIDANCE_WORDS = 300;

/** Nodes that are not guidance prose: front matter, headings, code and diagrams, MDX imports. */
const NOT_GUIDANCE = new Set(['yaml', 'heading', 'code', 'mdxjsEsm', 'mdxFlowExpression', 'mdxTextExpression', 'html']);

export function countWords(text: string): number {
  return text.split(/\s+/).filter((token) => /[\p{L}\p{N}]/u.test(token)).length;
}

/** Words in paragraphs, lists, tables and components; not in front matter, headings or code blocks. */
export function guidanceWordCount(tree: Root): number {
  let words = 0;
  visit(tree, (node: Nodes) => {
    if (NOT_GUIDANCE.has(node.type)) return SKIP;
    if (node.type === 'text' || node.type === 'inlineCode') words += countWords(node.value);
    return undefined;
  });
  return words;
}

export function findThinPages(page: Page, minimum = MIN_GUIDANCE_WORDS): Problem[] {
  const words = guidanceWordCount(page.tree);
  return words >= minimum ? [] : [{ file: page.file, line: 1, message: `${words} words of guidance; a page needs at least ${minimum} (front matter, headings and code do not count)` }];
}

/** Text left in the draft where guidance should be. */
export const PLACEHOLDERS: { name: string; pattern: RegExp }[] = [
  { name: 'TODO', pattern: /\bTODO\b/ },
  { name: 'TBD', pattern: /\bTBD\b/ },
  { name: '[insert]', pattern: /\[\s*insert/i },
  { name: 'check this', pattern: /\bcheck this\b/i },
  { name: 'XXX', pattern: /\bXXX\b/ },
];

/** The text of a node and everything inside it, code spans included. */
function textOf(node: Nodes): string {
  if (node.type === 'text' || node.type === 'inlineCode') return node.value;
  if ('children' in node) return (node.children as Nodes[]).map(textOf).join('');
  return '';
}

export function findPlaceholders(page: Page): Problem[] {
  const problems: Problem[] = [];
  visit(page.tree, (node: Nodes) => {
    if (node.type === 'code' || node.type === 'yaml') return SKIP;
    if (node.type === 'text' || node.type === 'inlineCode') {
      for (const { name, pattern } of PLACEHOLDERS) {
        if (pattern.test(node.value)) problems.push({ file: page.file, line: lineOf(node), message: `a placeholder ("${name}") where guidance should be: "${node.value.trim()}"` });
      }
    }
    // The draft's bare "X" under a heading: a paragraph or list item that says nothing else.
    if ((node.type === 'paragraph' || node.type === 'heading') && /^\s*X\.?\s*$/.test(textOf(node))) {
      problems.push({ file: page.file, line: lineOf(node), message: 'a bare "X" placeholder where guidance should be' });
    }
    return undefined;
  });
  return problems;
}

/**
 * Every heading has a body of its own before the next heading of any level:
 * a chapter that is only a list of sub-headings is a stub.
 */
export function findEmptySections(page: Page): Problem[] {
  const blocks = page.tree.children.filter((node: RootContent) => node.type !== 'yaml');
  return blocks.flatMap((node, index) => {
    if (node.type !== 'heading') return [];
    const next = blocks[index + 1];
    if (next && next.type !== 'heading') return [];
    const title = textOf(node as Heading);
    return [{ file: page.file, line: lineOf(node), message: `the heading "${title}" has no body before ${next ? 'the next heading' : 'the end of the page'}` }];
  });
}

export type SeedHeading = { level: number; text: string };

/** The headings of the draft, in order, as written. */
export function parseSeedHeadings(markdown: string): SeedHeading[] {
  const tree = unified().use(remarkParse).parse(markdown);
  const headings: SeedHeading[] = [];
  visit(tree, 'heading', (node: Heading) => {
    headings.push({ level: node.depth, text: textOf(node).trim() });
  });
  return headings;
}

/** The text of every heading on a page, so a mapping can name the section that covers a draft heading. */
export function headingsOf(tree: Root): string[] {
  const headings: string[] = [];
  visit(tree, 'heading', (node: Heading) => {
    headings.push(textOf(node).trim());
  });
  return headings;
}

/** The items of the first list under a heading of the draft (its numbered topics), as written. */
export function parseSeedTopics(markdown: string, heading: string): string[] {
  const tree = unified().use(remarkParse).parse(markdown);
  const start = tree.children.findIndex((node) => node.type === 'heading' && textOf(node).trim() === heading);
  if (start < 0) return [];
  for (const node of tree.children.slice(start + 1)) {
    if (node.type === 'heading') return [];
    if (node.type === 'list') return node.children.map((item) => textOf(item).trim());
  }
  return [];
}
