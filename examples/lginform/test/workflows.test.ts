/**
 * Every GitHub Actions workflow in the repository (this repository's CI, the
 * example's deployment workflow and the standards tool's templates):
 * actionlint, built from its pinned Go module, with shellcheck from a pinned
 * wheel for the run: scripts; the house rules of workflow-rules.ts (OIDC
 * only, actions pinned to commit SHAs, Node.js 24); and each pin checked
 * against ../deploy/action-pins.json, the one list of SHAs and releases.
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { EXAMPLE_DIR, ensureActionlint, ensureShellcheck, run } from './lint-tools.ts';
import {
  actionPinProblems,
  type ActionPins,
  actionPinsProblems,
  findWorkflowFiles,
  parsedUses,
  readActionPins,
  readWorkflow,
  repinnedText,
  usesLines,
  type Workflow,
  workflowProblems,
} from './workflow-rules.ts';

const REPO_ROOT = path.resolve(EXAMPLE_DIR, '../..');
const ACTION_PINS = path.join(EXAMPLE_DIR, 'deploy/action-pins.json');

/** The major Node.js version a node-version-file names (.nvmrc holds "24"). */
function nodeMajorOf(file: string): number | undefined {
  const full = path.join(REPO_ROOT, file);
  if (!existsSync(full)) return undefined;
  return Number(readFileSync(full, 'utf8').trim().replace(/^v/, '').split('.')[0]);
}

const workflowFiles = await findWorkflowFiles(REPO_ROOT);
const actionlint = await ensureActionlint();
if ('missing' in actionlint) console.warn(`actionlint is skipped: ${actionlint.missing}. The house rules below still run.`);

let shellcheck: string;
const tempDirs: string[] = [];

beforeAll(async () => {
  shellcheck = await ensureShellcheck();
}, 10 * 60_000);

afterAll(async () => {
  await Promise.all(tempDirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

type ActionlintError = { message: string; filepath: string; line: number; column: number; kind: string };

async function lint(files: string[]): Promise<ActionlintError[]> {
  if ('missing' in actionlint) throw new Error(actionlint.missing);
  // pyflakes is off: no workflow here runs Python inline.
  const result = await run(actionlint.path, ['-format', '{{json .}}', '-shellcheck', shellcheck, '-pyflakes=', ...files], { cwd: REPO_ROOT });
  if (result.code > 1) throw new Error(`actionlint could not run (exit ${result.code}):\n${result.stderr}`);
  const errors = (JSON.parse(result.stdout.trim() || '[]') as ActionlintError[] | null) ?? [];
  expect(result.code).toBe(errors.length > 0 ? 1 : 0);
  return errors;
}

describe('every workflow file', () => {
  it('is found: this repository\'s CI, the example\'s deployment workflow and the standards tool\'s templates', () => {
    expect(workflowFiles.map((file) => path.relative(REPO_ROOT, file))).toEqual(
      expect.arrayContaining([
        '.github/workflows/ci.yml',
        'examples/lginform/deploy/workflows/lginform-deploy.yml',
        'tools/standards/templates/base/dot-github/workflows/ci.yml',
        'tools/standards/templates/lambda/dot-github/workflows/deploy.yml',
        'tools/standards/templates/ec2-airflow/dot-github/workflows/deploy.yml',
      ]),
    );
  });

  it.skipIf('missing' in actionlint)('passes actionlint (syntax, expressions, action inputs, shellcheck on run: scripts)', async () => {
    const errors = await lint(workflowFiles);
    expect(errors.map((error) => `${path.relative(REPO_ROOT, error.filepath)}:${error.line}:${error.column} [${error.kind}] ${error.message}`)).toEqual([]);
  }, 120_000);

  it.skipIf('missing' in actionlint)('would fail actionlint if it were broken (the lint is real)', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'lginform-workflow-'));
    tempDirs.push(dir);
    const broken = path.join(dir, 'broken.yml');
    await writeFile(broken, `on: push
jobs:
  test:
    runs-on: ubuntu-24.04
    steps:
      - run: echo \${{ github.event.pull_request.title }} $UNQUOTED
      - uses: actions/checkout@v6
        with:
          fetch-dept: 0
      - run: echo "\${{ steps.nothing.outputs.x == }}"
`);
    const kinds = (await lint([broken])).map((error) => error.kind);
    expect(kinds).toEqual(expect.arrayContaining(['expression', 'action', 'shellcheck']));
  }, 120_000);

  it('keeps the house rules: OIDC only (no stored AWS keys), every action pinned to a commit SHA, Node.js 24, least privilege', async () => {
    const problems: string[] = [];
    for (const file of workflowFiles) {
      const { text, workflow } = await readWorkflow(file);
      problems.push(...workflowProblems(text, workflow, nodeMajorOf).map((problem) => `${path.relative(REPO_ROOT, file)}: ${problem}`));
    }
    expect(problems).toEqual([]);
  });

  it('would break the house rules if it used stored keys, tags or branches that can move, or another Node.js', () => {
    const text = `on: [push, pull_request_target]
env:
  AWS_SECRET_ACCESS_KEY: \${{ secrets.AWS_SECRET_ACCESS_KEY }}
jobs:
  deploy:
    uses: someone/workflows/.github/workflows/deploy.yml@main
  build:
    runs-on: ubuntu-24.04
    steps:
      - uses: actions/checkout@main
      - uses: actions/setup-node@v6
        with:
          node-version: 20
      - uses: aws-actions/configure-aws-credentials@v6
        with:
          aws-access-key-id: \${{ secrets.AWS_ACCESS_KEY_ID }}
          aws-region: eu-west-2
`;
    expect(workflowProblems(text, parse(text) as Workflow, nodeMajorOf)).toEqual([
      'set top-level permissions (e.g. contents: read) so no job gets write access by default',
      'uses the stored secret AWS_SECRET_ACCESS_KEY: assume a role with OIDC instead',
      'uses the stored secret AWS_ACCESS_KEY_ID: assume a role with OIDC instead',
      'passes aws-access-key-id: use role-to-assume with OIDC, not stored keys',
      'job deploy: pin the reusable workflow someone/workflows/.github/workflows/deploy.yml@main to a full commit SHA',
      'job build, step actions/checkout@main: pin actions/checkout@main to a full commit SHA, not a tag or branch',
      'job build, step actions/setup-node@v6: pin actions/setup-node@v6 to a full commit SHA, not a tag or branch',
      'job build, step actions/setup-node@v6: set up Node.js 24 (node-version-file: .nvmrc, or node-version: 24), found 20',
      'job build, step aws-actions/configure-aws-credentials@v6: pin aws-actions/configure-aws-credentials@v6 to a full commit SHA, not a tag or branch',
      'job build, step aws-actions/configure-aws-credentials@v6: assume a role (role-to-assume) with OIDC',
      'job build: needs permissions id-token: write to ask for the OIDC token',
      'sets AWS_SECRET_ACCESS_KEY in env: assume a role with OIDC instead',
    ]);
  });
});

describe('every action, pinned to a commit SHA with its release in a comment', () => {
  let pins: ActionPins;
  const texts = new Map<string, string>();

  beforeAll(async () => {
    pins = await readActionPins(ACTION_PINS);
    for (const file of workflowFiles) texts.set(path.relative(REPO_ROOT, file), (await readWorkflow(file)).text);
  });

  it('is recorded once in action-pins.json: a vX.Y.Z release, its full commit SHA, the date and Node.js 24', () => {
    expect(Object.keys(pins).length).toBeGreaterThan(0);
    expect(actionPinsProblems(pins)).toEqual([]);
  });

  it('is pinned, in every uses: of every workflow file, to the SHA and release that action-pins.json records', () => {
    const problems = [...texts].flatMap(([file, text]) => actionPinProblems(text, pins).map((problem) => `${file}: ${problem}`));
    expect(problems).toEqual([]);
  });

  it('is found by the text scan wherever the parsed YAML has a uses: (comments are only in the text)', () => {
    for (const [file, text] of texts) {
      const scanned = usesLines(text).map((found) => found.uses);
      expect(scanned.sort(), file).toEqual(parsedUses(parse(text) as Workflow).sort());
    }
  });

  it('is used: action-pins.json lists no action that no workflow uses', () => {
    const used = new Set([...texts.values()].flatMap((text) => usesLines(text).map((found) => found.uses.split('@')[0]!.split('/').slice(0, 2).join('/'))));
    expect(Object.keys(pins).filter((action) => !used.has(action))).toEqual([]);
  });

  it('would fail on a tag, a branch, a SHA with no comment or a loose one, and a pair action-pins.json does not record', () => {
    const sha = '3d3c42e5aac5ba805825da76410c181273ba90b1';
    const other = '9c091bb21b7c1c1d1991bb908d89e4e9dddfe3e0';
    const fakePins: ActionPins = { 'actions/checkout': { version: 'v7.0.1', sha, released: '2026-07-17', runs: 'node24' } };
    const wanted = `actions/checkout@${sha} # v7.0.1`;
    const text = `on: push
permissions:
  contents: read
jobs:
  build:
    runs-on: ubuntu-24.04
    steps:
      - uses: actions/checkout@v6
      - uses: "actions/checkout@main"
      - uses: actions/checkout@${sha}
      - uses: actions/checkout@${sha} # v7
      - uses: actions/checkout@${sha} # v7.0.1 checked by hand
      - uses: actions/checkout@${other} # v7.0.1
      - uses: actions/checkout@${sha} # v7.0.0
      - uses: someone/unlisted-action@${other} # v1.0.0
      - uses: ./.github/actions/local
      - uses: docker://alpine:3.22
      - uses: actions/checkout@${sha} # v7.0.1
`;
    expect(actionPinProblems(text, fakePins)).toEqual([
      `line 8: actions/checkout@v6 is pinned to a tag or branch; pin it to a full commit SHA: ${wanted}`,
      `line 9: actions/checkout@main is pinned to a tag or branch; pin it to a full commit SHA: ${wanted}`,
      `line 10: actions/checkout@${sha} needs its release in a comment, alone (# vX.Y.Z), found no comment: ${wanted}`,
      `line 11: actions/checkout@${sha} needs its release in a comment, alone (# vX.Y.Z), found # v7: ${wanted}`,
      `line 12: actions/checkout@${sha} needs its release in a comment, alone (# vX.Y.Z), found # v7.0.1 checked by hand: ${wanted}`,
      `line 13: actions/checkout@${other} # v7.0.1 is not the pin action-pins.json records: ${wanted}`,
      `line 14: actions/checkout@${sha} # v7.0.0 is not the pin action-pins.json records: ${wanted}`,
      'line 15: someone/unlisted-action is not in action-pins.json; add its version, sha, released date and runs',
    ]);
    expect(usesLines(text)).toHaveLength(11);
  });

  it('can be moved to the list\'s pins by rewriting the text (scripts/check-action-pins.ts --write), comments and other lines kept', () => {
    const sha = '3d3c42e5aac5ba805825da76410c181273ba90b1';
    const fakePins: ActionPins = { 'actions/checkout': { version: 'v7.0.1', sha, released: '2026-07-17', runs: 'node24' } };
    const text = `steps:
      # Check out the code.
      - uses: actions/checkout@v6
        with:
          persist-credentials: false
      - name: Pinned by hand
        uses: 'actions/checkout@9c091bb21b7c1c1d1991bb908d89e4e9dddfe3e0' # v7.0.0
      - uses: someone/unlisted-action@v1
`;
    expect(repinnedText(text, fakePins)).toBe(`steps:
      # Check out the code.
      - uses: actions/checkout@${sha} # v7.0.1
        with:
          persist-credentials: false
      - name: Pinned by hand
        uses: 'actions/checkout@${sha}' # v7.0.1
      - uses: someone/unlisted-action@v1
`);
  });

  it('would fail a list entry with a short SHA, a tag that is not a release, a bad date or an older runtime', () => {
    expect(
      actionPinsProblems({
        'actions/checkout': { version: 'v7', sha: '3d3c42e', released: '2026-02-30', runs: 'node20' },
        'not-an-action': { version: 'v1.0.0', sha: '3d3c42e5aac5ba805825da76410c181273ba90b1', released: '2026-07-17', runs: 'node24' },
      }),
    ).toEqual([
      'actions/checkout: version v7 is not a release tag vX.Y.Z',
      'actions/checkout: sha 3d3c42e is not a full 40-character commit SHA',
      'actions/checkout: released 2026-02-30 is not a date YYYY-MM-DD',
      'actions/checkout: runs on node20; GitHub is retiring older runtimes, so pin a release whose action.yml says using: node24 (or composite)',
      'not-an-action: name the action as owner/repo',
    ]);
  });
});

describe('the site publication workflow', () => {
  it('writes the dbt docs where the dbt page links to them', async () => {
    const workflow = await readFile(path.join(REPO_ROOT, '.github/workflows/publish-site.yml'), 'utf8');
    const page = await readFile(path.join(REPO_ROOT, 'docs/09-transformation/dbt.md'), 'utf8');
    const written = /npm run dbt-docs -- build\/([\w/-]+)/.exec(workflow)?.[1];
    expect(written).toBe('dbt/lginform');
    expect(page).toContain(`(pathname:///${written}/index.html)`);
    // The build comes first: docusaurus build empties build/ before it writes.
    expect(workflow.indexOf('npm run build')).toBeLessThan(workflow.indexOf('npm run dbt-docs'));
  });
});
