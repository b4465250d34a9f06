/**
 * `de-standards new` on disk: where it writes and where it refuses, --force,
 * questions on a terminal and none elsewhere, and its exit codes. Most cases
 * run the command in-process; the ones about stdin run the real CLI.
 */
import { spawnSync } from 'node:child_process';
import { type Dirent, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../src/command-line.ts';
import { KIT_VERSION } from '../src/scaffold/options.ts';
import { type Prompter } from '../src/scaffold/prompt.ts';
import { REPO_ROOT } from './paths.ts';

const folders: string[] = [];
afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

function tempFolder(): string {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'de-standards-new-'));
  folders.push(folder);
  return folder;
}

/** Every file under a folder, as sorted relative paths. */
function filesIn(folder: string): string[] {
  return (readdirSync(folder, { recursive: true, withFileTypes: true }) as Dirent[])
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(folder, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .sort();
}

type Run = { code: number; stdout: string; stderr: string; asked: Parameters<Prompter>[] };

/** The command in-process; the kit comes from the registry unless --kit says otherwise, so nothing is packed. */
async function run(args: string[], options: { interactive?: boolean; answers?: Partial<Awaited<ReturnType<Prompter>>>; cancel?: boolean } = {}): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const asked: Parameters<Prompter>[] = [];
  const prompter: Prompter = (given, suggested) => {
    asked.push([given, suggested]);
    if (options.cancel) return Promise.reject(Object.assign(new Error('User force closed the prompt'), { name: 'ExitPromptError' }));
    return Promise.resolve({ name: 'asked-name', owner: '@asked/team', runtime: 'lambda', dbt: false, ...options.answers, ...given });
  };
  const withKit = args.some((arg) => arg.startsWith('--kit')) ? args : [...args, '--kit', 'registry'];
  const code = await main(['new', ...withKit], { out: (text) => (stdout += text), err: (text) => (stderr += text) }, { interactive: options.interactive ?? false, prompter });
  return { code, stdout, stderr, asked };
}

describe('de-standards new', () => {
  it('writes a repository into a new folder and says what to do next', async () => {
    const folder = path.join(tempFolder(), 'council-tax');
    const { code, stdout, stderr } = await run([folder, '--runtime', 'lambda', '--no-dbt', '--owner', '@rbk-lbs-data/data-platform']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const files = filesIn(folder);
    expect(files).toEqual(expect.arrayContaining(['README.md', 'lambda/handler.ts', 'terraform/modules/pipeline-function/main.tf', '.github/pull_request_template.md']));
    expect(files.some((file) => file.startsWith('airflow/') || file.startsWith('dbt/'))).toBe(false);
    expect(JSON.parse(readFileSync(path.join(folder, 'package.json'), 'utf8'))).toMatchObject({ name: 'council-tax', dependencies: { '@rbk-lbs/kit': KIT_VERSION } });
    expect(readFileSync(path.join(folder, '.github/CODEOWNERS'), 'utf8')).toMatch(/^\*\s+@rbk-lbs-data\/data-platform$/m);
    expect(stdout).toContain(`Created council-tax in ${folder}: ${files.length} files (lambda, without dbt, owner @rbk-lbs-data/data-platform`);
    expect(stdout).toMatch(/npm install\n {2}npm test/);
  });

  it('writes the Airflow DAG and the dbt project for ec2-airflow', async () => {
    const folder = path.join(tempFolder(), 'repo');
    expect((await run([folder, '--name', 'council-tax', '--runtime', 'ec2-airflow', '--with-dbt'])).code).toBe(0);
    const files = filesIn(folder);
    expect(files).toEqual(expect.arrayContaining(['airflow/dags/council_tax.py', 'dbt/dbt_project.yml', 'terraform/modules/airflow-access/main.tf']));
    expect(files.some((file) => file.startsWith('lambda/'))).toBe(false);
  });

  it('refuses a folder that is not empty, with exit code 2, and writes nothing', async () => {
    const folder = tempFolder();
    writeFileSync(path.join(folder, 'notes.txt'), 'mine');
    const { code, stderr, stdout } = await run([folder, '--name', 'demo']);
    expect(code).toBe(2);
    expect(stderr).toContain(`${folder} is not empty (it holds notes.txt). Choose a new or empty folder, or pass --force`);
    expect(stdout).toBe('');
    expect(filesIn(folder)).toEqual(['notes.txt']);
  });

  it('takes a folder that holds only .git as empty, as after cloning a new repository', async () => {
    const folder = tempFolder();
    mkdirSync(path.join(folder, '.git'));
    writeFileSync(path.join(folder, '.git', 'HEAD'), 'ref: refs/heads/main\n');
    expect((await run([folder, '--name', 'demo'])).code).toBe(0);
    expect(readFileSync(path.join(folder, '.git', 'HEAD'), 'utf8')).toBe('ref: refs/heads/main\n');
  });

  it('with --force, writes only the missing files and lists those it skipped, never overwriting', async () => {
    const folder = tempFolder();
    writeFileSync(path.join(folder, 'README.md'), '# My own README\n');
    mkdirSync(path.join(folder, 'src'));
    writeFileSync(path.join(folder, 'src', 'cli.ts'), '// mine\n');
    const { code, stdout } = await run([folder, '--name', 'demo', '--force']);
    expect(code).toBe(0);
    expect(stdout).toContain('Skipped 2 files that already exist (never overwritten): README.md, src/cli.ts.');
    expect(readFileSync(path.join(folder, 'README.md'), 'utf8')).toBe('# My own README\n');
    expect(readFileSync(path.join(folder, 'src', 'cli.ts'), 'utf8')).toBe('// mine\n');
    expect(existsSync(path.join(folder, 'src', 'pipeline.ts'))).toBe(true);
  });

  it('refuses a path that is a file', async () => {
    const file = path.join(tempFolder(), 'a-file');
    writeFileSync(file, '');
    const { code, stderr } = await run([file, '--name', 'demo']);
    expect(code).toBe(2);
    expect(stderr).toContain('is a file, not a folder');
  });

  it('lists the files with --dry-run and writes nothing', async () => {
    const folder = path.join(tempFolder(), 'demo');
    const { code, stdout } = await run([folder, '--dry-run', '--runtime', 'lambda']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^de-standards new would write \d+ files to /);
    expect(stdout).toContain('└── handler.ts');
    expect(existsSync(folder)).toBe(false);
  });

  it.each([
    ['a name that is not kebab-case', ['--name', 'Council_Tax'], /--name: "Council_Tax" is not kebab-case: use lower-case letters, digits and single hyphens/],
    ['an owner that is not a team', ['--name', 'demo', '--owner', 'data-team'], /--owner: "data-team" is not a GitHub team or user/],
    ['an unknown runtime', ['--name', 'demo', '--runtime', 'ecs'], /--runtime must be ec2-airflow or lambda; got "ecs"/],
    ['both --with-dbt and --no-dbt', ['--name', 'demo', '--with-dbt', '--no-dbt'], /give --with-dbt or --no-dbt, not both/],
    ['an unknown option', ['--name', 'demo', '--runtim', 'lambda'], /Unknown option '--runtim'/],
    ['a --kit that does not exist', ['--name', 'demo', '--kit', '/no/such/kit'], /--kit \/no\/such\/kit: no such file or folder/],
  ])('exits 2 and writes nothing on %s', async (_case, args, message) => {
    const folder = path.join(tempFolder(), 'target');
    const { code, stderr } = await run([folder, ...args]);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(stderr).toMatch(/See de-standards new --help\.\n$/);
    expect(existsSync(folder)).toBe(false);
  });

  it('exits 2 when no folder is given', async () => {
    const { code, stderr } = await run([]);
    expect(code).toBe(2);
    expect(stderr).toContain('new needs a folder: de-standards new <folder>.');
  });

  it('refuses a --kit folder that is not the kit', async () => {
    const notKit = tempFolder();
    writeFileSync(path.join(notKit, 'package.json'), '{"name": "something-else"}');
    const { code, stderr } = await run([path.join(tempFolder(), 'demo'), '--kit', notKit]);
    expect(code).toBe(2);
    expect(stderr).toContain('holds something-else, not @rbk-lbs/kit');
  });

  it('copies a kit tarball given with --kit into vendor/', async () => {
    const tarball = path.join(tempFolder(), 'rbk-lbs-kit-9.9.9.tgz');
    writeFileSync(tarball, 'not really gzip, but copied as it is');
    const folder = path.join(tempFolder(), 'demo');
    expect((await run([folder, '--kit', tarball])).code).toBe(0);
    expect(readFileSync(path.join(folder, 'vendor/rbk-lbs-kit-9.9.9.tgz'), 'utf8')).toBe('not really gzip, but copied as it is');
    expect(JSON.parse(readFileSync(path.join(folder, 'package.json'), 'utf8'))).toMatchObject({ dependencies: { '@rbk-lbs/kit': 'file:vendor/rbk-lbs-kit-9.9.9.tgz' } });
  });
});

describe('questions', () => {
  it('on a terminal, asks for each choice not given, suggesting the folder\'s name', async () => {
    const folder = path.join(tempFolder(), 'council-tax');
    const { code, asked } = await run([folder, '--runtime', 'lambda'], { interactive: true, answers: { name: 'council-tax', dbt: true } });
    expect(code).toBe(0);
    expect(asked).toEqual([[{ runtime: 'lambda' }, 'council-tax']]);
    expect(existsSync(path.join(folder, 'dbt/dbt_project.yml'))).toBe(true);
  });

  it('asks nothing with --yes, or when it is not on a terminal', async () => {
    for (const [args, interactive] of [[['--yes'], true], [[], false]] as const) {
      const folder = path.join(tempFolder(), 'council-tax');
      const { code, asked, stdout } = await run([folder, ...args], { interactive });
      expect(code).toBe(0);
      expect(asked).toEqual([]);
      expect(stdout).toContain('(ec2-airflow, with dbt, owner @rbk-lbs-data/data-engineering');
    }
  });

  it('refuses a full folder before asking anything', async () => {
    const folder = tempFolder();
    writeFileSync(path.join(folder, 'notes.txt'), 'mine');
    const { code, asked } = await run([folder], { interactive: true });
    expect(code).toBe(2);
    expect(asked).toEqual([]);
  });

  it('exits 130 and writes nothing when a question is cancelled', async () => {
    const folder = path.join(tempFolder(), 'demo');
    const { code, stderr } = await run([folder], { interactive: true, cancel: true });
    expect(code).toBe(130);
    expect(stderr).toContain('cancelled; nothing was written');
    expect(existsSync(folder)).toBe(false);
  });
});

describe('the real CLI with stdin that is not a terminal', () => {
  function cli(args: string[]) {
    const result = spawnSync(path.join(REPO_ROOT, 'node_modules/.bin/tsx'), ['tools/standards/src/cli.ts', 'new', ...args], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      input: '',
      // A command that asked a question would wait for an answer: fail instead of hanging.
      timeout: 20_000,
    });
    return { code: result.status, signal: result.signal, stdout: result.stdout, stderr: result.stderr };
  }

  it('asks nothing and uses the defaults, with the kit of this checkout packed into vendor/', () => {
    const folder = path.join(tempFolder(), 'council-tax');
    const { code, signal, stdout, stderr } = cli([folder]);
    expect(signal).toBeNull();
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(/\(ec2-airflow, with dbt, owner @rbk-lbs-data\/data-engineering, the kit packed in vendor\/rbk-lbs-kit-[\d.]+\.tgz\)/);
    const vendored = readdirSync(path.join(folder, 'vendor'));
    expect(vendored).toEqual([expect.stringMatching(/^rbk-lbs-kit-[\d.]+\.tgz$/)]);
  });

  it('exits 2 when the folder\'s name is not a pipeline name and --name is not given', () => {
    const folder = path.join(tempFolder(), 'My_Pipeline');
    const { code, signal, stderr } = cli([folder]);
    expect(signal).toBeNull();
    expect(code).toBe(2);
    expect(stderr).toContain('give --name: the folder\'s name "My_Pipeline" is not a valid pipeline name');
    expect(existsSync(folder)).toBe(false);
  });
});
