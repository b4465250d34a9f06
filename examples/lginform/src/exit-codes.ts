/**
 * What the CLI's exit code tells a scheduler (Airflow, cron, a shell
 * script). Four outcomes are worth telling apart: it worked; it worked but
 * some responses were kept out of the warehouse; you called it wrongly; and
 * anything else went wrong.
 */

// #region exit-codes
export const EXIT_CODES = {
  /** Every requested item went through each step the command runs: landed (extract), loaded (load), or both (run). */
  success: 0,
  /** Something failed; the one-line reason is on stderr, the full error in the JSON log. */
  failure: 1,
  /** A bad option or environment variable: nothing was run. */
  usage: 2,
  /** Everything valid was loaded, but some responses were quarantined or never came back. */
  partial: 3,
  /** Stopped by Ctrl-C (SIGINT) or SIGTERM; services the run started were stopped. */
  interrupted: 130,
} as const;

export type ExitCode = (typeof EXIT_CODES)[keyof typeof EXIT_CODES];

/** The exit codes as --help and the README explain them. */
export const EXIT_CODE_HELP: readonly [ExitCode, string][] = [
  [EXIT_CODES.success, 'success: every requested item was landed (extract), loaded (load) or both (run)'],
  [EXIT_CODES.failure, 'failure: the reason is on stderr (one line) and in the JSON log'],
  [EXIT_CODES.usage, 'usage or configuration error: the message names each bad option or variable'],
  [EXIT_CODES.partial, 'loaded everything valid, but responses were quarantined or failed to download (the summary says how many and where)'],
  [EXIT_CODES.interrupted, 'interrupted (Ctrl-C or SIGTERM); services the run started were stopped'],
];
// #endregion exit-codes

/** A command line that cannot be run as written: exit code 2, with what to write instead. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
