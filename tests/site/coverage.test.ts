/**
 * The site covers the whole of the original draft, and every page is real
 * guidance: each heading of the draft maps to a page that exists (and to a
 * section of it, where named); no page keeps a placeholder, a heading with no
 * body, or fewer than 300 words of guidance.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  findEmptySections,
  findPlaceholders,
  findThinPages,
  guidanceWordCount,
  headingsOf,
  parseSeedHeadings,
  parseSeedTopics,
} from './lib/guidance';
import { formatProblems } from './lib/page-rules';
import { readPage, readPages, ROOT_DIR } from './lib/pages';
import { SEED_FILE, SEED_HEADINGS, SEED_TOPICS } from './lib/seed-headings';

const pages = readPages(path.join(ROOT_DIR, 'docs'));
/** The draft lives beside the repository (../shared/seed/); CI's checkout may not have it. */
const seedPath = path.resolve(ROOT_DIR, '..', SEED_FILE);
const seed = existsSync(seedPath) ? readFileSync(seedPath, 'utf8') : undefined;

/** Problems with one mapping: the page is missing, or it has no heading of that name. */
function coverageProblems(mapping: { page: string; section?: string }, label: string): string[] {
  const file = path.join(ROOT_DIR, mapping.page);
  if (!existsSync(file)) return [`${label}: its page ${mapping.page} does not exist`];
  if (mapping.section && !headingsOf(readPage(file).tree).includes(mapping.section)) {
    return [`${label}: ${mapping.page} has no heading "${mapping.section}"`];
  }
  return [];
}

describe('coverage of the original draft', () => {
  it('maps every heading of the draft to a page that exists, and to the named section of it', () => {
    const problems = SEED_HEADINGS.flatMap((heading) => coverageProblems(heading, `the draft's heading "${heading.text}"`));
    expect(problems.join('\n')).toBe('');
  });

  it('maps every numbered topic of the draft to a page that exists', () => {
    const problems = SEED_TOPICS.flatMap((topic) => coverageProblems(topic, `the draft's topic "${topic.item}" (under "${topic.under}")`));
    expect(problems.join('\n')).toBe('');
  });

  it.runIf(seed !== undefined)('keeps the committed heading list the same as the draft beside the repository', () => {
    const fromDraft = parseSeedHeadings(seed!).map((h) => `${'#'.repeat(h.level)} ${h.text}`);
    const committed = SEED_HEADINGS.map((h) => `${'#'.repeat(h.level)} ${h.text}`);
    // A heading in the draft that the list lacks has no page yet.
    expect(committed).toEqual(fromDraft);
  });

  it.runIf(seed !== undefined)('keeps the committed topic list the same as the draft beside the repository', () => {
    const unders = [...new Set(SEED_TOPICS.map((t) => t.under))];
    for (const under of unders) {
      expect(SEED_TOPICS.filter((t) => t.under === under).map((t) => t.item), under).toEqual(parseSeedTopics(seed!, under));
    }
  });
});

describe('every page is real guidance', () => {
  it('has no placeholder left from the draft (TODO, TBD, [insert], "check this", a bare X)', () => {
    expect(formatProblems(pages.flatMap(findPlaceholders))).toBe('');
  });

  it('has a body under every heading', () => {
    expect(formatProblems(pages.flatMap(findEmptySections))).toBe('');
  });

  it('has at least 300 words of guidance', () => {
    expect(formatProblems(pages.flatMap((page) => findThinPages(page)))).toBe('');
  });
});

describe('the guidance checks catch a stub and name it', () => {
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'guidance-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  function scratchPage(name: string, body: string) {
    const file = path.join(scratch, 'docs', name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, `---\ntitle: Stub\nowner: Data engineering lead\nlast_reviewed: 2026-11-25\n---\n\n${body}`);
    return readPage(file, scratch);
  }

  it('fails each placeholder the draft used, with the line', () => {
    const page = scratchPage('stub.md', '# Stub\n\nSet up the bucket (check this).\n\nThe layout is [insert].\n\n## PostgreSQL\n\n1. X\n\nTODO: write this. The size is TBD.\n');
    const message = formatProblems(findPlaceholders(page));
    expect(message).toContain('docs/stub.md:9: a placeholder ("check this")');
    expect(message).toContain('("[insert]")');
    expect(message).toContain('a bare "X" placeholder');
    expect(message).toContain('("TODO")');
    expect(message).toContain('("TBD")');
  });

  it('does not mistake ordinary words for placeholders', () => {
    const page = scratchPage('fine.md', '# Fine\n\nCheck the logs. An X-ray of the pipeline: Xbox, tbd-free, todos.\n');
    expect(findPlaceholders(page)).toEqual([]);
  });

  it('fails a heading with no body, whether another heading or the end of the page follows', () => {
    const page = scratchPage('empty.md', '# Storage\n\n## S3\n\n### Buckets\n\nBuckets hold objects.\n\n## Metadata\n');
    const message = formatProblems(findEmptySections(page));
    expect(message).toContain('docs/empty.md:7: the heading "Storage" has no body before the next heading');
    expect(message).toContain('the heading "S3" has no body');
    expect(message).toContain('the heading "Metadata" has no body before the end of the page');
    expect(message).not.toContain('Buckets');
  });

  it('counts guidance words but not front matter, headings or code', () => {
    const page = scratchPage('count.md', '# A heading of six words here\n\nOne two three `four`.\n\n```bash\nnot counted at all\n```\n\n- five six\n');
    expect(guidanceWordCount(page.tree)).toBe(6);
    expect(formatProblems(findThinPages(page))).toContain('docs/count.md:1: 6 words of guidance; a page needs at least 300');
  });

  it('fails a mapping to a missing page or a missing section', () => {
    expect(coverageProblems({ page: 'docs/no-such-page.md' }, 'x')).toEqual(['x: its page docs/no-such-page.md does not exist']);
    expect(coverageProblems({ page: 'docs/08-storage/s3.md', section: 'No such section' }, 'x')).toEqual(['x: docs/08-storage/s3.md has no heading "No such section"']);
  });

  it('reads the headings and topics of a draft', () => {
    const draft = '# guide\n## get access\n1. one\n### storage\n#### S3\n## principles\n1. requirements\n2. idempotency\n';
    expect(parseSeedHeadings(draft)).toEqual([
      { level: 1, text: 'guide' },
      { level: 2, text: 'get access' },
      { level: 3, text: 'storage' },
      { level: 4, text: 'S3' },
      { level: 2, text: 'principles' },
    ]);
    expect(parseSeedTopics(draft, 'principles')).toEqual(['requirements', 'idempotency']);
  });
});
