/**
 * Plain English, checked by a machine: short sentences, GOV.UK's words to
 * avoid, one name for each service and UK spelling. A failing page is named
 * with the line and the sentence, so the writer knows what to rewrite.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { formatProblems } from './lib/page-rules';
import { readPage, readPages, ROOT_DIR } from './lib/pages';
import { findLongSentences, findWordyPages, lintWithTextlint, meanSentenceWords, sentencesOf } from './lib/prose';

const pages = readPages(path.join(ROOT_DIR, 'docs'));

describe('the prose of every page', () => {
  it('keeps every sentence to 35 words or fewer', () => {
    expect(formatProblems(pages.flatMap((page) => findLongSentences(page)))).toBe('');
  });

  it('keeps the mean sentence length of each page to 20 words or fewer', () => {
    expect(formatProblems(pages.flatMap((page) => findWordyPages(page)))).toBe('');
  });

  it("uses the team's service names, UK spelling and none of GOV.UK's words to avoid (textlint with prh.yml)", async () => {
    const problems = (await Promise.all(pages.map((page) => lintWithTextlint(page)))).flat();
    expect(formatProblems(problems)).toBe('');
  });
});

describe('the prose checks catch a bad page and name the sentence', () => {
  // Inside the repository, so textlint finds its rules in node_modules.
  const parent = path.join(ROOT_DIR, 'tests/.tmp');
  mkdirSync(parent, { recursive: true });
  const scratch = mkdtempSync(path.join(parent, 'prose-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));
  // The scratch copy uses the repository's textlint settings and word list.
  const settings = JSON.parse(readFileSync(path.join(ROOT_DIR, '.textlintrc.json'), 'utf8')) as { rules: { prh: { rulePaths: string[] } } };
  settings.rules.prh.rulePaths = [path.join(ROOT_DIR, 'prh.yml')];
  writeFileSync(path.join(scratch, '.textlintrc.json'), JSON.stringify(settings));

  function scratchPage(body: string) {
    const file = path.join(scratch, 'docs', 'page.md');
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, `---\ntitle: Page\nowner: Data engineering lead\nlast_reviewed: 2026-11-25\n---\n\n# Page\n\n${body}\n`);
    return readPage(file, scratch);
  }

  const long = Array.from({ length: 36 }, (_, i) => (i === 0 ? 'Word0' : `word${i}`)).join(' ');

  it('fails a sentence over 35 words, quoting it with its line', () => {
    const page = scratchPage(`A short sentence. ${long}.\n\nAnother short one.`);
    const message = formatProblems(findLongSentences(page));
    expect(message).toContain(`docs/page.md:9: a sentence of 36 words (at most 35): "${long}."`);
    expect(message.split('\n')).toHaveLength(1);
  });

  it('names the line where a long sentence starts, across wrapped lines and list items', () => {
    const page = scratchPage(`- first item.\n- An item that wraps\n  ${long}.`);
    expect(formatProblems(findLongSentences(page))).toContain('docs/page.md:10: a sentence of 40 words');
  });

  it('splits sentences at full stops, but not inside code spans, numbers or file names', () => {
    const page = scratchPage('Run `npm test. Then` wait. It costs $0.02 an hour on Node.js 24. See `a.b`. Done!');
    expect(sentencesOf(page).map((s) => s.text)).toEqual(['Run `npm test. Then` wait.'.replaceAll('`', ''), 'It costs $0.02 an hour on Node.js 24.', 'See a.b.', 'Done!']);
  });

  it('leaves table cells out of the sentence checks', () => {
    const page = scratchPage(`| Item | Cost |\n| --- | --- |\n| ${long} | $1 |\n\nA sentence.`);
    expect(sentencesOf(page).map((s) => s.text)).toEqual(['A sentence.']);
  });

  it('fails a page whose sentences average more than 20 words', () => {
    const twentyFive = Array.from({ length: 25 }, (_, i) => (i === 0 ? 'Start' : `w${i}`)).join(' ');
    const page = scratchPage(`${twentyFive}. ${twentyFive}.`);
    expect(meanSentenceWords(page)).toBe(25);
    expect(formatProblems(findWordyPages(page))).toContain('docs/page.md:1: sentences average 25.0 words (at most 20)');
  });

  it('fails the words to avoid, the wrong service names and US spelling, quoting the sentence', async () => {
    const page = scratchPage(
      'We will leverage Postgres to organize the data. Log in with AWS SSO. Store it in AWS S3 with DBT models. The key points are clear. Going forward, this will impact users.',
    );
    const message = formatProblems(await lintWithTextlint(page, scratch));
    for (const expected of [
      'leverage => use',
      'Postgres => PostgreSQL',
      'organize => organise',
      'AWS SSO => IAM Identity Center',
      'AWS S3 => Amazon S3',
      'DBT => dbt',
      'key points => main points',
      'Going forward => from now on',
      'impact => affect',
    ]) {
      expect(message).toContain(expected);
    }
    expect(message).toContain('docs/page.md:9:');
    expect(message).toContain('in "We will leverage Postgres to organize the data."');
  });

  it('leaves code spans, product names and real keys alone', async () => {
    const page = scratchPage('Run `aws sso login` as the `postgres` user. Keep the primary key and the access key. Use IAM Identity Center and the AWS Glue Data Catalog.');
    expect(await lintWithTextlint(page, scratch)).toEqual([]);
  });
});
