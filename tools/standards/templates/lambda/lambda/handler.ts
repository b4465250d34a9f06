/**
 * The pipeline as an AWS Lambda function (runtime nodejs24.x), started each
 * day by EventBridge Scheduler (terraform/modules/pipeline-function). It
 * runs the same runPipeline as the command line. It throws on failure, so
 * Lambda retries the event and then sends it to the dead-letter queue.
 *
 * npm run build bundles it into dist/lambda/index.mjs; the function's
 * handler is index.handler.
 */
import { newRunId } from '@rbk-lbs/kit/lake/run-id';
import { readConfig } from '../src/config.ts';
import { defaultLogicalDate, parseLogicalDate } from '../src/dates.ts';
import { createPipelineDeps, type DepsOptions } from '../src/deps.ts';
import { type RunSummary, runPipeline } from '../src/pipeline.ts';

/**
 * What the scheduler sends: `time` is when the run was due. `detail.date`
 * re-runs one day, e.g. from the console: {"detail": {"date": "2026-12-25"}}.
 */
export type ScheduledEvent = { time?: string; detail?: { date?: string } | null };

export type HandlerOptions = DepsOptions & {
  /** The configuration variables; process.env in Lambda. */
  env?: Record<string, string | undefined>;
  now?: () => Date;
};

/**
 * The day to run: `detail.date` when the event names one, otherwise the day
 * before the event's time in London. The event's time is when the run was
 * due, so a retry hours later still runs the same day.
 */
export function logicalDateFor(event: ScheduledEvent, now: Date): string {
  if (event.detail?.date !== undefined) return parseLogicalDate(event.detail.date);
  const due = event.time === undefined ? now : new Date(event.time);
  if (Number.isNaN(due.getTime())) throw new Error(`The event's time "${event.time}" is not a date and time; EventBridge sends ISO 8601.`);
  return defaultLogicalDate(due);
}

export function createHandler(options: HandlerOptions = {}) {
  return async function handler(event: ScheduledEvent): Promise<RunSummary> {
    const now = options.now?.() ?? new Date();
    const config = readConfig(options.env ?? process.env);
    const date = logicalDateFor(event, now);
    const runId = newRunId(now);
    return runPipeline(date, runId, createPipelineDeps(config, runId, options));
  };
}

/** The function Lambda calls. */
export const handler = createHandler();
