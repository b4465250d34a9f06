/** The load's fast path: one object's rows encoded at once must be exactly what the generic COPY encoder writes. */
import { encodeCopyRow } from '@rbk-lbs/kit/postgres/copy-text';
import { describe, expect, it } from 'vitest';
import { encodeObjectRows, toCopyValues } from '../src/load.ts';
import { type MetricValueRow } from '../src/model.ts';

const context = { dataset: 'council-tax', ingestDate: '2024-03-31', runId: '20240401T060000Z-abc123', sourceObject: 'raw/lginform/council-tax/part-00000.json.gz', request: {} };

function row(overrides: Partial<MetricValueRow> = {}): MetricValueRow {
  return {
    dataset: context.dataset,
    ingestDate: context.ingestDate,
    runId: context.runId,
    metricTypeId: '3281',
    metricTypeLabel: 'Band D council tax',
    areaCode: 'E09000021',
    areaLabel: 'Kingston upon Thames',
    periodId: 'fy_2023_24',
    periodLabel: '2023/24',
    value: 2133.5,
    formatted: '£2,133.50',
    publicationStatus: 'published',
    sourceObject: context.sourceObject,
    ...overrides,
  };
}

describe('encodeObjectRows', () => {
  it('writes the same text as encoding each row generically, escapes and nulls included', () => {
    const rows = [
      row(),
      row({ areaCode: 'E09000029', areaLabel: 'Sutton\tand a tab', value: null, formatted: null, publicationStatus: null }),
      row({ metricTypeLabel: 'A back\\slash\nand a newline', value: -0.25, formatted: '' }),
      row({ value: Number.NaN }),
    ];
    const batch = encodeObjectRows(rows, context);
    expect(batch.encoded).toBe(rows.map((r) => encodeCopyRow(toCopyValues(r))).join(''));
    expect(batch.rows).toBe(4);
    expect(batch.partition).toEqual({ dataset: 'council-tax', ingest_date: '2024-03-31' });
  });

  it('stops on a row that does not come from the object it is encoded for', () => {
    expect(() => encodeObjectRows([row(), row({ ingestDate: '2024-04-01' })], context)).toThrow(/outside the partition being loaded: it names council-tax\/2024-04-01\/.*, not council-tax\/2024-03-31\//);
  });

  it('gives an empty batch for an object with no rows', () => {
    expect(encodeObjectRows([], context)).toMatchObject({ encoded: '', rows: 0 });
  });
});
