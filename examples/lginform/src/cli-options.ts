/**
 * The command line: three commands, one set of options, and a --help that
 * explains every option, every environment variable and every exit code,
 * so the help is the reference and the README can point at it.
 */
import { Command, CommanderError } from 'commander';
import { VARIABLES } from './config.ts';
import { EXIT_CODE_HELP, UsageError } from './exit-codes.ts';
import { type Command as PipelineCommand, COMMANDS } from './pipeline.ts';

export type CliOptions = { date?: string; from?: string; to?: string; dataset?: string[]; force?: boolean; skipDbt?: boolean };
export type ParsedCommandLine = { kind: 'run'; command: PipelineCommand; options: CliOptions } | { kind: 'exit'; code: 0 | 2 };

const COMMAND_HELP: Record<PipelineCommand, string> = {
  extract: 'fetch every configured dataset from the API and land each response in the raw zone (or in quarantine, with its reason), with a manifest per dataset',
  load: "load each dataset's latest landing into raw.lginform_metric_values, replacing that date's rows in one transaction",
  run: 'extract, then load, for each date',
};

function environmentHelp(): string {
  const lines = VARIABLES.map((v) => `  ${v.name}\n      ${v.meaning}\n      Default: ${v.default}. Example: ${v.example}`);
  return `\nEnvironment variables (checked before anything runs; a bad one exits 2 naming it):\n${lines.join('\n')}\n`;
}

function exitCodeHelp(): string {
  return `\nExit codes:\n${EXIT_CODE_HELP.map(([code, meaning]) => `  ${String(code).padEnd(4)}${meaning}`).join('\n')}\n`;
}

const EXAMPLES = `
Examples:
  npm run example:lginform -- run --date 2024-03-31            zero infrastructure: embedded PostgreSQL, local fake API, folder lake
  npm run example:lginform -- run --from 2024-03-01 --to 2024-03-07 --dataset population
  LAKE_URL=s3://my-bucket/lake DATABASE_URL=postgres://... npm run example:lginform -- load --date 2024-03-31
`;

// #region cli-commands
export function buildProgram(write: { out: (text: string) => void; err: (text: string) => void }): { program: Command; chosen: () => PipelineCommand | undefined } {
  let chosen: PipelineCommand | undefined;
  const program = new Command('lginform')
    .usage('<command> [options]   (from the repository root: npm run example:lginform -- <command> [options])')
    .description('Pull council metrics for Kingston upon Thames, Sutton and their nearest neighbours from the LG Inform Plus API into the raw zone of the data lake, and load them into PostgreSQL.')
    .option('--date <YYYY-MM-DD>', 'the logical date: the day the data is for, which names the partition in the lake and the table; running a date again gives the same end state (default: yesterday in Europe/London)')
    .option('--from <YYYY-MM-DD>', 'first date of a backfill, with --to; dates run one at a time, oldest first, and a failure stops the backfill')
    .option('--to <YYYY-MM-DD>', 'last date of a backfill, inclusive')
    .option('--dataset <names...>', 'only these datasets from the datasets file, space- or comma-separated (default: all)')
    .option('--force', 'load and run: load even when the raw data matches what was last loaded (e.g. after fixing the mapping)')
    .option('--skip-dbt', 'run only: stop after load, without `dbt build` (the Airflow DAG runs dbt as its own task)')
    .configureHelp({ showGlobalOptions: true, helpWidth: 120 })
    .configureOutput({ writeOut: write.out, writeErr: write.err })
    .exitOverride();
  for (const name of COMMANDS) {
    program.command(name).description(COMMAND_HELP[name]).action(() => {
      chosen = name;
    }).addHelpText('after', environmentHelp() + exitCodeHelp());
  }
  program.addHelpText('after', environmentHelp() + exitCodeHelp() + EXAMPLES);
  return { program, chosen: () => chosen };
}
// #endregion cli-commands

/** The command and its options, or the exit code when there is nothing to run (help shown, or a usage error printed). */
export async function parseCommandLine(argv: string[], write: { out: (text: string) => void; err: (text: string) => void }): Promise<ParsedCommandLine> {
  const { program, chosen } = buildProgram(write);
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (error) {
    if (!(error instanceof CommanderError)) throw error;
    return { kind: 'exit', code: error.code === 'commander.helpDisplayed' || error.code === 'commander.version' ? 0 : 2 };
  }
  const command = chosen();
  if (command === undefined) {
    write.err(`lginform: name a command: ${COMMANDS.join(', ')}. See --help.\n`);
    return { kind: 'exit', code: 2 };
  }
  const options = program.opts<CliOptions>();
  if (options.force && command === 'extract') throw new UsageError('--force applies to load and run only: extract always fetches afresh.');
  if (options.skipDbt && command !== 'run') throw new UsageError('--skip-dbt applies to run only: extract and load never run dbt.');
  const dataset = options.dataset?.flatMap((names) => names.split(',')).map((name) => name.trim()).filter(Boolean);
  return { kind: 'run', command, options: { ...options, ...(dataset ? { dataset } : {}) } };
}
