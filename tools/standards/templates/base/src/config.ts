/**
 * The pipeline's settings, from environment variables, checked once at
 * start-up by the kit's loadConfig: a misspelt variable stops the run before
 * any work, and the error names every wrong variable with what a good value
 * looks like (the `.describe()` text). Values are never echoed: some are secrets.
 */
import { loadConfig } from '@rbk-lbs/kit/env';
import { z } from 'zod';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

export const configSchema = z.object({
  SOURCE_URL: z.url().default('https://www.gov.uk/bank-holidays.json').describe('the bank holidays API, e.g. https://www.gov.uk/bank-holidays.json'),
  LAKE_URL: z
    .string()
    .default('.lake')
    .describe('where raw responses and clean rows are written: a folder (relative to the current folder) or s3://bucket/prefix'),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info').describe(`one of ${LOG_LEVELS.join(', ')}`),
});

export type Config = z.output<typeof configSchema>;

export function readConfig(env: Record<string, string | undefined> = process.env): Config {
  return loadConfig(configSchema, env);
}
