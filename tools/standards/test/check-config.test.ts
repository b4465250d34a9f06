/**
 * A repository's .de-standards.json: the paths it excludes are read by no
 * check, and a setting that is not valid stops the check with a clear error
 * instead of being read as "exclude nothing".
 */
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkFolder } from '../src/check.ts';
import { ConfigError, openRepo, parseConfig } from '../src/repo.ts';
import { RULES } from '../src/rules.ts';
import { NO_TOOLS } from './check-helpers.ts';
import { removeWorkTrees, workTree } from './work-trees.ts';

afterAll(removeWorkTrees);

const SUDO_PIP = ['DES-009'];
const sudoPipFindings = (root: string): string[] =>
  checkFolder(root, { env: NO_TOOLS, rules: RULES.filter((rule) => SUDO_PIP.includes(rule.id)) }).flatMap((result) => result.findings.map((finding) => finding.file));

describe('exclude in .de-standards.json', () => {
  const files = { 'scripts/setup.sh': 'sudo pip install pandas\n', 'test/fixtures/bad/setup.sh': 'sudo pip install pandas\n' };

  it('keeps an excluded folder out of every check, and only that folder', () => {
    const root = workTree({ ...files, '.de-standards.json': '{ "exclude": ["test/fixtures/bad/"] }\n' });
    expect(openRepo(root).files).not.toContain('test/fixtures/bad/setup.sh');
    expect(sudoPipFindings(root)).toEqual(['scripts/setup.sh']);
  });

  it('reports the same folder when nothing excludes it', () => {
    expect(sudoPipFindings(workTree(files))).toEqual(['scripts/setup.sh', 'test/fixtures/bad/setup.sh']);
  });

  it('excludes a single file too', () => {
    const root = workTree({ ...files, '.de-standards.json': '{ "exclude": ["scripts/setup.sh"] }\n' });
    expect(sudoPipFindings(root)).toEqual(['test/fixtures/bad/setup.sh']);
  });
});

describe('a .de-standards.json that is not valid', () => {
  it.each([
    ['not JSON', '{ "exclude": [', /is not valid JSON/],
    ['not an object', '["a"]', /must hold a JSON object/],
    ['an unknown setting', '{ "exlude": ["a"] }', /unknown settings: exlude\. The settings are "exclude" and "root"/],
    ['exclude not a list', '{ "exclude": "a" }', /"exclude" must be a list of paths/],
    ['an entry not a string', '{ "exclude": [1] }', /every "exclude" entry must be a string; got 1/],
    ['an absolute path', '{ "exclude": ["/etc"] }', /"\/etc" must be relative to the folder checked/],
    ['a path out of the folder', '{ "exclude": ["a/../.."] }', /must not contain empty, "\." or "\.\." parts/],
    ['a pattern', '{ "exclude": ["test/**"] }', /patterns are not supported/],
    ['root not a boolean', '{ "root": "yes" }', /"root" must be true or false/],
  ])('stops with a clear error: %s', (_case, text, message) => {
    expect(() => parseConfig(text, '.de-standards.json')).toThrow(ConfigError);
    expect(() => parseConfig(text, '.de-standards.json')).toThrow(message);
  });

  it('names the file, and an entry that names nothing, when the folder is opened', () => {
    const root = workTree({ '.de-standards.json': '{ "exclude": ["test/fixtures/gone"] }' });
    expect(() => openRepo(root)).toThrow(ConfigError);
    expect(() => checkFolder(root, { env: NO_TOOLS })).toThrow(`${path.join(root, '.de-standards.json')}: the "exclude" entry "test/fixtures/gone" names nothing in ${root}.`);
  });

  it('accepts an empty object: no exclusions, and the Git root counts', () => {
    expect(parseConfig('{}', 'x')).toEqual({ exclude: [], root: false });
  });
});
