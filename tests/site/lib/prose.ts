/**
 * Plain-English checks for the pages.
 *
 * - Sentence length is checked here, by words: GOV.UK asks for sentences of
 *   at most 25 words where possible, and we hold every sentence to 35 and
 *   each page to a mean of 20. (textlint's sentence-length rule counts
 *   characters, so it cannot say this.)
 * - Terminology, UK spelling and GOV.UK's words to avoid are checked by
 *   textlint with the prh dictionary in prh.yml, which a writer can also run
 *   on its own: `npx textlint docs`.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Nodes, Paragraph } from 'mdast';
import { createLinter, loadTextlintrc } from 'textlint';
import { visit } from 'unist-util-visit';
import { countWords } from './guidance';
import { ROOT_DIR, type Page } from './pages';
import type { Problem } from './page-rules';

export const MAX_SENTENCE_WORDS = 35;
export const MAX_MEAN_SENTENCE_WORDS = 20;

export type Sentence = { text: string; line: number; words: number };

/** One character of a paragraph's plain text, with where it came from. */
type Char = { char: string; line: number; inCode: boolean };

/** A paragraph as plain text (links and emphasis unwrapped, code spans kept), with a line for each character. */
function plainCharacters(paragraph: Paragraph): Char[] {
  const chars: Char[] = [];
  const push = (value: string, startLine: number, inCode: boolean) => {
    let line = startLine;
    for (const char of value) {
      chars.push({ char: char === '\n' ? ' ' : char, line, inCode });
      if (char === '\n') line += 1;
    }
  };
  const walk = (node: Nodes) => {
    const line = node.position?.start.line ?? 0;
    if (node.type === 'text') push(node.value, line, false);
    else if (node.type === 'inlineCode') push(node.value, line, true);
    else if (node.type === 'break') push(' ', line, false);
    else if ('children' in node) for (const child of node.children as Nodes[]) walk(child);
  };
  walk(paragraph);
  return chars;
}

/**
 * Splits a paragraph into sentences: a full stop, question mark or
 * exclamation mark (and any closing quote or bracket) followed by a space
 * and a capital letter, a digit, a quote, a bracket or a code span. Text in
 * code spans never ends a sentence.
 */
export function splitSentences(chars: Char[]): Sentence[] {
  const sentences: Sentence[] = [];
  let start = 0;
  const close = (end: number) => {
    const slice = chars.slice(start, end);
    const text = slice.map((c) => c.char).join('').trim();
    const first = slice.find((c) => c.char.trim() !== '');
    if (text && countWords(text) > 0) sentences.push({ text, line: first?.line ?? 0, words: countWords(text) });
    start = end;
  };
  for (let i = 0; i < chars.length; i += 1) {
    const c = chars[i]!;
    if (c.inCode || !/[.!?]/.test(c.char)) continue;
    let end = i + 1;
    while (end < chars.length && /["')\]”’]/.test(chars[end]!.char) && !chars[end]!.inCode) end += 1;
    const space = chars[end];
    if (!space || space.char !== ' ') continue;
    const next = chars.slice(end).find((n) => n.char !== ' ');
    if (next && (next.inCode || /[\p{Lu}\p{N}"'“‘(]/u.test(next.char))) close(end);
  }
  close(chars.length);
  return sentences;
}

/**
 * Every sentence of a page's paragraphs (list items and components included;
 * headings, tables and code left out). The pages are read without the GFM
 * extension, so a table arrives as a paragraph that starts with "|"; its
 * cells are labels, not sentences.
 */
export function sentencesOf(page: Page): Sentence[] {
  const sentences: Sentence[] = [];
  visit(page.tree, 'paragraph', (node: Paragraph) => {
    const chars = plainCharacters(node);
    if (chars[0]?.char === '|') return;
    sentences.push(...splitSentences(chars));
  });
  return sentences;
}

export function findLongSentences(page: Page, max = MAX_SENTENCE_WORDS): Problem[] {
  return sentencesOf(page)
    .filter((sentence) => sentence.words > max)
    .map((sentence) => ({ file: page.file, line: sentence.line, message: `a sentence of ${sentence.words} words (at most ${max}): "${sentence.text}"` }));
}

export function meanSentenceWords(page: Page): number {
  const sentences = sentencesOf(page);
  if (sentences.length === 0) return 0;
  return sentences.reduce((sum, sentence) => sum + sentence.words, 0) / sentences.length;
}

export function findWordyPages(page: Page, max = MAX_MEAN_SENTENCE_WORDS): Problem[] {
  const mean = meanSentenceWords(page);
  if (mean <= max) return [];
  const longest = [...sentencesOf(page)].sort((a, b) => b.words - a.words).slice(0, 3);
  const hint = longest.map((s) => `line ${s.line} (${s.words} words)`).join(', ');
  return [{ file: page.file, line: 1, message: `sentences average ${mean.toFixed(1)} words (at most ${max}); the longest are at ${hint}` }];
}

/** The sentence around a column of a line, so a textlint message can quote it. */
export function sentenceAround(source: string, line: number, column: number): string {
  const text = source.split('\n')[line - 1] ?? '';
  const before = text.slice(0, column - 1).search(/[^.!?]*$/);
  const afterMatch = /[.!?](\s|$)/.exec(text.slice(column - 1));
  const end = afterMatch ? column - 1 + afterMatch.index + 1 : text.length;
  return text.slice(Math.max(0, before), end).replaceAll('**', '').replace(/^[\s>*-]+/, '').trim();
}

const linters = new Map<string, ReturnType<typeof createLinter>>();

/** textlint with the repository's .textlintrc.json (the prh word list). */
export async function lintWithTextlint(page: Page, rootDir = ROOT_DIR): Promise<Problem[]> {
  let linter = linters.get(rootDir);
  if (!linter) {
    linter = createLinter({ descriptor: await loadTextlintrc({ configFilePath: path.join(rootDir, '.textlintrc.json'), node_modulesDir: path.join(ROOT_DIR, 'node_modules') }), cwd: rootDir });
    linters.set(rootDir, linter);
  }
  const file = path.join(rootDir, page.file);
  const source = readFileSync(file, 'utf8');
  const result = await linter.lintText(source, file);
  return result.messages.map((message) => ({
    file: page.file,
    line: message.line,
    message: `${message.message.replace(/\s*\n\s*/g, ' (')}${message.message.includes('\n') ? ')' : ''} in "${sentenceAround(source, message.line, message.column)}"`,
  }));
}
