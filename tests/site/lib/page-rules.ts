/**
 * The rules every page follows, as functions that return problems. Each
 * problem names the page (and line), so a failing test says where to look.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { visit } from 'unist-util-visit';
import { parseSnippetReference, type SnippetReference } from '../../../src/plugins/snippets/remark-pull-snippets';
import { toIsoDate } from '../../../src/lib/review-dates';
import { codeBlocks, lineOf, type Page } from './pages';

export type Problem = { file: string; line: number; message: string };

/** Blocks that may stay inline: commands and what they print, and diagrams. */
export const INLINE_LANGUAGES = new Set(['bash', 'sh', 'shell', 'console', 'text', 'mermaid']);

// #region pasted-code-rule
/**
 * Code in a page must be pulled from a tested file. Only shell commands,
 * console output and diagrams may be written inline.
 */
export function findPastedCode(page: Page): Problem[] {
  const problems: Problem[] = codeBlocks(page).flatMap((block) => {
    const language = (block.lang ?? '').toLowerCase();
    const where = { file: page.file, line: lineOf(block) };
    if (parseSnippetReference(block.meta)) return [];
    if (!language) {
      return [{ ...where, message: 'a code block has no language; name one (bash, console, text) or pull the code with file=path#region' }];
    }
    if (INLINE_LANGUAGES.has(language)) return [];
    return [{ ...where, message: `a pasted ${language} block; pull it from a tested file with \`\`\`${language} file=path#region` }];
  });
  visit(page.tree, ['mdxJsxFlowElement', 'mdxJsxTextElement'], (node) => {
    const element = node as { name?: string | null; position?: { start: { line: number } } };
    if (element.name === 'CodeBlock') {
      problems.push({ file: page.file, line: lineOf(element), message: 'a <CodeBlock> element; pull code with file=path#region instead' });
    }
  });
  return problems;
}
// #endregion pasted-code-rule

/** Every page names an owner and the date it was last reviewed. */
export function findFrontMatterProblems(page: Page, today: string): Problem[] {
  const where = { file: page.file, line: 1 };
  const problems: Problem[] = [];
  const { owner, last_reviewed: lastReviewed } = page.frontMatter;
  if (typeof owner !== 'string' || owner.trim() === '') {
    problems.push({ ...where, message: 'no `owner` in the front matter (a team role, e.g. "Data engineering lead")' });
  }
  if (lastReviewed === undefined) {
    problems.push({ ...where, message: 'no `last_reviewed` in the front matter (the date of the last review, YYYY-MM-DD)' });
  } else {
    const date = toIsoDate(lastReviewed);
    if (!date) problems.push({ ...where, message: `\`last_reviewed\` is not a date in the form YYYY-MM-DD: ${String(lastReviewed)}` });
    else if (date > today) problems.push({ ...where, message: `\`last_reviewed\` is in the future: ${date}` });
  }
  return problems;
}

export function snippetReferences(page: Page): (SnippetReference & { line: number })[] {
  return codeBlocks(page).flatMap((block) => {
    const reference = parseSnippetReference(block.meta);
    return reference ? [{ ...reference, line: lineOf(block) }] : [];
  });
}

/**
 * A pulled file must be one the test suite runs: under tests/, under an
 * example or tool whose package has a test script and a vitest project, or
 * a workflow in .github/workflows (the flagship's workflow tests run
 * actionlint and the house rules over every one).
 */
export function findUntestedSources(page: Page, rootDir: string): Problem[] {
  return snippetReferences(page).flatMap((reference) => {
    const where = { file: page.file, line: reference.line };
    const parts = reference.file.split('/');
    if (parts[0] === 'tests') return [];
    if (parts[0] === '.github' && parts[1] === 'workflows' && parts.length === 3) return [];
    if ((parts[0] === 'examples' || parts[0] === 'tools') && parts.length > 2) {
      const exampleDir = path.join(rootDir, parts[0], parts[1]!);
      const manifest = path.join(exampleDir, 'package.json');
      const hasTests =
        existsSync(manifest) &&
        typeof (JSON.parse(readFileSync(manifest, 'utf8')) as { scripts?: Record<string, string> }).scripts?.test === 'string' &&
        existsSync(path.join(exampleDir, 'vitest.config.ts'));
      if (hasTests) return [];
      return [{ ...where, message: `${reference.file} is in ${parts[0]}/${parts[1]}, which has no test script and vitest project, so CI does not run it` }];
    }
    return [{ ...where, message: `${reference.file} is not under tests/, .github/workflows/, or an example or tool that CI runs` }];
  });
}

/** <RunIt example="x" command="..."> must name a real example and a real npm script. */
export function findBrokenRunIts(page: Page, rootDir: string): Problem[] {
  const rootScripts = (JSON.parse(readFileSync(path.join(rootDir, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
  const problems: Problem[] = [];
  visit(page.tree, ['mdxJsxFlowElement', 'mdxJsxTextElement'], (node) => {
    const element = node as unknown as { name: string | null; attributes: { name?: string; value?: unknown }[]; position?: { start: { line: number } } };
    if (element.name !== 'RunIt') return;
    const where = { file: page.file, line: lineOf(element) };
    const attribute = (name: string) => element.attributes.find((a) => a.name === name)?.value;
    const example = attribute('example');
    const command = attribute('command');
    if (typeof example !== 'string' || typeof command !== 'string') {
      problems.push({ ...where, message: '<RunIt> needs example="<folder>" and command="<command>" as plain strings' });
      return;
    }
    const exampleDir = path.join(rootDir, 'examples', example);
    if (!existsSync(path.join(exampleDir, 'package.json'))) {
      problems.push({ ...where, message: `<RunIt example="${example}">: examples/${example} is not an example package` });
      return;
    }
    const workspace = /^npm (?:run )?test -w examples\/([\w-]+)$/.exec(command);
    const rootScript = /^npm run ([\w:-]+)(?:\s|$)/.exec(command);
    if (workspace) {
      if (workspace[1] !== example) problems.push({ ...where, message: `<RunIt>: the command tests examples/${workspace[1]}, not examples/${example}` });
    } else if (!rootScript || !rootScripts[rootScript[1]!]) {
      problems.push({ ...where, message: `<RunIt>: "${command}" is not an npm script of the repository` });
    }
  });
  return problems;
}

export function formatProblems(problems: Problem[]): string {
  return problems.map((p) => `${p.file}:${p.line}: ${p.message}`).join('\n');
}
