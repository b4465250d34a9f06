/**
 * Synthetic `/data` responses in the shape the real API is described to
 * use (fixtures README, section 4): metadata, columns, and rows whose
 * `values` line up with the columns. Values are made up but plausible, and
 * the same seed always gives the same bytes.
 *
 * The body is produced as a stream of text chunks, so a response with a
 * million values never has to exist as one string.
 */
import { findArea, findComparisonGroup, findMetricType, parsePeriod, periodOf, type Area, type MetricType, type Period } from './catalogue.ts';

export type Dimension = 'area' | 'metricType' | 'period' | 'valueType';
const DIMENSIONS: readonly Dimension[] = ['area', 'metricType', 'period', 'valueType'];

export type SyntheticOptions = {
  seed: number;
  /** The latest year with data: cal_<year> and fin_<year-1>_<yy>. */
  latestYear: number;
  /** Share of values reported as missing, 0 to 1. */
  missingRate: number;
  /** Indent with two spaces, as the real API does. */
  pretty: boolean;
};

type Member = { identifier: string; label: string; altLabel: string; isSummary: false };
type Coordinate = Partial<Record<Dimension, Member>>;

export type DataPlan = {
  metricTypes: MetricType[];
  areas: Area[];
  periods: Period[];
  rowGrouping: Dimension[];
  columnGrouping: Dimension[];
};

// #region plan-data-response
/** Reads a `/data` query into a plan, or says why the real API would refuse it. */
export function planDataResponse(query: URLSearchParams, latestYear: number): { plan: DataPlan } | { error: string } {
  const list = (name: string) => (query.get(name) ?? '').split(',').map((item) => item.trim()).filter(Boolean);
  const metricIds = list('metricType');
  const areaIds = list('area');
  const periodText = query.get('period') ?? '';
  if (metricIds.length === 0 || areaIds.length === 0 || periodText === '') return { error: 'metricType, area and period are all required' };

  const metricTypes = metricIds.map(findMetricType);
  const areas: Area[] = [];
  for (const id of areaIds) {
    const group = findComparisonGroup(id);
    const found = group ? group.members.map(findArea) : [findArea(id)];
    if (found.some((area) => area === undefined)) return { error: `Unknown area or comparison group: ${id}` };
    for (const area of found as Area[]) if (!areas.some((seen) => seen.identifier === area.identifier)) areas.push(area);
  }

  const periods = selectPeriods(periodText, metricTypes, latestYear);
  if (typeof periods === 'string') return { error: periods };

  const rowGrouping = query.getAll('rowGrouping') as Dimension[];
  const columnGrouping = query.getAll('columnGrouping') as Dimension[];
  const unknown = [...rowGrouping, ...columnGrouping].find((d) => !DIMENSIONS.includes(d));
  if (unknown) return { error: `Unknown grouping: ${unknown}` };
  if (rowGrouping.length === 0 && columnGrouping.length === 0) rowGrouping.push('area');
  for (const needed of ['area', 'metricType', 'period'] as const) {
    if (!rowGrouping.includes(needed) && !columnGrouping.includes(needed)) columnGrouping.push(needed);
  }
  return { plan: { metricTypes, areas, periods, rowGrouping, columnGrouping } };
}
// #endregion plan-data-response

/** `latest`, `latest:N` (the latest N of each metric's period type) or a list of ids. */
function selectPeriods(text: string, metricTypes: MetricType[], latestYear: number): Period[] | string {
  const latest = /^latest(?::(\d+))?$/.exec(text);
  if (latest) {
    const count = Number(latest[1] ?? 1);
    if (count < 1 || count > 50) return `latest:N needs N from 1 to 50, not ${count}`;
    const types = [...new Set(metricTypes.map((metric) => metric.periodType))];
    // Oldest first, as a time series reads.
    return types.flatMap((type) => Array.from({ length: count }, (_, i) => periodOf(type, latestYear, count - 1 - i)));
  }
  const periods = text.split(',').map((id) => parsePeriod(id.trim(), latestYear));
  return periods.every((period): period is Period => period !== undefined) ? periods : `Unknown period in: ${text}`;
}

export function countValues(plan: DataPlan): number {
  return plan.metricTypes.length * plan.areas.length * plan.periods.length;
}

// #region stream-data-response
/**
 * The body, chunk by chunk (about 64 KB each). Columns and rows are the
 * cross product of the requested groupings, in the order asked for.
 */
export function* dataResponseChunks(plan: DataPlan, options: SyntheticOptions): Generator<string> {
  const indent = (level: number) => (options.pretty ? `\n${'  '.repeat(level)}` : '');
  const json = (value: unknown, level: number) =>
    options.pretty ? JSON.stringify(value, null, 2).replaceAll('\n', indent(level)) : JSON.stringify(value);
  const key = (name: string) => (options.pretty ? `"${name}": ` : `"${name}":`);
  const columns = crossProduct(plan, plan.columnGrouping);
  const lookup: Lookup = {
    metricTypes: new Map(plan.metricTypes.map((metric) => [metric.identifier, metric])),
    periods: new Map(plan.periods.map((period) => [period.identifier, period])),
  };
  let buffer = `{${indent(1)}${key('metadata')}${json({ columnGrouping: plan.columnGrouping, rowGrouping: plan.rowGrouping }, 1)},`;
  buffer += `${indent(1)}${key('columns')}[`;
  for (const [j, column] of columns.entries()) {
    buffer += `${j > 0 ? ',' : ''}${indent(2)}${json(column, 2)}`;
    if (buffer.length > 65_536) {
      yield buffer;
      buffer = '';
    }
  }
  buffer += `${indent(1)}],${indent(1)}${key('rows')}[`;
  for (const [i, row] of crossProduct(plan, plan.rowGrouping).entries()) {
    buffer += `${i > 0 ? ',' : ''}${indent(2)}{`;
    for (const dimension of plan.rowGrouping) buffer += `${indent(3)}${key(dimension)}${json(row[dimension], 3)},`;
    buffer += `${indent(3)}${key('values')}[`;
    for (const [j, column] of columns.entries()) {
      buffer += `${j > 0 ? ',' : ''}${indent(4)}${json(valueCell({ ...column, ...row }, lookup, options), 4)}`;
      if (buffer.length > 65_536) {
        yield buffer;
        buffer = '';
      }
    }
    buffer += `${indent(3)}]${indent(2)}}`;
  }
  yield `${buffer}${indent(1)}]${indent(0)}}${options.pretty ? '\n' : ''}`;
}
// #endregion stream-data-response

function crossProduct(plan: DataPlan, dimensions: Dimension[]): Coordinate[] {
  return dimensions.reduce<Coordinate[]>(
    (coordinates, dimension) => coordinates.flatMap((coordinate) => membersOf(plan, dimension).map((member) => ({ ...coordinate, [dimension]: member }))),
    [{}],
  );
}

function membersOf(plan: DataPlan, dimension: Dimension): Member[] {
  const member = (identifier: string, label: string, altLabel = label): Member => ({ identifier, label, altLabel, isSummary: false });
  if (dimension === 'area') return plan.areas.map((area) => member(area.identifier, area.label));
  if (dimension === 'metricType') return plan.metricTypes.map((metric) => member(metric.identifier, metric.label, metric.shortLabel));
  if (dimension === 'period') return plan.periods.map((period) => member(period.identifier, period.label));
  return [member('raw', 'Raw value')];
}

/** null where the period does not apply to the metric; a missing value now and then. */
type Lookup = { metricTypes: Map<string, MetricType>; periods: Map<string, Period> };

function valueCell(at: Coordinate, lookup: Lookup, options: SyntheticOptions): object | null {
  const metric = lookup.metricTypes.get(at.metricType?.identifier ?? '');
  const period = lookup.periods.get(at.period?.identifier ?? '');
  if (!metric || !period || !at.area || metric.periodType !== period.periodType) return null;
  const format = metric.decimals === 0 ? '#,##0' : `#,##0.${'0'.repeat(metric.decimals)}`;
  const roll = (...parts: string[]) => unitHash([String(options.seed), ...parts].join('|'));
  if (roll(metric.identifier, at.area.identifier, period.identifier, 'missing') < options.missingRate) {
    return { source: null, value: null, formatted: '-', format, publicationStatus: 'Missing' };
  }
  // A level per metric and area, drifting a few per cent from period to period.
  const level = metric.min + (metric.max - metric.min) * roll(metric.identifier, at.area.identifier);
  const drift = 1 + 0.06 * (roll(metric.identifier, at.area.identifier, period.identifier) - 0.5);
  const value = Number((level * drift).toFixed(metric.decimals));
  return { source: value, value, formatted: formatNumber(value, metric.decimals), format, publicationStatus: 'Published' };
}

const formats = new Map<number, Intl.NumberFormat>();
function formatNumber(value: number, decimals: number): string {
  let format = formats.get(decimals);
  if (!format) formats.set(decimals, (format = new Intl.NumberFormat('en-GB', { minimumFractionDigits: decimals, maximumFractionDigits: decimals })));
  return format.format(value);
}

/** FNV-1a with a final mix, to a number in [0, 1). Deterministic and fast; not for security. */
export function unitHash(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  return (hash >>> 0) / 2 ** 32;
}
