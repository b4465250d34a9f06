/**
 * `de-standards new <folder>`: creates a pipeline repository in the
 * standard layout. It asks for any choice not given when it runs on a
 * terminal, never otherwise, and never overwrites a file.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_OWNER, DEFAULT_RUNTIME, defaultDbt, isRuntime, type KitSource, MAX_NAME_LENGTH, nameProblem, ownerProblem, RUNTIMES, type ScaffoldOptions } from './options.ts';
import { planScaffold } from './plan.ts';
import { askWithInquirer, type Choices, type Given, type Prompter } from './prompt.ts';
import { KitSourceError, resolveKit } from './kit.ts';
import { treeOfPaths } from './tree.ts';
import { checkTarget, ScaffoldWriteError, TargetFolderError, writeScaffold } from './write.ts';

export type NewCommandIo = {
  out: (text: string) => void;
  err: (text: string) => void;
  /** True when stdin and stdout are a terminal: only then may the command ask. */
  interactive: boolean;
  prompter?: Prompter;
  /** Finds the kit; a test may replace it. */
  kit?: (spec: string | undefined) => KitSource;
};

export const NEW_EXIT_CODES: [number, string][] = [
  [0, 'the repository was written (with --force, every missing file), or listed with --dry-run'],
  [1, 'writing failed part way (a disk error) or the kit could not be packed; the message lists what was written'],
  [2, 'usage error: an unknown or missing option or folder, an invalid name, owner or runtime, --kit that is not a kit, or a folder that is not empty (without --force)'],
  [130, 'cancelled at a question (Ctrl-C); nothing was written'],
];

export function newHelpText(): string {
  return [
    'Usage: de-standards new <folder> [options]',
    '',
    'Create a pipeline repository in the standard layout: README, .gitignore, CODEOWNERS, the pull-request template, CI and deploy workflows (OIDC, actions pinned by SHA), .editorconfig, .nvmrc, package.json, tsconfig.json, a TypeScript pipeline on @rbk-lbs/kit with its Vitest tests, Terraform, a Dockerfile and docs/. `npm install && npm test` passes in it straight away, and so does `de-standards check`.',
    '',
    'Arguments:',
    '  folder                the folder to create; it must be new or empty (a folder holding only .git counts as empty)',
    '',
    'Options:',
    `  --name <name>         the pipeline's name, kebab-case, at most ${MAX_NAME_LENGTH} characters (e.g. pipeline-council-tax);`,
    "                        default: the folder's name, if it is one",
    `  --runtime <runtime>   ${RUNTIMES.join(' or ')} (default: ${DEFAULT_RUNTIME}). ec2-airflow adds an Airflow DAG that runs`,
    "                        the pipeline's CLI on the team's host; lambda adds a Lambda handler and its Terraform (nodejs24.x)",
    '  --with-dbt, --no-dbt  add a dbt project in dbt/, or not (default: with dbt for ec2-airflow, without for lambda)',
    `  --owner <@org/team>   who owns it, for CODEOWNERS (default: ${DEFAULT_OWNER})`,
    '  --kit <source>        where the @rbk-lbs/kit dependency comes from: "registry" (the team\'s GitHub Packages registry),',
    '                        or a kit folder or a .tgz from npm pack, copied into vendor/ (offline use and tests).',
    "                        Default: this checkout's examples/kit, packed into vendor/, as the kit is not published yet;",
    '                        "registry" when the tool runs outside the standards repository',
    '  --force               write into a folder that is not empty: only missing files are written. Existing files are',
    '                        never overwritten; they are skipped and listed',
    '  --dry-run             list the files it would write, and write nothing',
    '  -y, --yes             ask nothing: use the defaults for every choice not given',
    '  -h, --help            show this help',
    '',
    'Questions: on a terminal, it asks for each choice not given (name, runtime, dbt, owner). When stdin or stdout is',
    'not a terminal (CI, a pipe, < /dev/null), or with --yes, it never asks and uses the defaults above; if --name is',
    "not given and the folder's name is not a valid pipeline name, it stops with exit code 2.",
    '',
    'Exit codes:',
    ...NEW_EXIT_CODES.map(([code, meaning]) => `  ${String(code).padEnd(3)}  ${meaning}`),
    '',
  ].join('\n');
}

class UsageError extends Error {}

type Request = { help: true } | { help: false; folder: string; given: Given; kit: string | undefined; force: boolean; dryRun: boolean; yes: boolean };

function parse(argv: string[]): Request {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        name: { type: 'string' },
        owner: { type: 'string' },
        runtime: { type: 'string' },
        'with-dbt': { type: 'boolean' },
        'no-dbt': { type: 'boolean' },
        kit: { type: 'string' },
        force: { type: 'boolean' },
        'dry-run': { type: 'boolean' },
        yes: { type: 'boolean', short: 'y' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  if (values.help) return { help: true };
  const [folder, ...extra] = positionals;
  if (folder === undefined) throw new UsageError('new needs a folder: de-standards new <folder>.');
  if (extra.length > 0) throw new UsageError(`new takes one folder; also given: ${extra.join(' ')}.`);
  if (values['with-dbt'] && values['no-dbt']) throw new UsageError('give --with-dbt or --no-dbt, not both.');

  const given: Given = {};
  if (values.name !== undefined) {
    const problem = nameProblem(values.name);
    if (problem) throw new UsageError(`--name: ${problem}`);
    given.name = values.name;
  }
  if (values.owner !== undefined) {
    const problem = ownerProblem(values.owner);
    if (problem) throw new UsageError(`--owner: ${problem}`);
    given.owner = values.owner;
  }
  if (values.runtime !== undefined) {
    if (!isRuntime(values.runtime)) throw new UsageError(`--runtime must be ${RUNTIMES.join(' or ')}; got "${values.runtime}".`);
    given.runtime = values.runtime;
  }
  if (values['with-dbt']) given.dbt = true;
  if (values['no-dbt']) given.dbt = false;
  return { help: false, folder, given, kit: values.kit, force: values.force ?? false, dryRun: values['dry-run'] ?? false, yes: values.yes ?? false };
}

/** The folder's own name, when it would make a valid pipeline name. */
function nameFromFolder(folder: string): string | undefined {
  const base = path.basename(path.resolve(folder));
  return nameProblem(base) === undefined ? base : undefined;
}

/** Every choice, from the options and the defaults, without asking. */
function withDefaults(given: Given, folder: string): Choices {
  const name = given.name ?? nameFromFolder(folder);
  if (name === undefined) {
    throw new UsageError(`give --name: the folder's name "${path.basename(path.resolve(folder))}" is not a valid pipeline name (kebab-case, e.g. pipeline-council-tax), and no question is asked here.`);
  }
  const runtime = given.runtime ?? DEFAULT_RUNTIME;
  return { name, runtime, dbt: given.dbt ?? defaultDbt(runtime), owner: given.owner ?? DEFAULT_OWNER };
}

function isPromptCancel(error: unknown): boolean {
  return error instanceof Error && (error.name === 'ExitPromptError' || error.name === 'AbortPromptError');
}

function summarise(options: ScaffoldOptions): string {
  const kit = options.kit.kind === 'vendored' ? `the kit packed in vendor/${options.kit.fileName}` : `the kit ${options.kit.version} from GitHub Packages`;
  return `${options.runtime}, ${options.dbt ? 'with' : 'without'} dbt, owner ${options.owner}, ${kit}`;
}

/** The folder as the user would type it from here: relative below the current folder, absolute elsewhere. */
function shownFolder(folder: string): string {
  const relative = path.relative(process.cwd(), folder);
  return relative === '' ? '.' : relative.startsWith('..') || path.isAbsolute(relative) ? folder : relative;
}

/** Runs `de-standards new` and returns the exit code. */
export async function runNew(argv: string[], io: NewCommandIo): Promise<number> {
  const usage = (message: string): number => {
    io.err(`de-standards new: ${message} See de-standards new --help.\n`);
    return 2;
  };
  let request: Request;
  try {
    request = parse(argv);
  } catch (error) {
    if (error instanceof UsageError) return usage(error.message);
    throw error;
  }
  if (request.help) {
    io.out(newHelpText());
    return 0;
  }

  let choices: Choices;
  let kit: KitSource;
  try {
    // Refuse a full folder before asking anything, not after.
    if (!request.dryRun) checkTarget(request.folder, request.force);
    const ask = io.interactive && !request.yes;
    choices = ask ? await (io.prompter ?? askWithInquirer)(request.given, nameFromFolder(request.folder)) : withDefaults(request.given, request.folder);
    kit = (io.kit ?? resolveKit)(request.kit);
  } catch (error) {
    if (error instanceof UsageError || error instanceof TargetFolderError || error instanceof KitSourceError) return usage(error.message);
    if (isPromptCancel(error)) {
      io.err('de-standards new: cancelled; nothing was written.\n');
      return 130;
    }
    io.err(`de-standards new: ${error instanceof Error ? error.message : String(error)}\nNothing was written.\n`);
    return 1;
  }

  const options: ScaffoldOptions = { ...choices, kit };
  const files = planScaffold(options);
  if (request.dryRun) {
    io.out(`de-standards new would write ${files.length} files to ${request.folder} (${summarise(options)}):\n\n`);
    io.out(treeOfPaths(options.name, files.map((file) => file.path)));
    return 0;
  }

  let result;
  try {
    result = writeScaffold(request.folder, files, { force: request.force });
  } catch (error) {
    if (error instanceof TargetFolderError) return usage(error.message);
    if (!(error instanceof ScaffoldWriteError)) throw error;
    io.err(`de-standards new: ${error.message}\nWritten before it failed (${error.result.written.length}): ${error.result.written.join(', ') || 'nothing'}.\n`);
    return 1;
  }

  const folder = path.resolve(request.folder);
  const lines = [`Created ${options.name} in ${folder}: ${result.written.length} files (${summarise(options)}).`];
  if (result.skipped.length > 0) {
    lines.push(`Skipped ${result.skipped.length} files that already exist (never overwritten): ${result.skipped.join(', ')}.`);
  }
  lines.push(
    '',
    'Next:',
    `  cd ${shownFolder(folder)}`,
    '  npm install',
    '  npm test',
    '',
    'Then fill in each TODO in README.md and docs/, and commit everything, package-lock.json included.',
    '',
  );
  io.out(lines.join('\n'));
  return 0;
}
