/**
 * Which metrics the pipeline extracts: configuration, not code. A committed
 * JSON file (datasets.json beside this folder, or LGINFORM_DATASETS_FILE)
 * checked with zod before anything runs, so a typo in a metric list fails
 * in a second with the file and the field named, not half-way through a run.
 */
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { type ExtractPlan } from './api/client.ts';
import { UsageError } from './exit-codes.ts';
import { KINGSTON_UPON_THAMES, SUTTON } from './model.ts';

/** The comparison-group look-ups are landed under this dataset name, so no configured dataset may use it. */
export const LOOKUPS_DATASET = 'comparison-groups';

const gssCode = z.string().regex(/^[EWSN]\d{8}$/, 'must be a GSS code such as E09000021');

// #region datasets-schema
const periodsSchema = z.union([
  z.strictObject({ latest: z.number().int().min(1).max(50) }),
  z.strictObject({ ids: z.array(z.string().regex(/^(cal_\d{4}|fin_\d{4}_\d{2})$/, 'must be a period id such as cal_2023 or fin_2023_24')).min(1) }),
]);

const datasetSchema = z.strictObject({
  /** Part of every lake key and table partition: lower case, digits and hyphens. */
  name: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'must be lower-case letters, digits and hyphens').refine((name) => name !== LOOKUPS_DATASET, `"${LOOKUPS_DATASET}" is kept for the comparison-group look-ups`),
  description: z.string().min(1),
  /** Each metric at most once: two requests for one metric would give the same row key twice. */
  metricTypes: z.array(z.string().min(1)).min(1).refine((ids) => new Set(ids).size === ids.length, 'lists a metric type more than once'),
  periods: periodsSchema,
  /** Metric types per /data request: keeps each response, and so memory, small. */
  metricTypesPerRequest: z.number().int().min(1).max(100).default(20),
});

const datasetsFileSchema = z.strictObject({
  $comment: z.string().optional(),
  councils: z.array(gssCode).min(1).default([KINGSTON_UPON_THAMES, SUTTON]),
  /** Known CIPFA nearest-neighbour group per council; the rest are looked up. */
  comparisonGroups: z.record(gssCode, z.string().min(1)).default({}),
  datasets: z.array(datasetSchema).min(1).refine((all) => new Set(all.map((d) => d.name)).size === all.length, 'names a dataset more than once'),
});
// #endregion datasets-schema

export type DatasetConfig = z.output<typeof datasetSchema>;
export type DatasetsConfig = z.output<typeof datasetsFileSchema>;

/** The datasets file is missing, not JSON, or not in the expected shape: a configuration error (exit 2). */
export class DatasetsFileError extends Error {
  readonly file: string;
  constructor(file: string, problem: string, options?: { cause?: unknown }) {
    super(`The datasets file ${file} ${problem}. Fix it, or point LGINFORM_DATASETS_FILE at another file.`, options);
    this.name = 'DatasetsFileError';
    this.file = file;
  }
}

export async function loadDatasets(file: string): Promise<DatasetsConfig> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    throw new DatasetsFileError(file, missing ? 'does not exist' : `is not valid JSON (${(error as Error).message})`, { cause: error });
  }
  const parsed = datasetsFileSchema.safeParse(json);
  if (!parsed.success) throw new DatasetsFileError(file, `has problems:\n${z.prettifyError(parsed.error)}\n`);
  return parsed.data;
}

/** The datasets named with --dataset, or all of them; an unknown name is a usage error that lists the known ones. */
export function selectDatasets(config: DatasetsConfig, names: readonly string[] | undefined): DatasetConfig[] {
  if (names === undefined || names.length === 0) return config.datasets;
  const known = config.datasets.map((dataset) => dataset.name);
  const unknown = names.filter((name) => !known.includes(name));
  if (unknown.length > 0) {
    throw new UsageError(`--dataset names ${unknown.map((name) => `"${name}"`).join(', ')}, which is not in the datasets file. Known datasets: ${known.join(', ')}.`);
  }
  return config.datasets.filter((dataset) => names.includes(dataset.name));
}

/** What extractCouncilMetrics needs for one dataset, once the comparison groups are known. */
export function extractPlanFor(dataset: DatasetConfig, councils: string[], comparisonGroups: Record<string, string>): ExtractPlan {
  return {
    dataset: dataset.name,
    metricTypes: dataset.metricTypes,
    periods: dataset.periods,
    councils,
    comparisonGroups,
    metricTypesPerRequest: dataset.metricTypesPerRequest,
  };
}
