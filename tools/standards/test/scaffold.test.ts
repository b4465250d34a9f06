/**
 * `de-standards new` without the disk: what planScaffold puts in a new
 * repository for each choice, that the result meets the checked rules, and
 * that the templates and the committed tree stay in step with the code.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkRepo } from '../src/check.ts';
import { pullRequestTemplate } from '../src/pull-request-template.ts';
import { memoryRepo } from '../src/repo.ts';
import { DEFAULT_TREE_OPTIONS, KIT_VERSION, nameProblem, ownerProblem, type ScaffoldOptions, ScaffoldOptionError } from '../src/scaffold/options.ts';
import { DEPENDENCIES, DEV_DEPENDENCIES } from '../src/scaffold/package-json.ts';
import { mustNotHaveMarkers, planScaffold, type PlannedFile } from '../src/scaffold/plan.ts';
import { hasMarkers, render, TemplateError } from '../src/scaffold/render.ts';
import { readLayer } from '../src/scaffold/templates.ts';
import { scaffoldTree } from '../src/scaffold/tree.ts';
import { PACKAGE_DIR, REPO_ROOT } from './paths.ts';

const REGISTRY_KIT = { kind: 'registry', version: KIT_VERSION } as const;
const options = (overrides: Partial<ScaffoldOptions> = {}): ScaffoldOptions => ({ name: 'demo-pipeline', owner: '@rbk-lbs-data/data-engineering', runtime: 'ec2-airflow', dbt: true, kit: REGISTRY_KIT, ...overrides });

const COMBINATIONS: ScaffoldOptions[] = [
  options({ runtime: 'ec2-airflow', dbt: true }),
  options({ runtime: 'ec2-airflow', dbt: false }),
  options({ runtime: 'lambda', dbt: true }),
  options({ runtime: 'lambda', dbt: false, kit: { kind: 'vendored', fileName: 'rbk-lbs-kit-0.1.0.tgz', contents: new Uint8Array([31, 139]) } }),
];

function textOf(files: PlannedFile[], file: string): string {
  const found = files.find((planned) => planned.path === file);
  if (found === undefined) throw new Error(`${file} is not planned`);
  if (typeof found.contents !== 'string') throw new Error(`${file} is not text`);
  return found.contents;
}

const paths = (files: PlannedFile[]) => files.map((file) => file.path);

describe.each(COMBINATIONS)('planScaffold: $runtime, dbt $dbt, kit $kit.kind', (choice) => {
  const files = planScaffold(choice);

  it('has the files every pipeline repository must have', () => {
    expect(paths(files)).toEqual(
      expect.arrayContaining([
        'README.md', '.gitignore', '.editorconfig', '.nvmrc', '.npmrc', 'package.json', 'tsconfig.json', 'vitest.config.ts', 'eslint.config.js',
        '.github/CODEOWNERS', '.github/pull_request_template.md', '.github/workflows/ci.yml', '.github/workflows/deploy.yml', '.github/dependabot.yml',
        'src/cli.ts', 'src/config.ts', 'src/extract.ts', 'src/transform.ts', 'src/load.ts', 'src/pipeline.ts', 'test/transform.test.ts', 'test/pipeline.test.ts',
        'Dockerfile', '.dockerignore', 'docs/data-flow.md', 'docs/data-protection.md', 'docs/requirements.md',
        'terraform/modules/data-lake/main.tf', 'terraform/environments/dev/main.tf', 'terraform/environments/prod/main.tf',
      ]),
    );
  });

  it('leaves no placeholder or @@ line in any file', () => {
    for (const file of files) {
      if (typeof file.contents !== 'string') continue;
      expect(file.contents, file.path).not.toMatch(/__[A-Z][A-Z0-9_]*__/);
      expect(file.contents, file.path).not.toMatch(/^\s*@@/m);
    }
  });

  it('fails no rule of de-standards check', () => {
    const text = Object.fromEntries(files.filter((file) => typeof file.contents === 'string').map((file) => [file.path, file.contents as string]));
    // No outside tools here: checkov and actionlint run over a real repository in scaffold-e2e.test.ts.
    const failed = checkRepo(memoryRepo(text), undefined, { env: { PATH: '' } }).filter((result) => result.status === 'fail');
    expect(failed.map((result) => `${result.rule.id}: ${result.findings.map((finding) => finding.message).join('; ')}`)).toEqual([]);
  });

  it('names the runtime\'s own files, and only those', () => {
    const lambda = ['lambda/handler.ts', 'test/handler.test.ts', 'terraform/modules/pipeline-function/main.tf', 'terraform/environments/prod/function.tf'];
    const airflow = ['airflow/dags/demo_pipeline.py', 'terraform/modules/airflow-access/main.tf', 'terraform/environments/prod/airflow.tf'];
    const [own, other] = choice.runtime === 'lambda' ? [lambda, airflow] : [airflow, lambda];
    expect(paths(files)).toEqual(expect.arrayContaining(own));
    for (const file of other) expect(paths(files)).not.toContain(file);
  });

  it('adds dbt/ only with dbt, and the README says so', () => {
    expect(paths(files).some((file) => file.startsWith('dbt/'))).toBe(choice.dbt);
    expect(textOf(files, 'README.md').includes('## Models')).toBe(choice.dbt);
  });

  it('depends on the kit from the registry or from vendor/', () => {
    const manifest = JSON.parse(textOf(files, 'package.json')) as { dependencies: Record<string, string> };
    if (choice.kit.kind === 'vendored') {
      expect(manifest.dependencies['@rbk-lbs/kit']).toBe('file:vendor/rbk-lbs-kit-0.1.0.tgz');
      expect(files.find((file) => file.path === 'vendor/rbk-lbs-kit-0.1.0.tgz')?.contents).toBe(choice.kit.contents);
      expect(textOf(files, 'Dockerfile')).toContain('COPY vendor ./vendor');
    } else {
      expect(manifest.dependencies['@rbk-lbs/kit']).toBe(KIT_VERSION);
      expect(paths(files).some((file) => file.startsWith('vendor/'))).toBe(false);
      expect(textOf(files, 'Dockerfile')).toContain('--mount=type=secret,id=npmrc');
    }
  });
});

describe('the files of a new repository', () => {
  const files = planScaffold(options({ runtime: 'lambda' }));

  it('has the pull-request template written from the rules', () => {
    expect(textOf(files, '.github/pull_request_template.md')).toBe(pullRequestTemplate());
  });

  it('names the owner in CODEOWNERS and the README', () => {
    const owned = planScaffold(options({ owner: '@rbk-lbs-data/data-platform' }));
    expect(textOf(owned, '.github/CODEOWNERS')).toMatch(/^\*\s+@rbk-lbs-data\/data-platform$/m);
    expect(textOf(owned, 'README.md')).toContain('Owned by @rbk-lbs-data/data-platform');
  });

  it('runs on Node.js 24: .nvmrc, engines, the Lambda runtime and the base image', () => {
    expect(textOf(files, '.nvmrc')).toBe('24\n');
    const manifest = JSON.parse(textOf(files, 'package.json')) as { type: string; engines: { node: string }; scripts: Record<string, string> };
    expect(manifest).toMatchObject({ type: 'module', engines: { node: '>=24' } });
    expect(manifest.scripts).toMatchObject({ test: 'npm run typecheck && vitest run', start: 'tsx src/cli.ts' });
    expect(Object.keys(manifest.scripts)).toEqual(expect.arrayContaining(['lint', 'typecheck', 'build']));
    expect(textOf(files, 'terraform/modules/pipeline-function/main.tf')).toMatch(/runtime\s+=\s+"nodejs24\.x"/);
    expect(textOf(files, 'Dockerfile')).toMatch(/^FROM node:24\.\d+\.\d+-[a-z]+-slim AS runtime$/m);
    expect(textOf(files, 'Dockerfile')).toMatch(/^USER 1000:1000$/m);
  });

  it('pins every action to a commit SHA, sets up Node.js from .nvmrc, and reaches AWS only through OIDC', () => {
    for (const workflow of ['.github/workflows/ci.yml', '.github/workflows/deploy.yml']) {
      const uses = [...textOf(files, workflow).matchAll(/uses:\s*(\S+)/g)].map((match) => match[1] ?? '');
      expect(uses.length, workflow).toBeGreaterThan(0);
      for (const action of uses) expect(action, workflow).toMatch(/^[\w.-]+\/[\w.-]+@[0-9a-f]{40}$/);
      expect(textOf(files, workflow), workflow).toContain('node-version-file: .nvmrc');
    }
    const ci = textOf(files, '.github/workflows/ci.yml');
    expect(ci).toMatch(/^ {2}pull_request:/m);
    expect(ci).toMatch(/run: npm run lint/);
    const deploy = textOf(files, '.github/workflows/deploy.yml');
    expect(deploy).toContain('id-token: write');
    expect(deploy).toContain('aws-actions/configure-aws-credentials@');
    expect(deploy).toContain('role-to-assume: ${{ vars.AWS_DEPLOY_ROLE_ARN }}');
    expect(deploy).not.toMatch(/AWS_ACCESS_KEY_ID|AWS_SECRET_ACCESS_KEY|aws-access-key-id/);
  });

  it('has a bucket with encryption, a public access block and versioning, and opens no port', () => {
    const terraform = files.filter((file) => file.path.endsWith('.tf')).map((file) => file.contents as string).join('\n');
    for (const resource of ['aws_s3_bucket_server_side_encryption_configuration', 'aws_s3_bucket_public_access_block', 'aws_s3_bucket_versioning']) {
      expect(terraform).toContain(`resource "${resource}"`);
    }
    expect(terraform).not.toMatch(/aws_security_group|ingress|FullAccess/);
  });

  it('has a data-flow diagram and a data-protection note with headings to fill in', () => {
    expect(textOf(files, 'docs/data-flow.md')).toMatch(/```mermaid\nflowchart LR/);
    const note = textOf(files, 'docs/data-protection.md');
    for (const heading of ['## What personal data', '## Lawful basis', '## Retention', '## DPIA screening']) expect(note).toContain(heading);
  });

  it('keeps secrets and tool output out of git', () => {
    const gitignore = textOf(files, '.gitignore');
    for (const entry of ['.env', '*.pem', '.terraform/', '.venv/', 'node_modules/', 'dist/', '.lake/']) expect(gitignore.split('\n')).toContain(entry);
  });

  it('runs the CLI from the Airflow DAG, for the logical date', () => {
    const dag = textOf(planScaffold(options()), 'airflow/dags/demo_pipeline.py');
    expect(dag).toContain('dag_id="demo_pipeline"');
    expect(dag).toContain('dist/cli.mjs --date {{{{ ds }}}}');
    expect(dag).toContain('task_id="dbt_build"');
    expect(textOf(planScaffold(options({ dbt: false })), 'airflow/dags/demo_pipeline.py')).not.toContain('dbt_build');
  });

  it('refuses options that are not valid', () => {
    expect(() => planScaffold(options({ name: 'Demo_Pipeline' }))).toThrow(ScaffoldOptionError);
    expect(() => planScaffold(options({ owner: 'data-team' }))).toThrow(/not a GitHub team/);
  });
});

describe('names and owners', () => {
  it.each(['demo', 'pipeline-council-tax', 'lginform2', 'a-b-c'])('accepts %s', (name) => {
    expect(nameProblem(name)).toBeUndefined();
  });

  it.each([
    ['Demo', /kebab-case/],
    ['demo_pipeline', /kebab-case/],
    ['-demo', /kebab-case/],
    ['demo--pipeline', /kebab-case/],
    ['2-demo', /kebab-case/],
    ['demo-', /kebab-case/],
    ['a'.repeat(41), /longer than 40/],
  ])('refuses %s', (name, message) => {
    expect(nameProblem(name)).toMatch(message);
  });

  it('accepts a team or a user as owner', () => {
    expect(ownerProblem('@rbk-lbs-data/data-engineering')).toBeUndefined();
    expect(ownerProblem('@jane-doe')).toBeUndefined();
    expect(ownerProblem('rbk-lbs-data/data-engineering')).toMatch(/@org\/team/);
    expect(ownerProblem('@team with space')).toBeDefined();
  });
});

describe('the templates', () => {
  const layers = ['base', 'ec2-airflow', 'lambda', 'dbt'];

  it('keep @@if lines out of files that tools parse as they stand', () => {
    for (const layer of layers) {
      for (const template of readLayer(layer)) {
        if (mustNotHaveMarkers(template.source)) expect(hasMarkers(template.text), `${layer}/${template.source}`).toBe(false);
      }
    }
  });

  it('render @@if blocks, nested and negated, and refuse unknown placeholders and unbalanced blocks', () => {
    const text = 'a\n@@if dbt\nb\n@@if lambda\nc\n@@end\n@@end\n@@if !dbt\nd\n@@end\n__NAME__';
    expect(render(text, { NAME: 'x' }, new Set(['dbt']), 't')).toBe('a\nb\nx');
    expect(render(text, { NAME: 'x' }, new Set(['dbt', 'lambda']), 't')).toBe('a\nb\nc\nx');
    expect(render(text, { NAME: 'x' }, new Set(), 't')).toBe('a\nd\nx');
    expect(() => render('__NAMEX__', { NAME: 'x' }, new Set(), 't')).toThrow(TemplateError);
    expect(() => render('@@if dbt\na', {}, new Set(), 't')).toThrow(/t:1: @@if without @@end/);
    expect(() => render('a\n@@end', {}, new Set(), 't')).toThrow(/t:2: @@end without @@if/);
  });
});

describe('versions the new repository uses', () => {
  const root = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> };
  const kit = JSON.parse(readFileSync(path.join(REPO_ROOT, 'examples/kit/package.json'), 'utf8')) as { version: string; dependencies: Record<string, string> };

  it('are the monorepo\'s where both use a package, and the kit\'s own version', () => {
    for (const [name, version] of Object.entries(DEV_DEPENDENCIES)) {
      if (name !== '@types/node' && root.devDependencies[name] !== undefined) expect(version, name).toBe(root.devDependencies[name]);
    }
    expect(DEPENDENCIES.zod).toBe(kit.dependencies.zod);
    expect(KIT_VERSION).toBe(kit.version);
  });
});

describe('scaffold-tree.txt', () => {
  it('is the tree of the default repository (regenerate it with npx tsx tools/standards/scripts/write-scaffold-tree.ts)', () => {
    expect(readFileSync(path.join(PACKAGE_DIR, 'scaffold-tree.txt'), 'utf8')).toBe(scaffoldTree(DEFAULT_TREE_OPTIONS));
  });

  it('lists each file under its folder, with notes beside the parts a newcomer looks for', () => {
    const tree = scaffoldTree(DEFAULT_TREE_OPTIONS);
    expect(tree.split('\n')[0]).toBe('pipeline-example/');
    expect(tree).toMatch(/^├── README\.md +what, why, how to run, how to test, who owns it$/m);
    expect(tree).toMatch(/^│ {3}└── workflows\/ +CI on pull requests/m);
    expect(tree).toMatch(/^│ {3}└── dags\/ +the DAG that runs the CLI each day\n│ {7}└── pipeline_example\.py$/m);
  });
});
