/**
 * The production build is a quality gate: these tests break a copy of the
 * site on purpose and check that the build refuses it, naming the page.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildSite, makeSiteCopy } from './lib/site-copy';

function edit(file: string, change: (source: string) => string) {
  writeFileSync(file, change(readFileSync(file, 'utf8')));
}

describe('the production build', () => {
  it('fails on a broken link and names the page that has it', () => {
    const copy = makeSiteCopy();
    try {
      edit(path.join(copy.dir, 'docs/08-storage/s3.md'), (source) => `${source}\nSee [the old page](/storage/no-such-page).\n`);
      const result = buildSite(copy.dir);
      expect(result.status).not.toBe(0);
      expect(result.output).toContain('Broken link on source page path = /storage/s3');
      expect(result.output).toContain('/storage/no-such-page');
    } finally {
      copy.remove();
    }
  });

  it('fails when a region marker a page uses is deleted, naming the page, the file and the region', () => {
    const copy = makeSiteCopy();
    try {
      edit(path.join(copy.dir, 'examples/kit/src/retry-after.ts'), (source) => source.replace('// #region parse-retry-after\n', ''));
      const result = buildSite(copy.dir);
      expect(result.status).not.toBe(0);
      expect(result.output).toContain(
        'Snippet error in docs/07-extraction/from-an-api.md: examples/kit/src/retry-after.ts#parse-retry-after: region "parse-retry-after" not found',
      );
    } finally {
      copy.remove();
    }
  });

  it('fails on a broken markdown link to a file, naming the page', () => {
    const copy = makeSiteCopy();
    try {
      edit(path.join(copy.dir, 'docs/04-principles/idempotency.md'), (source) => `${source}\nRead [the missing page](./missing-page.md).\n`);
      const result = buildSite(copy.dir);
      expect(result.status).not.toBe(0);
      expect(result.output).toContain('Markdown link with URL `./missing-page.md` in source file "docs/04-principles/idempotency.md"');
    } finally {
      copy.remove();
    }
  });

  it('builds a page reviewed over 12 months ago with a visible note, and lists it as due for review', () => {
    const copy = makeSiteCopy();
    try {
      edit(path.join(copy.dir, 'docs/04-principles/idempotency.md'), (source) => source.replace(/^last_reviewed:.*$/m, 'last_reviewed: 2024-01-15'));
      const result = buildSite(copy.dir);
      expect(result.status, result.output).toBe(0);
      // React's server render splits text with <!-- --> markers; a reader never sees them.
      const page = readFileSync(path.join(copy.dir, 'build/principles/idempotency.html'), 'utf8').replaceAll('<!-- -->', '');
      expect(page).toContain('Due for review');
      expect(page).toContain('Nobody has reviewed this page since 15 January 2024');
      const list = readFileSync(path.join(copy.dir, 'build/due-for-review.html'), 'utf8');
      expect(list).toMatch(/href="?\/principles\/idempotency"?[^>]*>Idempotency<\/a>/);
      expect(list).toContain('2025-01-15');
      // A page reviewed recently carries no note.
      expect(readFileSync(path.join(copy.dir, 'build/storage/s3.html'), 'utf8')).not.toContain('Nobody has reviewed this page since');
    } finally {
      copy.remove();
    }
  });
});
