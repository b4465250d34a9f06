/**
 * The shapes that pass between the pipeline's steps. Extract produces raw
 * responses, land stores them, load turns them into rows. Keep this file
 * small: it is the contract between the steps.
 */

/** The councils this pipeline is about, by GSS code. */
export const KINGSTON_UPON_THAMES = 'E09000021';
export const SUTTON = 'E09000029';

/** One request the extract step made, as recorded in the manifest. */
export type RequestRecord = {
  /** The dataset name from configuration, e.g. "council-finance". */
  dataset: string;
  /** The API path and query, without ApplicationKey or Signature. */
  path: string;
  /** 1-based page number when the endpoint is paged. */
  page?: number;
};

/** One response exactly as received, before any parsing. */
export type RawResponse = {
  request: RequestRecord;
  status: number;
  contentType: string | undefined;
  receivedAt: string;
  /** The exact bytes of the body. */
  body: Uint8Array;
};

/** One metric value for one area and period: a row of raw.lginform_metric_values. */
export type MetricValueRow = {
  dataset: string;
  /** The logical date of the run (YYYY-MM-DD), which keys the partition. */
  ingestDate: string;
  runId: string;
  metricTypeId: string;
  metricTypeLabel: string;
  areaCode: string;
  areaLabel: string;
  periodId: string;
  periodLabel: string;
  /** null when the API has no value (suppressed or missing). */
  value: number | null;
  formatted: string | null;
  publicationStatus: string | null;
  /** The raw object key this row came from, for lineage. */
  sourceObject: string;
};
