import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readPage, readPages, ROOT_DIR } from './lib/pages';
import {
  findBrokenRunIts,
  findFrontMatterProblems,
  findPastedCode,
  findUntestedSources,
  formatProblems,
} from './lib/page-rules';

const today = new Date().toISOString().slice(0, 10);
const pages = readPages(path.join(ROOT_DIR, 'docs'));

describe('every page of the site', () => {
  it('finds the pages', () => {
    expect(pages.length).toBeGreaterThanOrEqual(15);
  });

  it('pulls code from tested files instead of pasting it', () => {
    expect(formatProblems(pages.flatMap(findPastedCode))).toBe('');
  });

  it('names an owner and a last-reviewed date', () => {
    expect(formatProblems(pages.flatMap((page) => findFrontMatterProblems(page, today)))).toBe('');
  });

  it('pulls only from files the test suite runs', () => {
    expect(formatProblems(pages.flatMap((page) => findUntestedSources(page, ROOT_DIR)))).toBe('');
  });

  it('links "Run it" to real examples and commands', () => {
    expect(formatProblems(pages.flatMap((page) => findBrokenRunIts(page, ROOT_DIR)))).toBe('');
  });
});

describe('the rules catch a broken page and name it', () => {
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'page-rules-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  /** Copies a real page into a scratch docs folder with one change made to it. */
  function mutatedCopy(relative: string, change: (source: string) => string) {
    const target = path.join(scratch, 'docs', relative);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, change(readFileSync(path.join(ROOT_DIR, 'docs', relative), 'utf8')));
    return readPage(target, scratch);
  }

  it('fails a page with a pasted ts block', () => {
    const page = mutatedCopy('08-storage/s3.md', (source) => `${source}\n\`\`\`ts\nconst bucket = 'pasted';\n\`\`\`\n`);
    const message = formatProblems(findPastedCode(page));
    expect(message).toContain('docs/08-storage/s3.md');
    expect(message).toContain('a pasted ts block');
  });

  it('fails every code language on the list, and a block with no language', () => {
    for (const language of ['tsx', 'js', 'py', 'sql', 'yaml', 'yml', 'json', 'hcl', 'terraform', 'dockerfile', 'toml', 'ini']) {
      const page = mutatedCopy('08-storage/s3.md', (source) => `${source}\n\`\`\`${language}\nx\n\`\`\`\n`);
      expect(findPastedCode(page), language).toHaveLength(1);
    }
    const bare = mutatedCopy('08-storage/s3.md', (source) => `${source}\n\`\`\`\nx = 1\n\`\`\`\n`);
    expect(formatProblems(findPastedCode(bare))).toContain('has no language');
  });

  it('lets shell commands and console output stay inline', () => {
    const page = mutatedCopy('08-storage/s3.md', (source) => `${source}\n\`\`\`bash\nnpm test\n\`\`\`\n\`\`\`console\nok\n\`\`\`\n`);
    expect(findPastedCode(page)).toEqual([]);
  });

  it('fails a page without last_reviewed', () => {
    const page = mutatedCopy('04-principles/idempotency.md', (source) => source.replace(/^last_reviewed:.*\n/m, ''));
    const message = formatProblems(findFrontMatterProblems(page, today));
    expect(message).toContain('docs/04-principles/idempotency.md');
    expect(message).toContain('no `last_reviewed`');
  });

  it('fails a page without an owner, or with a date that is not a date', () => {
    const noOwner = mutatedCopy('04-principles/idempotency.md', (source) => source.replace(/^owner:.*\n/m, ''));
    expect(formatProblems(findFrontMatterProblems(noOwner, today))).toContain('no `owner`');
    const badDate = mutatedCopy('04-principles/idempotency.md', (source) => source.replace(/^last_reviewed:.*$/m, 'last_reviewed: last spring'));
    expect(formatProblems(findFrontMatterProblems(badDate, today))).toContain('not a date');
  });

  it('fails a snippet pulled from a file no test runs', () => {
    const page = mutatedCopy('08-storage/s3.md', (source) => `${source}\n\`\`\`ts file=src/lib/review-dates.ts#x\n\`\`\`\n`);
    expect(formatProblems(findUntestedSources(page, ROOT_DIR))).toContain('src/lib/review-dates.ts is not under tests/, .github/workflows/, or an example or tool');
  });

  it('accepts a workflow and a file of a tested tool, but not a file in a nested .github folder', () => {
    const page = mutatedCopy(
      '08-storage/s3.md',
      (source) => `${source}
\`\`\`yaml file=.github/workflows/standards.yml#standards-check
\`\`\`

\`\`\`text file=tools/standards/scaffold-tree.txt
\`\`\`

\`\`\`yaml file=.github/dependabot.yml
\`\`\`
`,
    );
    const problems = findUntestedSources(page, ROOT_DIR);
    expect(problems.map((problem) => problem.message)).toEqual(['.github/dependabot.yml is not under tests/, .github/workflows/, or an example or tool that CI runs']);
  });

  it('fails a "Run it" box that names a missing example or command', () => {
    const page = mutatedCopy(
      '08-storage/s3.md',
      (source) => `${source}\n<RunIt example="nowhere" command="npm run nothing">x</RunIt>\n\n<RunIt example="kit" command="npm run no-such-script">x</RunIt>\n`,
    );
    const message = formatProblems(findBrokenRunIts(page, ROOT_DIR));
    expect(message).toContain('examples/nowhere is not an example package');
    expect(message).toContain('"npm run no-such-script" is not an npm script');
  });
});
