/**
 * A folder inside a larger Git work tree (a pipeline in a monorepo) is
 * judged as Git and GitHub treat it: CODEOWNERS and the pull-request
 * template count only at the Git root, CODEOWNERS must give the folder's
 * files an owner, and every .gitignore from the Git root down applies.
 * Files outside the folder are named by their path from it.
 */
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkCodeowners, checkGitignore, checkPullRequestTemplate } from '../src/checks/required-files.ts';
import { ownerOf } from '../src/gitignore.ts';
import { findGitRoot, memoryRepo, openRepo } from '../src/repo.ts';
import { removeWorkTrees, workTree } from './work-trees.ts';

afterAll(removeWorkTrees);

const PIPELINE = 'pipelines/lginform';
const pipelineFiles = { [`${PIPELINE}/README.md`]: '# P\n', [`${PIPELINE}/src/main.ts`]: '', [`${PIPELINE}/terraform/main.tf`]: '' };
const where = (findings: { file: string; line?: number }[]): string[] => findings.map(({ file, line }) => `${file}:${line ?? '-'}`);

describe('finding the Git root', () => {
  it('is the nearest folder above that holds .git, and none for the root itself', () => {
    const root = workTree(pipelineFiles);
    expect(findGitRoot(path.join(root, PIPELINE))).toBe(root);
    expect(openRepo(path.join(root, PIPELINE)).gitRoot).toMatchObject({ path: root, folder: PIPELINE });
    expect(openRepo(root).gitRoot).toBeUndefined();
  });

  it('is ignored for a folder whose .de-standards.json says "root": true', () => {
    const root = workTree({ ...pipelineFiles, [`${PIPELINE}/.de-standards.json`]: '{ "root": true }' });
    expect(openRepo(path.join(root, PIPELINE)).gitRoot).toBeUndefined();
  });
});

describe('CODEOWNERS in a monorepo (DES-003)', () => {
  it('is read from the Git root, named from the folder, and passes when it covers every file', () => {
    const root = workTree({ ...pipelineFiles, '.github/CODEOWNERS': '* @org/data\n/pipelines/*/terraform/ @org/platform\n' });
    expect(checkCodeowners(openRepo(path.join(root, PIPELINE)))).toEqual([]);
  });

  it('fails when no pattern gives the folder an owner, or a later line takes the owner away', () => {
    const onlyOther = workTree({ ...pipelineFiles, '.github/CODEOWNERS': '/pipelines/other/ @org/other\n' });
    const findings = checkCodeowners(openRepo(path.join(onlyOther, PIPELINE)));
    expect(where(findings)).toEqual(['../../.github/CODEOWNERS:1']);
    expect(findings[0]?.message).toBe('../../.github/CODEOWNERS names no owner for 3 files here: README.md, src/main.ts, terraform/main.tf. Add a pattern that covers them.');

    const unowned = workTree({ ...pipelineFiles, 'CODEOWNERS': '* @org/data\n/pipelines/lginform/terraform/\n' });
    expect(checkCodeowners(openRepo(path.join(unowned, PIPELINE)))[0]?.message).toMatch(/^\.\.\/\.\.\/CODEOWNERS names no owner for one file here: terraform\/main\.tf\./);
  });

  it("ignores the folder's own CODEOWNERS, as GitHub does, and says so", () => {
    const root = workTree({ ...pipelineFiles, [`${PIPELINE}/.github/CODEOWNERS`]: '* @org/data\n' });
    const findings = checkCodeowners(openRepo(path.join(root, PIPELINE)));
    expect(where(findings)).toEqual(['../../.github/CODEOWNERS:-']);
    expect(findings[0]?.message).toBe(
      'There is no CODEOWNERS file where GitHub reads it (../../.github/, ../../ or ../../docs/); GitHub ignores .github/CODEOWNERS, as it is not at the repository root.',
    );
  });
});

describe('the pull-request template in a monorepo (DES-004)', () => {
  it('is read from the Git root, in any place GitHub reads it', () => {
    for (const template of ['.github/pull_request_template.md', 'docs/PULL_REQUEST_TEMPLATE.md', '.github/PULL_REQUEST_TEMPLATE/feature.md']) {
      const root = workTree({ ...pipelineFiles, [template]: '## What\n' });
      expect(checkPullRequestTemplate(openRepo(path.join(root, PIPELINE))), template).toEqual([]);
    }
  });

  it("fails without one at the Git root, even when the folder has its own", () => {
    const root = workTree({ ...pipelineFiles, [`${PIPELINE}/.github/pull_request_template.md`]: '## What\n' });
    expect(checkPullRequestTemplate(openRepo(path.join(root, PIPELINE)))).toEqual([
      {
        file: '../../.github/pull_request_template.md',
        message: 'There is no pull-request template at the Git root (../..); GitHub ignores .github/pull_request_template.md, as it is not at the repository root.',
      },
    ]);
  });

  it('names an empty template by its path from the folder', () => {
    const root = workTree({ ...pipelineFiles, '.github/pull_request_template.md': '\n' });
    expect(where(checkPullRequestTemplate(openRepo(path.join(root, PIPELINE))))).toEqual(['../../.github/pull_request_template.md:1']);
  });
});

describe('.gitignore in a monorepo (DES-002)', () => {
  it('combines every .gitignore from the Git root down to the folder', () => {
    const root = workTree({ ...pipelineFiles, '.gitignore': '.env\n*.pem\n', 'pipelines/.gitignore': '.terraform/\n', [`${PIPELINE}/.gitignore`]: '.venv/\n' });
    expect(checkGitignore(openRepo(path.join(root, PIPELINE)))).toEqual([]);
  });

  it('applies patterns anchored to the root, and lets a deeper file re-include what the root ignores', () => {
    const anchored = workTree({ ...pipelineFiles, '.gitignore': '.env\n/pipelines/*/deploy/*.pem\n**/.terraform/\n.venv/\n' });
    expect(checkGitignore(openRepo(path.join(anchored, PIPELINE)))).toEqual([]);

    const reincluded = workTree({ ...pipelineFiles, '.gitignore': '.env\n*.pem\n.terraform/\n.venv/\n', [`${PIPELINE}/.gitignore`]: '!*.pem\n' });
    expect(checkGitignore(openRepo(path.join(reincluded, PIPELINE)))).toEqual([
      { file: '.gitignore', line: 1, message: 'The .gitignore files that apply here (../../.gitignore, .gitignore) do not ignore *.pem.' },
    ]);
  });

  it("does not count a pattern anchored to another folder, and names the root's file when the folder has none", () => {
    const root = workTree({ ...pipelineFiles, '.gitignore': '.env\n/other/*.pem\n.terraform/\n.venv/\n' });
    expect(checkGitignore(openRepo(path.join(root, PIPELINE)))).toEqual([
      { file: '../../.gitignore', line: 1, message: 'The .gitignore files that apply here (../../.gitignore) do not ignore *.pem.' },
    ]);
  });

  it('fails with no .gitignore anywhere from the Git root down', () => {
    const root = workTree(pipelineFiles);
    expect(checkGitignore(openRepo(path.join(root, PIPELINE)))).toEqual([
      { file: '.gitignore', message: 'There is no .gitignore in this folder or above it up to the Git root (../..).' },
    ]);
  });
});

describe('CODEOWNERS patterns, as GitHub documents them', () => {
  const codeowners = [
    '# Comments and blank lines are skipped.',
    '*                @org/all',
    '*.js             @org/js',
    'apps/            @org/apps',
    '/docs/           @org/docs',
    'guides/*         @org/guides',
    '**/logs          @org/logs',
    '/apps/github',
  ].join('\n');
  const owners = (file: string): string[] | undefined => ownerOf(codeowners, file)?.owners;

  it.each([
    ['README.md', ['@org/all']],
    ['src/app.js', ['@org/js']],
    ['deep/apps/x.py', ['@org/apps']],
    ['docs/a/b.md', ['@org/docs']],
    ['guides/start.md', ['@org/guides']],
    ['guides/deeper/start.md', ['@org/all']],
    ['build/logs/x.txt', ['@org/logs']],
    ['apps/github/x.txt', []],
  ])('%s is owned by %j (the last matching line wins)', (file, expected) => {
    expect(owners(file)).toEqual(expected);
  });

  it('gives no owner where no line matches, and names the line that decided', () => {
    expect(ownerOf('/docs/ @org/docs\n', 'src/a.ts')).toBeUndefined();
    expect(ownerOf(codeowners, 'docs/a.md')?.line).toBe(5);
  });

  it('checks every file of a standalone repository too', () => {
    const repo = memoryRepo({ 'CODEOWNERS': '/src/ @org/data\n', 'src/a.ts': '', 'README.md': '' });
    expect(checkCodeowners(repo)[0]?.message).toBe('CODEOWNERS names no owner for 2 files here: CODEOWNERS, README.md. Add a pattern that covers them.');
  });
});
