import { describe, expect, it } from 'vitest';
import { type MetricValueRow } from '../src/model.ts';
import { mapDataResponseToRows } from '../src/api/rows.ts';
import { validateDataResponse, type DataResponse } from '../src/api/schemas.ts';
import { fixtureText, rawResponse } from './helpers.ts';

const context = { dataset: 'council-metrics', ingestDate: '2024-03-31', runId: 'run-1', sourceObject: 'raw/lginform/council-metrics/part-00000.json.gz' };

function parsed(name: string): DataResponse {
  const result = validateDataResponse(rawResponse(fixtureText(name)));
  if (!result.ok) throw new Error(result.reason.message);
  return result.data;
}

const row = (areaCode: string, areaLabel: string, metricTypeId: string, metricTypeLabel: string, periodId: string, rest: Partial<MetricValueRow>): MetricValueRow => ({
  ...context,
  metricTypeId,
  metricTypeLabel,
  areaCode,
  areaLabel,
  periodId,
  periodLabel: periodId.slice(4),
  value: null,
  formatted: null,
  publicationStatus: null,
  ...rest,
});

describe('mapDataResponseToRows', () => {
  it('maps the pipeline layout (rows by area; columns by metric type and period) value by value', () => {
    const rows = mapDataResponseToRows(parsed('data-rows-by-area.json'), context);
    const population = 'Total resident population';
    const density = 'Population density, persons per hectare';
    expect(rows).toEqual([
      row('E09000021', 'Kingston upon Thames', '3281', population, 'cal_2022', { value: 168302, formatted: '168,302', publicationStatus: 'Published' }),
      row('E09000021', 'Kingston upon Thames', '3281', population, 'cal_2023', { value: 170120, formatted: '170,120', publicationStatus: 'Published' }),
      row('E09000021', 'Kingston upon Thames', '176', density, 'cal_2022', { value: 45.02, formatted: '45.02', publicationStatus: 'Published' }),
      row('E09000021', 'Kingston upon Thames', '176', density, 'cal_2023', { value: null, formatted: '-', publicationStatus: 'Suppressed' }),
      row('E09000029', 'Sutton', '3281', population, 'cal_2022', { value: 209517, formatted: '209,517', publicationStatus: 'Published' }),
      row('E09000029', 'Sutton', '3281', population, 'cal_2023', {}),
      row('E09000029', 'Sutton', '176', density, 'cal_2022', { value: 47.5 }),
      row('E09000029', 'Sutton', '176', density, 'cal_2023', { value: 48.1, formatted: '48.10', publicationStatus: 'Provisional' }),
    ]);
  });

  it('leaves out summary cells, which are derived', () => {
    const rows = mapDataResponseToRows(parsed('data-rows-by-area.json'), context);
    expect(rows.some((r) => r.areaCode.endsWith('_CIPFA_Near_Neighbours'))).toBe(false);
  });

  it('reads the dimensions from rows or columns, so another layout gives the same rows', () => {
    const byMetric = mapDataResponseToRows(parsed('data-rows-by-metric-and-period.json'), context);
    const byArea = mapDataResponseToRows(parsed('data-rows-by-area.json'), context);
    const key = (r: MetricValueRow) => `${r.areaCode}|${r.metricTypeId}|${r.periodId}|${r.value}`;
    expect(byMetric.map(key).sort()).toEqual(byArea.filter((r) => r.metricTypeId === '3281').map(key).sort());
  });

  it('is pure: the same input gives equal output and the input is not changed', () => {
    const data = parsed('data-rows-by-area.json');
    const before = JSON.stringify(data);
    expect(mapDataResponseToRows(data, context)).toEqual(mapDataResponseToRows(data, context));
    expect(JSON.stringify(data)).toBe(before);
  });

  it('refuses a response that was not validated', () => {
    const unvalidated = { metadata: { columnGrouping: [], rowGrouping: [] }, columns: [{}], rows: [{ values: [{ value: 1 }] }] } as unknown as DataResponse;
    expect(() => mapDataResponseToRows(unvalidated, context)).toThrow(/validate the response/);
  });
});
