/**
 * `de-standards check [path] [--format table|json|sarif]`: parses the
 * command line, runs the check and prints the report. Its --help lists every
 * rule, so the help is the reference. Exit codes: 0 every checked rule
 * passed, 1 a rule failed, 2 a usage error.
 */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { checkFolder, hasFailures } from './check.ts';
import { formatJson, formatTable } from './report.ts';
import { isChecked, RULES } from './rules.ts';
import { formatSarif } from './sarif.ts';
import { pageUrl } from './site.ts';

export type Output = { out: (text: string) => void; err: (text: string) => void };

const FORMATS = ['table', 'json', 'sarif'] as const;
type Format = (typeof FORMATS)[number];

export const EXIT_CODES: [number, string][] = [
  [0, 'every rule a machine can check passed'],
  [1, 'a MUST or SHOULD rule failed (the report names the file and line)'],
  [2, 'usage error: an unknown command or option, a bad --format, or a path that is not a folder'],
];

export function helpText(): string {
  const rules = RULES.map(
    (rule) => `  ${rule.id}  ${rule.level.padEnd(6)} ${isChecked(rule) ? '        ' : 'reviewer'}  ${rule.title}\n${' '.repeat(28)}${rule.why} ${pageUrl(rule.page)}`,
  );
  return [
    'Usage: de-standards check [path] [--format table|json|sarif]',
    '',
    "Check a repository against the RBK and LBS data-engineering standards. Each failure names the file and line, why the rule matters, and the site page that states it.",
    '',
    'Arguments:',
    '  path               the repository to check (default: the current folder)',
    '',
    'Options:',
    '  --format <format>  table (default, for a terminal), json, or sarif (SARIF 2.1.0, for GitHub code scanning)',
    '  -h, --help         show this help',
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

function parse(argv: string[]): { help: true } | { help: false; folder: string; format: Format } {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: { format: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
  } catch (error) {
    // node:util reports an unknown or malformed option as a TypeError with a clear message.
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  if (parsed.values.help) return { help: true };
  const [command, folder = '.', ...extra] = parsed.positionals;
  if (command !== 'check') throw new UsageError(command === undefined ? 'name a command: check.' : `unknown command "${command}"; the only command is check.`);
  if (extra.length > 0) throw new UsageError(`check takes one path; also given: ${extra.join(' ')}.`);
  const format = parsed.values.format ?? 'table';
  if (!(FORMATS as readonly string[]).includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}; got "${format}".`);
  if (!existsSync(folder) || !statSync(folder).isDirectory()) throw new UsageError(`${folder} is not a folder.`);
  return { help: false, folder, format: format as Format };
}

/** Runs the command line and returns the exit code. */
export function main(argv: string[], output: Output): number {
  let request;
  try {
    request = parse(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    output.err(`de-standards: ${error.message} See de-standards --help.\n`);
    return 2;
  }
  if (request.help) {
    output.out(helpText());
    return 0;
  }
  const results = checkFolder(path.resolve(request.folder));
  const formatted =
    request.format === 'json' ? formatJson(results, request.folder) : request.format === 'sarif' ? formatSarif(results) : formatTable(results, request.folder);
  output.out(formatted);
  return hasFailures(results) ? 1 : 0;
}
