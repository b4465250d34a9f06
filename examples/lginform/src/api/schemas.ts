/**
 * What a good `/data` response looks like, and why a bad one is bad.
 *
 * No sample of `/data` was archived; the shape comes from third-party
 * clients (see the fixtures' README, section 4). We are strict about the
 * fields we read (identifiers, labels, value) and relaxed about the rest,
 * so an added field passes and a renamed one is caught.
 */
import { z } from 'zod';
import { type RawResponse } from '../model.ts';

export const DIMENSIONS = ['area', 'metricType', 'period', 'valueType'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

// #region data-schema
const HeaderCell = z.looseObject({
  identifier: z.string(),
  label: z.string(),
  altLabel: z.string().nullish(),
  isSummary: z.boolean().nullish(),
});

/** `value` must be present, even if null: a renamed value field must not read as "no data". */
const ValueCell = z.looseObject({
  value: z.number().nullable(),
  source: z.number().nullish(),
  formatted: z.string().nullish(),
  format: z.string().nullish(),
  publicationStatus: z.string().nullish(),
});

const dimensionCells = {
  area: HeaderCell.optional(),
  metricType: HeaderCell.optional(),
  period: HeaderCell.optional(),
  valueType: HeaderCell.optional(),
};

const DataShape = z.looseObject({
  metadata: z.looseObject({
    columnGrouping: z.array(z.enum(DIMENSIONS)),
    rowGrouping: z.array(z.enum(DIMENSIONS)),
  }),
  columns: z.array(z.looseObject(dimensionCells)),
  rows: z.array(z.looseObject({ ...dimensionCells, values: z.array(ValueCell.nullable()) })),
});

export const DataResponseSchema = DataShape.superRefine(checkLayout);
// #endregion data-schema

// #region check-layout
/**
 * What the types alone cannot say: every value can be placed. Each column
 * and row carries the dimensions the metadata names, together they cover
 * area, metric type and period, and each row has one value per column.
 */
function checkLayout(data: z.output<typeof DataShape>, context: z.RefinementCtx): void {
  const { columnGrouping, rowGrouping } = data.metadata;
  const problem = (path: PropertyKey[], message: string) => context.addIssue({ code: 'custom', path, message });
  for (const needed of ['area', 'metricType', 'period'] as const) {
    if (!columnGrouping.includes(needed) && !rowGrouping.includes(needed)) problem(['metadata'], `neither rowGrouping nor columnGrouping includes "${needed}"`);
  }
  data.columns.forEach((column, j) => {
    for (const dimension of columnGrouping) if (!column[dimension]) problem(['columns', j, dimension], `column has no "${dimension}" header`);
  });
  data.rows.forEach((row, i) => {
    for (const dimension of rowGrouping) if (!row[dimension]) problem(['rows', i, dimension], `row has no "${dimension}" header`);
    if (row.values.length !== data.columns.length) problem(['rows', i, 'values'], `${row.values.length} values for ${data.columns.length} columns`);
  });
}
// #endregion check-layout

export type DataResponse = z.output<typeof DataResponseSchema>;
export type HeaderCell = z.output<typeof HeaderCell>;
export type ValueCell = z.output<typeof ValueCell>;

export const ComparisonGroupsSchema = z.looseObject({
  'comparisonGroup-array': z.array(
    z.looseObject({
      identifier: z.string(),
      label: z.string(),
      isCustom: z.boolean().nullish(),
      type: z.looseObject({ identifier: z.string(), label: z.string().nullish() }).nullish(),
    }),
  ),
});

/** Why a response was quarantined: what went wrong, in words, plus the facts. */
export type QuarantineReason = {
  code: 'http-status' | 'empty-body' | 'html-error-page' | 'wrong-content-type' | 'not-json' | 'truncated-json' | 'schema-mismatch';
  message: string;
  /** Specifics: parse errors, the first schema problems, an HTML title. */
  details: string[];
  path: string;
  status: number;
  contentType: string | null;
  bytes: number;
};

export type DataValidation = { ok: true; data: DataResponse } | { ok: false; reason: QuarantineReason };

// #region validate-response
/**
 * Parsed data, or the reason this response must not reach the warehouse.
 * The checks run from the cheapest and most telling to the most detailed,
 * so the reason names the first thing that is wrong.
 */
export function validateDataResponse(raw: RawResponse): DataValidation {
  const fail = (code: QuarantineReason['code'], message: string, details: string[] = []): DataValidation => ({
    ok: false,
    reason: { code, message, details, path: raw.request.path, status: raw.status, contentType: raw.contentType ?? null, bytes: raw.body.length },
  });
  if (raw.status < 200 || raw.status > 299) return fail('http-status', `The API answered HTTP ${raw.status}, not 200.`);
  if (raw.body.length === 0) return fail('empty-body', 'The API answered 200 with an empty body.');

  const text = decodeUtf8(raw.body);
  if (isHtml(raw.contentType, text)) {
    return fail('html-error-page', 'The API answered 200 with an HTML page, not JSON: usually an error page from the server or a proxy.', htmlTitle(text));
  }
  if (!isJsonContentType(raw.contentType)) {
    return fail('wrong-content-type', `The API answered with Content-Type "${raw.contentType ?? '(none)'}", not application/json.`);
  }
  if (text === undefined) return fail('not-json', 'The body is not valid UTF-8, so it cannot be JSON.');

  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    const parseError = error instanceof Error ? error.message : String(error);
    return looksTruncated(text)
      ? fail('truncated-json', `The JSON stops part-way (${raw.body.length} bytes received): the response was cut off. Extract this request again.`, [parseError])
      : fail('not-json', 'The body is not valid JSON.', [parseError]);
  }
  const parsed = DataResponseSchema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${formatPath(issue.path)}: ${issue.message}`);
    return fail('schema-mismatch', 'The JSON is not in the /data shape this pipeline reads: a field is missing, renamed or of another type.', problems.slice(0, 10));
  }
  return { ok: true, data: parsed.data };
}
// #endregion validate-response

function decodeUtf8(body: Uint8Array): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    return undefined;
  }
}

function isHtml(contentType: string | undefined, text: string | undefined): boolean {
  return /^text\/html\b/i.test(contentType ?? '') || /^\s*</.test(text ?? '');
}

function isJsonContentType(contentType: string | undefined): boolean {
  return /^application\/([\w.-]+\+)?json\s*(;|$)/i.test(contentType ?? '');
}

function htmlTitle(text: string | undefined): string[] {
  const title = /<title[^>]*>([^<]*)<\/title>/i.exec(text ?? '')?.[1]?.trim();
  return title ? [`HTML title: ${title}`] : [];
}

/**
 * True when the text reads as the start of a JSON document that stops too
 * early: a string or a bracket is still open at the end.
 */
export function looksTruncated(text: string): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i];
    if (inString) {
      if (char === '\\') i += 1;
      else if (char === '"') inString = false;
    } else if (char === '"') inString = true;
    else if (char === '{' || char === '[') depth += 1;
    else if (char === '}' || char === ']') depth -= 1;
  }
  return inString || depth > 0;
}

function formatPath(path: PropertyKey[]): string {
  return path.reduce<string>((out, key) => (typeof key === 'number' ? `${out}[${key}]` : out ? `${out}.${String(key)}` : String(key)), '') || '(top level)';
}
