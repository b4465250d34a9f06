/**
 * The LG Inform Plus client: builds the requests this pipeline needs, signs
 * them, sends them through the kit's resilient HTTP client and hands back
 * each response exactly as received (RawResponse). It does not parse `/data`
 * bodies: that is validation's job, after the bytes are safely landed.
 *
 * The application key and signature exist only in the URL that goes on the
 * wire. What is recorded (RequestRecord.path) and logged has neither.
 */
import { type HttpClient } from '@rbk-lbs/kit/http-client';
import { HttpError, type HttpFailureReason } from '@rbk-lbs/kit/http-errors';
import { type Logger } from '@rbk-lbs/kit/logger';
import { redactUrl } from '@rbk-lbs/kit/redact';
import { KINGSTON_UPON_THAMES, SUTTON, type RawResponse, type RequestRecord } from '../model.ts';
import { ComparisonGroupsSchema } from './schemas.ts';
import { signRequest, type Credentials } from './sign.ts';

// #region data-layout
/**
 * The one `/data` layout this pipeline asks for: a row per area, and a
 * column per metric type and period. Rows stay few (areas) and each row is
 * a complete picture of one area, which reads well in a raw file.
 */
export const DATA_LAYOUT = ['rowGrouping=area', 'columnGrouping=metricType', 'columnGrouping=period'] as const;

/** `latest: 5` asks for the latest five periods of each metric; `ids` for named ones. */
export type PeriodSelection = { latest: number } | { ids: string[] };

export type DataRequest = {
  dataset: string;
  metricTypes: string[];
  /** GSS codes and comparison-group ids; a group stands for its members. */
  areas: string[];
  periods: PeriodSelection;
};

export function buildDataPath(request: Omit<DataRequest, 'dataset'>): string {
  const period = 'latest' in request.periods ? `latest:${request.periods.latest}` : request.periods.ids.join(',');
  const query = [
    `metricType=${encodeQueryValue(request.metricTypes.join(','))}`,
    `area=${encodeQueryValue(request.areas.join(','))}`,
    `period=${encodeQueryValue(period)}`,
    ...DATA_LAYOUT,
  ];
  return `/data?${query.join('&')}`;
}
// #endregion data-layout

/** Percent-encode, but keep `,` and `:` readable: both are legal in a query and signed alike. */
function encodeQueryValue(value: string): string {
  return encodeURIComponent(value).replace(/%2C/gi, ',').replace(/%3A/gi, ':');
}

export type LgInformClientOptions = {
  /** e.g. https://webservices.esd.org.uk, or the local fake's URL. */
  baseUrl: string;
  credentials: Credentials;
  /** Retries, timeouts and limits are configured on this. */
  http: HttpClient;
  logger?: Logger;
  /** Test seam for RawResponse.receivedAt. */
  now?: () => Date;
};

export type LgInformClient = {
  /** One signed GET; `request.path` is relative to the base URL. */
  get(request: RequestRecord): Promise<RawResponse>;
  fetchData(request: DataRequest): Promise<RawResponse>;
  fetchAllPages(dataset: string, path: string, options?: { pageSize?: number; maxPages?: number }): Promise<PagedResult>;
  findNearestNeighbours(ownerArea: string): Promise<{ groupId: string; response: RawResponse }>;
};

export type PagedResult = {
  pages: RawResponse[];
  /** False when a page could not be read as a list, so later pages were not asked for. */
  complete: boolean;
};

export class ComparisonGroupNotFoundError extends Error {
  constructor(ownerArea: string, seen: string[]) {
    super(
      `No CIPFA nearest-neighbour group is owned by ${ownerArea} in /comparisonGroups?ownerArea=${ownerArea}` +
        ` (groups seen: ${seen.length > 0 ? seen.join(', ') : 'none'}). Set the group id for ${ownerArea} in the configuration.`,
    );
    this.name = 'ComparisonGroupNotFoundError';
  }
}

export function createLgInformClient(options: LgInformClientOptions): LgInformClient {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const now = options.now ?? (() => new Date());

  // #region signed-get
  async function get(request: RequestRecord): Promise<RawResponse> {
    const record = { ...request, path: redactUrl(request.path) };
    const started = Date.now();
    const response = await options.http.get(signRequest(`${baseUrl}${record.path}`, options.credentials));
    options.logger?.debug(
      { path: record.path, status: response.status, bytes: response.body.length, attempts: response.attempts, ms: Date.now() - started },
      'lginform response',
    );
    return {
      request: record,
      status: response.status,
      contentType: response.headers.get('content-type') ?? undefined,
      receivedAt: now().toISOString(),
      body: response.body,
    };
  }
  // #endregion signed-get

  const fetchData = (request: DataRequest) => get({ dataset: request.dataset, path: buildDataPath(request) });

  // #region paging
  /** Asks for pageNumber 1, 2, ... until a page comes back short or empty. */
  async function fetchAllPages(dataset: string, path: string, paging: { pageSize?: number; maxPages?: number } = {}): Promise<PagedResult> {
    const maxPages = paging.maxPages ?? 1000;
    const pages: RawResponse[] = [];
    for (let page = 1; page <= maxPages; page += 1) {
      const sizeParameter = paging.pageSize ? `&pageSize=${paging.pageSize}` : '';
      const response = await get({ dataset, path: `${path}${path.includes('?') ? '&' : '?'}pageNumber=${page}${sizeParameter}`, page });
      pages.push(response);
      const count = countListItems(response.body);
      if (count === undefined) return { pages, complete: false };
      if (count === 0 || (paging.pageSize !== undefined && count < paging.pageSize)) return { pages, complete: true };
    }
    throw new Error(`${path} still had items after ${maxPages} pages: the server may be ignoring pageNumber. Raise maxPages if the list really is that long.`);
  }
  // #endregion paging

  async function findNearestNeighbours(ownerArea: string) {
    const response = await get({ dataset: 'comparison-groups', path: `/comparisonGroups?ownerArea=${encodeQueryValue(ownerArea)}` });
    const parsed = ComparisonGroupsSchema.safeParse(parseJson(response.body));
    const groups = parsed.success ? parsed.data['comparisonGroup-array'] : [];
    const cipfa = groups.find((group) => /CIPFA/i.test(group.identifier) || /CIPFA/i.test(group.type?.identifier ?? ''));
    if (!cipfa) throw new ComparisonGroupNotFoundError(ownerArea, groups.map((group) => group.identifier));
    return { groupId: cipfa.identifier, response };
  }

  return { get, fetchData, fetchAllPages, findNearestNeighbours };
}

/** The number of items in a `{"<type>-array": [...]}` envelope, or undefined if it is not one. */
export function countListItems(body: Uint8Array): number | undefined {
  const json = parseJson(body);
  if (typeof json !== 'object' || json === null) return undefined;
  const list = Object.entries(json).find(([key, value]) => key.endsWith('-array') && Array.isArray(value));
  return list ? (list[1] as unknown[]).length : undefined;
}

function parseJson(body: Uint8Array): unknown {
  try {
    return JSON.parse(new TextDecoder().decode(body));
  } catch {
    return undefined;
  }
}

export type ExtractPlan = {
  dataset: string;
  metricTypes: string[];
  periods: PeriodSelection;
  /** GSS codes; default Kingston upon Thames and Sutton. */
  councils?: string[];
  /** Known nearest-neighbour group ids by council; the rest are looked up. */
  comparisonGroups?: Record<string, string>;
  /** Metric types per `/data` request, to keep each response a sensible size. Default 20. */
  metricTypesPerRequest?: number;
};

export type ExtractFailure = {
  request: RequestRecord;
  reason: HttpFailureReason;
  status?: number;
  attempts: number;
  message: string;
};

export type ExtractResult = {
  /** Every `/data` response that came back, good or bad: validation decides later. */
  responses: RawResponse[];
  /** Requests that got no usable answer after every retry. */
  failures: ExtractFailure[];
  /** The comparison-group look-ups made on the way. */
  lookups: RawResponse[];
  /** The areas asked for in every `/data` request. */
  areas: string[];
};

// #region extract-council-metrics
/**
 * Every planned `/data` request is either in `responses` or in `failures`:
 * nothing is dropped. Requests run together; the HTTP client bounds how many.
 */
export async function extractCouncilMetrics(client: LgInformClient, plan: ExtractPlan): Promise<ExtractResult> {
  const councils = plan.councils ?? [KINGSTON_UPON_THAMES, SUTTON];
  const lookups: RawResponse[] = [];
  const groups: string[] = [];
  for (const council of councils) {
    const known = plan.comparisonGroups?.[council];
    if (known) groups.push(known);
    else {
      const found = await client.findNearestNeighbours(council);
      lookups.push(found.response);
      groups.push(found.groupId);
    }
  }
  const areas = [...new Set([...councils, ...groups])];
  const batches = chunk(plan.metricTypes, plan.metricTypesPerRequest ?? 20);
  const requests = batches.map((metricTypes) => ({ dataset: plan.dataset, metricTypes, areas, periods: plan.periods }));

  const outcomes = await Promise.all(requests.map((request) => client.fetchData(request).catch((error: unknown) => asFailure(request, error))));
  return {
    responses: outcomes.filter((outcome): outcome is RawResponse => 'body' in outcome),
    failures: outcomes.filter((outcome): outcome is ExtractFailure => !('body' in outcome)),
    lookups,
    areas,
  };
}
// #endregion extract-council-metrics

function asFailure(request: DataRequest, error: unknown): ExtractFailure {
  if (!(error instanceof HttpError)) throw error;
  return {
    request: { dataset: request.dataset, path: buildDataPath(request) },
    reason: error.reason,
    ...(error.status === undefined ? {} : { status: error.status }),
    attempts: error.attempts,
    message: error.message,
  };
}

function chunk<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
