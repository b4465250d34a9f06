/**
 * The steps in order, one logical date after another. The CLI calls this;
 * so can a Lambda handler or an Airflow task: it knows nothing of argv,
 * environment variables or exit codes, only which steps to run for which
 * dates, and it returns what happened to each date.
 */
import { type Logger } from '@rbk-lbs/kit/logger';
import { type DatasetConfig } from './datasets.ts';
import { EXIT_CODES, type ExitCode } from './exit-codes.ts';
import { type ExtractReport, extractTotals } from './extract-step.ts';
import { type LoadReport, loadTotals } from './load-step.ts';

export const COMMANDS = ['extract', 'load', 'run'] as const;
export type Command = (typeof COMMANDS)[number];

/** The steps for one date, with their services already bound (see cli.ts). */
export type PipelineSteps = {
  extract(date: string, datasets: DatasetConfig[]): Promise<ExtractReport>;
  load(date: string, datasets: DatasetConfig[]): Promise<LoadReport>;
};

export type DateOutcome = {
  date: string;
  extract?: ExtractReport;
  load?: LoadReport;
  /** One line: why this date failed. A failed date stops a backfill. */
  failure?: string;
};

export type PipelineOutcome = {
  command: Command;
  dates: DateOutcome[];
  /** Dates of a backfill not run because an earlier date failed. */
  notRun: string[];
};

/** The first thing that went wrong with a date's datasets, if anything did. */
function datasetProblem(outcome: DateOutcome): string | undefined {
  const extracted = outcome.extract?.datasets.find((d) => d.problem !== undefined);
  if (extracted) return `extract: ${extracted.problem}`;
  const failed = outcome.load?.datasets.find((d) => d.status === 'failed');
  return failed ? `load: ${failed.dataset}: ${failed.error}` : undefined;
}

export function oneLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n')[0]!.trim();
}

// #region run-pipeline
export async function runPipeline(command: Command, dates: string[], datasets: DatasetConfig[], steps: PipelineSteps, logger: Logger): Promise<PipelineOutcome> {
  const outcomes: DateOutcome[] = [];
  for (const [index, date] of dates.entries()) {
    const outcome: DateOutcome = { date };
    outcomes.push(outcome);
    try {
      if (command !== 'load') outcome.extract = await steps.extract(date, datasets);
      // After extract, load only the datasets it landed: one whose requests all
      // failed keeps the rows it had, and the date is reported as failed.
      const landed = outcome.extract ? datasets.filter((d) => outcome.extract?.datasets.find((e) => e.dataset === d.name)?.landed) : datasets;
      if (command !== 'extract' && landed.length > 0) outcome.load = await steps.load(date, landed);
      outcome.failure = datasetProblem(outcome);
    } catch (error) {
      outcome.failure = oneLine(error);
      logger.error({ err: error, date }, `${command} ${date} failed: ${outcome.failure}`);
    }
    if (outcome.failure !== undefined) {
      // Later dates are not run: a backfill goes in date order, and a gap would be easy to miss.
      return { command, dates: outcomes, notRun: dates.slice(index + 1) };
    }
  }
  return { command, dates: outcomes, notRun: [] };
}
// #endregion run-pipeline

/** Responses kept out of the warehouse across all dates: quarantined, or never received. */
export function gapsIn(outcome: PipelineOutcome): { quarantined: number; failed: number } {
  let quarantined = 0;
  let failed = 0;
  for (const date of outcome.dates) {
    if (date.extract) {
      const totals = extractTotals(date.extract);
      quarantined += totals.quarantined;
      failed += totals.failed;
    } else if (date.load) {
      // load on its own: what the landing it read had kept out.
      const totals = loadTotals(date.load);
      quarantined += totals.quarantined;
      failed += totals.failedRequests;
    }
  }
  return { quarantined, failed };
}

// #region exit-code-for-outcome
export function exitCodeFor(outcome: PipelineOutcome): ExitCode {
  if (outcome.dates.some((date) => date.failure !== undefined)) return EXIT_CODES.failure;
  const gaps = gapsIn(outcome);
  return gaps.quarantined + gaps.failed > 0 ? EXIT_CODES.partial : EXIT_CODES.success;
}
// #endregion exit-code-for-outcome
