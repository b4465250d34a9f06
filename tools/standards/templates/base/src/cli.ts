/**
 * The command line: `npm start -- [--date YYYY-MM-DD]`. It checks the
 * configuration, runs the pipeline for one logical date and prints a short
 * summary on stdout; logs go to stderr as JSON lines, one event a line.
 *
 * Exit codes: 0 the run succeeded, 1 it failed (the log says why), 2 a
 * usage or configuration error (nothing was run).
 */
import { ConfigError } from '@rbk-lbs/kit/env';
import { newRunId } from '@rbk-lbs/kit/lake/run-id';
import { parseArgs } from 'node:util';
import { readConfig } from './config.ts';
import { DateError, defaultLogicalDate, parseLogicalDate } from './dates.ts';
import { createPipelineDeps } from './deps.ts';
import { PIPELINE, runPipeline } from './pipeline.ts';

const HELP = `Usage: npm start -- [--date YYYY-MM-DD]

Runs ${PIPELINE} for one logical date: extracts the bank holidays, lands the
response in the lake's raw zone and writes one row per holiday to its clean zone.

Options:
  --date YYYY-MM-DD  the day the data is for (default: yesterday in London)
  -h, --help         show this help

Environment variables:
  SOURCE_URL  the API (default https://www.gov.uk/bank-holidays.json)
  LAKE_URL    a folder or s3://bucket/prefix (default .lake)
  LOG_LEVEL   fatal, error, warn, info, debug, trace or silent (default info)

Exit codes: 0 success, 1 the run failed, 2 a usage or configuration error.
`;

async function main(argv: string[]): Promise<number> {
  let date: string;
  let config;
  try {
    const { values } = parseArgs({ args: argv, options: { date: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
    if (values.help) {
      process.stdout.write(HELP);
      return 0;
    }
    date = values.date === undefined ? defaultLogicalDate() : parseLogicalDate(values.date);
    config = readConfig();
  } catch (error) {
    // parseArgs reports an unknown option as a TypeError with a clear message.
    if (error instanceof ConfigError || error instanceof DateError || error instanceof TypeError) {
      process.stderr.write(`${PIPELINE}: ${error.message}\nSee npm start -- --help.\n`);
      return 2;
    }
    throw error;
  }

  const runId = newRunId();
  const deps = createPipelineDeps(config, runId);
  try {
    const summary = await runPipeline(date, runId, deps);
    process.stdout.write(`${PIPELINE} ${summary.date} (run ${summary.runId})\n  raw    ${summary.raw.location}\n  clean  ${summary.clean.location} (${summary.clean.rows} rows)\n`);
    return 0;
  } catch (error) {
    deps.logger.error({ err: error }, 'the run failed');
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
