/**
 * The `de-standards` command line, with two commands:
 *
 * - `check [path] [--format table|json|sarif]` runs the check and prints the
 *   report. Exit codes: 0 every checked rule passed, 1 a rule failed, 2 a
 *   usage error. The top-level --help lists every rule, so the help is the
 *   reference.
 * - `new <folder>` creates a pipeline repository in the standard layout
 *   (scaffold/command.ts, which has its own --help and exit codes).
 */
import { existsSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { checkFolder, hasFailures, notRunResults } from './check.ts';
import { ConfigError } from './repo.ts';
import { formatJson, formatTable } from './report.ts';
import { isChecked, RULES } from './rules.ts';
import { formatSarif } from './sarif.ts';
import { type NewCommandIo, newHelpText, runNew } from './scaffold/command.ts';
import { pageUrl } from './site.ts';

export type Output = { out: (text: string) => void; err: (text: string) => void };

/** What `new` needs beyond the output: whether it may ask questions. */
export type Environment = Omit<NewCommandIo, 'out' | 'err'>;

const COMMANDS = ['check', 'new'] as const;

const FORMATS = ['table', 'json', 'sarif'] as const;
type Format = (typeof FORMATS)[number];

export const EXIT_CODES: [number, string][] = [
  [0, 'no checked rule failed (a rule whose tool could not run is reported as NOT RUN; see --require-tools)'],
  [1, 'a MUST or SHOULD rule failed (the report names the file and line), or, with --require-tools, a rule could not run'],
  [2, 'usage error: an unknown command or option, a bad --format, a path that is not a folder, or a malformed .de-standards.json'],
];

/** The top-level help: both commands in full, check's with every rule. */
export function helpText(): string {
  return [
    'Usage: de-standards <command> [options]',
    '',
    'Commands:',
    '  check [path]   check a repository against the standards',
    '  new <folder>   create a pipeline repository in the standard layout',
    '',
    checkHelpText(),
    newHelpText(),
  ].join('\n');
}

export function checkHelpText(): string {
  const rules = RULES.map(
    (rule) => `  ${rule.id}  ${rule.level.padEnd(6)} ${isChecked(rule) ? '        ' : 'reviewer'}  ${rule.title}\n${' '.repeat(28)}${rule.why} ${pageUrl(rule.page)}`,
  );
  return [
    'Usage: de-standards check [path] [--format table|json|sarif] [--sarif <file>] [--require-tools]',
    '',
    "Check a repository against the RBK and LBS data-engineering standards. Each failure names the file and line, why the rule matters, and the site page that states it.",
    '',
    'Arguments:',
    '  path               the repository to check (default: the current folder)',
    '',
    'Options:',
    '  --format <format>  table (default, for a terminal), json, or sarif (SARIF 2.1.0, for GitHub code scanning)',
    '  --sarif <file>     also write the SARIF report to a file, from the same run (CI: a table in the log, SARIF for code scanning)',
    '  --require-tools    fail (exit 1) when a rule could not run because its tool is missing; use it in CI',
    '  -h, --help         show this help',
    '',
    'Environment variables (the tools some rules run; each is looked for on the PATH when unset):',
    '  CHECKOV            path of checkov, for the Terraform rule',
    '  ACTIONLINT         path of actionlint, for the workflow rule',
    '  SHELLCHECK         path of shellcheck, which actionlint runs over run: scripts',
    '',
    'Configuration: a .de-standards.json at the checked root may hold {"exclude": ["relative/path", ...]}',
    'to leave folders out (e.g. test fixtures that break rules on purpose), and "root": true to check',
    'the folder as a repository of its own even when it sits inside another Git repository.',
    '',
    'Rules ("reviewer": only a reviewer can judge it; the report lists it as REVIEW):',
    ...rules,
    '',
    'Exit codes:',
    ...EXIT_CODES.map(([code, meaning]) => `  ${code}  ${meaning}`),
    '',
  ].join('\n');
}

class UsageError extends Error {}

/**
 * The command: the first argument that is not an option or an option's
 * value. Options that take a value are named, so `--format json check`
 * finds check, not json.
 */
function commandOf(argv: string[]): { name: string | undefined; index: number } {
  const { tokens } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: false,
    tokens: true,
    options: { format: { type: 'string' }, sarif: { type: 'string' }, name: { type: 'string' }, owner: { type: 'string' }, runtime: { type: 'string' }, kit: { type: 'string' } },
  });
  const first = tokens.find((token) => token.kind === 'positional');
  return first?.kind === 'positional' ? { name: first.value, index: first.index } : { name: undefined, index: -1 };
}

type CheckRequest = { help: 'top' | 'check' } | { help: false; folder: string; format: Format; sarifFile: string | undefined; requireTools: boolean };

function parse(argv: string[]): CheckRequest {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: { format: { type: 'string' }, sarif: { type: 'string' }, 'require-tools': { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } });
  } catch (error) {
    // node:util reports an unknown or malformed option as a TypeError with a clear message.
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const [command, folder = '.', ...extra] = parsed.positionals;
  if (parsed.values.help) return { help: command === 'check' ? 'check' : 'top' };
  if (command !== 'check') {
    throw new UsageError(command === undefined ? `name a command: ${COMMANDS.join(' or ')}.` : `unknown command "${command}"; the commands are ${COMMANDS.join(' and ')}.`);
  }
  if (extra.length > 0) throw new UsageError(`check takes one path; also given: ${extra.join(' ')}.`);
  const format = parsed.values.format ?? 'table';
  if (!(FORMATS as readonly string[]).includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}; got "${format}".`);
  if (!existsSync(folder) || !statSync(folder).isDirectory()) throw new UsageError(`${folder} is not a folder.`);
  const sarifFile = parsed.values.sarif;
  if (sarifFile !== undefined && (sarifFile === '' || !existsSync(path.dirname(path.resolve(sarifFile))))) throw new UsageError(`--sarif needs a file in an existing folder; got "${sarifFile}".`);
  return { help: false, folder, format: format as Format, sarifFile, requireTools: parsed.values['require-tools'] === true };
}

/** Runs the command line and returns the exit code. */
export async function main(argv: string[], output: Output, environment: Environment = { interactive: false }): Promise<number> {
  const command = commandOf(argv);
  if (command.name === 'new') return runNew([...argv.slice(0, command.index), ...argv.slice(command.index + 1)], { ...output, ...environment });
  let request;
  try {
    request = parse(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    output.err(`de-standards: ${error.message} See de-standards --help.\n`);
    return 2;
  }
  if (request.help) {
    output.out(request.help === 'check' ? checkHelpText() : helpText());
    return 0;
  }
  let results;
  try {
    results = checkFolder(path.resolve(request.folder));
  } catch (error) {
    // A malformed .de-standards.json is the caller's to fix, like a bad option: not a failed rule.
    if (!(error instanceof ConfigError)) throw error;
    output.err(`de-standards: ${error.message}\n`);
    return 2;
  }
  const formatted =
    request.format === 'json' ? formatJson(results, request.folder) : request.format === 'sarif' ? formatSarif(results) : formatTable(results, request.folder);
  output.out(formatted);
  if (request.sarifFile !== undefined) writeFileSync(request.sarifFile, formatSarif(results));
  const notRun = notRunResults(results);
  if (request.requireTools && notRun.length > 0) {
    output.err(`de-standards: --require-tools: ${notRun.map((result) => result.rule.id).join(', ')} could not run; install the tools the report names.\n`);
    return 1;
  }
  return hasFailures(results) ? 1 : 0;
}
