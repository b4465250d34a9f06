/**
 * What each endpoint of the fake API answers, before any fault is applied.
 * Fixture endpoints serve the archived responses (closed, see data/README.md)
 * byte for byte; the rest are built from the catalogue in the shapes the
 * fixtures README describes.
 */
import { readFileSync } from 'node:fs';
import { AREAS, COMPARISON_GROUPS, findArea, findComparisonGroup, findMetricType, METRIC_TYPES, type Area, type ComparisonGroup } from './catalogue.ts';
import { dataResponseChunks, planDataResponse, type SyntheticOptions } from './synthetic.ts';

export type Answer =
  | { status: number; body: Buffer }
  | { status: 200; chunks: () => Iterable<string> };

export type RouteOptions = SyntheticOptions & { metricTypesPageSize: number };

/** Path and query (credentials removed) -> archived sample in data/fixtures. */
const FIXTURES: Record<string, string> = {
  '/metricTypes/description?pageNumber=3': 'metricTypes-description-page3.json',
  '/metricTypes/3281?filterOff=1': 'metricTypes-3281-filterOff1.json',
  '/metricTypes/3281': 'metricTypes-3281-filterOff1.json',
  '/metricTypes/1': 'metricTypes-1.beta.json',
  '/metricTypes?measurementUnit=Quantity_1000_pounds': 'metricTypes-measurementUnit-Quantity_1000_pounds.json',
  '/metricTypes?dataChangedSince=2013-12-20': 'metricTypes-dataChangedSince-2013-12-20.json',
  '/metricTypeCalculationMethods?metricType=176': 'metricTypeCalculationMethods-metricType176.json',
  '/measures/verbose': 'measures-verbose.json',
  '/pseudoMetricTypes/verbose?filterOff=1': 'pseudoMetricTypes-verbose-filterOff1.json',
  '/pseudoMetricTypes/verbose?clientApplication=Inform': 'pseudoMetricTypes-verbose-clientApplication-Inform.json',
  '/pseudoMetricTypes/[104][104_PercentageOfAllDwellings]': 'pseudoMetricTypes-104_PercentageOfAllDwellings.beta.json',
  '/subjects/verbose': 'subjects-verbose.json',
  '/lists/organisationTypes/verbose': 'lists-organisationTypes-verbose.beta.json',
};

const DATASETS = [
  { identifier: '218', label: 'Population estimates - local authority based by five year age band' },
  { identifier: '545', label: 'Population estimates - local authority based by single year of age' },
  { identifier: '1000', label: 'Mortality statistics - underlying cause, sex and age' },
];

const json = (status: number, value: unknown): Answer => ({ status, body: Buffer.from(`${JSON.stringify(value, null, 2)}\n`) });
export const errorBody = (message: string, errorCode?: number) => ({ errors: [{ message, ...(errorCode === undefined ? {} : { errorCode }) }] });

// #region fake-routes
export function answer(pathAndQuery: string, options: RouteOptions): Answer {
  const fixture = FIXTURES[pathAndQuery];
  if (fixture) return { status: 200, body: readFileSync(new URL(`./data/fixtures/${fixture}`, import.meta.url)) };

  const url = new URL(pathAndQuery, 'http://fake');
  const query = url.searchParams;
  const [, method = '', id] = url.pathname.split('/').map(decodeURIComponent);
  if (method === 'data' && id === undefined) {
    const planned = planDataResponse(query, options.latestYear);
    if ('error' in planned) return json(400, errorBody(planned.error));
    return { status: 200, chunks: () => dataResponseChunks(planned.plan, options) };
  }
  if (method === 'comparisonGroups') {
    if (id !== undefined) {
      const group = findComparisonGroup(id);
      return group ? json(200, { comparisonGroup: groupDetail(group) }) : json(404, errorBody(`Unknown comparison group: ${id}`));
    }
    return json(200, { 'comparisonGroup-array': COMPARISON_GROUPS.filter((group) => matchesGroupQuery(group, query)).map(groupSummary) });
  }
  if (method === 'areas') {
    if (id !== undefined) {
      const area = findArea(id);
      return area ? json(200, { area: areaItem(area) }) : json(404, errorBody(`Unknown area: ${id}`));
    }
    return json(200, { 'area-array': page(searchAreas(query), query, 500) });
  }
  if (method === 'metricTypes') {
    if (id !== undefined) return json(200, { metricType: metricTypeItem(id) });
    return json(200, { 'metricType-array': page(METRIC_TYPES.map((metric) => metricTypeSummary(metric.identifier)), query, options.metricTypesPageSize) });
  }
  if (method === 'datasets' && id === undefined) return json(200, { 'dataset-array': DATASETS });
  return json(404, errorBody(`No such method in the fake API: ${url.pathname}`));
}
// #endregion fake-routes

function page<T>(items: T[], query: URLSearchParams, defaultSize: number): T[] {
  const size = Math.min(Number(query.get('pageSize') ?? defaultSize) || defaultSize, 500);
  const number = Math.max(1, Number(query.get('pageNumber') ?? 1) || 1);
  return items.slice((number - 1) * size, number * size);
}

function matchesGroupQuery(group: ComparisonGroup, query: URLSearchParams): boolean {
  const owner = query.get('ownerArea');
  const member = query.get('memberArea');
  const type = query.get('type');
  return (
    (!owner || group.owners.includes(owner)) &&
    (!member || group.members.includes(member)) &&
    (!type || group.type.identifier.toLowerCase() === type.toLowerCase())
  );
}

const groupSummary = (group: ComparisonGroup) => ({ identifier: group.identifier, isCustom: false, label: group.label, type: group.type });

function groupDetail(group: ComparisonGroup) {
  const areas = (ids: string[]) => ids.map(findArea).filter((area): area is Area => area !== undefined).map(areaItem);
  return { ...groupSummary(group), members: areas(group.members), owners: areas(group.owners), isMain: true, isHidden: false };
}

/** Like the real API, a call with no filter returns nothing. */
function searchAreas(query: URLSearchParams): Area[] {
  const areaType = query.get('areaType');
  const text = query.get('searchText')?.toLowerCase();
  if (!areaType && !text) return [];
  return AREAS.filter((area) => (!areaType || areaTypeOf(area).identifier === areaType) && (!text || area.label.toLowerCase().includes(text)));
}

function areaTypeOf(area: Area) {
  const identifier = area.areaType ?? 'LondonBorough';
  const label = identifier === 'LondonBorough' ? 'London borough' : identifier;
  return { identifier, label, isGroup: false };
}

const areaItem = (area: Area) => ({ identifier: area.identifier, label: area.label, shortLabel: area.label, longLabel: area.label, areaType: areaTypeOf(area) });

function metricTypeSummary(identifier: string) {
  const metric = findMetricType(identifier);
  return {
    identifier: metric.identifier,
    label: metric.label,
    shortLabel: metric.shortLabel,
    unitLabel: metric.unitLabel,
    measurementUnitIdentifier: metric.measurementUnitIdentifier,
    measurementUnitShortLabel: metric.unitLabel,
  };
}

function metricTypeItem(identifier: string) {
  const metric = findMetricType(identifier);
  const label = metric.periodType === 'CalendarYear' ? 'Calendar year' : 'Financial year';
  return { ...metricTypeSummary(identifier), dataset: { periodType: { identifier: metric.periodType, label, frequency: 'Annually' } }, outputPrecision: metric.decimals };
}
