/**
 * What the fake API knows: areas, comparison groups and metric types, from
 * the small committed files in data/. Anything else asked for is made up on
 * the spot (a synthetic metric, a synthetic area), so `/data` can serve any
 * number of metrics and areas.
 */
import { readFileSync } from 'node:fs';

const read = <T>(name: string): T => JSON.parse(readFileSync(new URL(`./data/${name}`, import.meta.url), 'utf8')) as T;

export type PeriodType = 'CalendarYear' | 'FinancialYear';

export type MetricType = {
  identifier: string;
  label: string;
  shortLabel: string;
  unitLabel: string;
  measurementUnitIdentifier: string;
  periodType: PeriodType;
  min: number;
  max: number;
  decimals: number;
};

export type Area = { identifier: string; label: string; areaType?: string };

export type ComparisonGroup = {
  identifier: string;
  label: string;
  type: { identifier: string; label: string };
  owners: string[];
  members: string[];
};

export type Period = { identifier: string; label: string; startDate: string; endDate: string; periodType: PeriodType };

export const AREAS: Area[] = read<{ areas: Area[] }>('areas.json').areas;
export const COMPARISON_GROUPS: ComparisonGroup[] = read<{ groups: ComparisonGroup[] }>('comparison-groups.json').groups;
export const METRIC_TYPES: MetricType[] = read<{ metricTypes: MetricType[] }>('metric-types.json').metricTypes;
export const PUBLISHED_URLS: string[] = read<{ urls: string[] }>('published-signatures.json').urls;

const areasById = new Map(AREAS.map((area) => [area.identifier, area]));
const groupsById = new Map(COMPARISON_GROUPS.map((group) => [group.identifier, group]));
const metricsById = new Map(METRIC_TYPES.map((metric) => [metric.identifier, metric]));

export function findArea(identifier: string): Area | undefined {
  if (areasById.has(identifier)) return areasById.get(identifier);
  // Any other GSS-shaped code is a synthetic area, so benchmarks can ask for thousands.
  return /^[EWSN]\d{8}$/.test(identifier) ? { identifier, label: `Synthetic area ${identifier}` } : undefined;
}

export function findComparisonGroup(identifier: string): ComparisonGroup | undefined {
  return groupsById.get(identifier);
}

export function findMetricType(identifier: string): MetricType {
  return (
    metricsById.get(identifier) ?? {
      identifier,
      label: `Synthetic metric ${identifier}`,
      shortLabel: `Synthetic ${identifier}`,
      unitLabel: 'count',
      measurementUnitIdentifier: 'Quantity_Count',
      periodType: 'CalendarYear',
      min: 0,
      max: 10000,
      decimals: 1,
    }
  );
}

/** The period `yearsBack` before the latest one of its type. */
export function periodOf(type: PeriodType, latestYear: number, yearsBack: number): Period {
  const year = latestYear - yearsBack;
  if (type === 'CalendarYear') {
    return { identifier: `cal_${year}`, label: String(year), startDate: `${year}-01-01T00:00:00`, endDate: `${year}-12-31T23:59:59`, periodType: type };
  }
  const start = year - 1;
  const end = String(year % 100).padStart(2, '0');
  return { identifier: `fin_${start}_${end}`, label: `${start}/${end}`, startDate: `${start}-04-01T00:00:00`, endDate: `${year}-03-31T23:59:59`, periodType: type };
}

/** A period from its id (cal_2023, fin_2022_23), or undefined if the form is unknown. */
export function parsePeriod(identifier: string, latestYear: number): Period | undefined {
  const calendar = /^cal_(\d{4})$/.exec(identifier);
  if (calendar) return periodOf('CalendarYear', latestYear, latestYear - Number(calendar[1]));
  const financial = /^fin_(\d{4})_(\d{2})$/.exec(identifier);
  if (financial && (Number(financial[1]) + 1) % 100 === Number(financial[2])) {
    return periodOf('FinancialYear', latestYear, latestYear - Number(financial[1]) - 1);
  }
  return undefined;
}
