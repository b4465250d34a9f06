/**
 * From a validated `/data` response to rows for the warehouse. Pure: the
 * same response and context always give the same rows, in the same order.
 *
 * The pipeline asks for one layout (see DATA_LAYOUT in client.ts): one row
 * per area, one column per metric type and period. The mapping does not
 * depend on it: each value's area, metric type and period are read from its
 * row or from its column, wherever the response put them.
 */
import { type MetricValueRow } from '../model.ts';
import { type DataResponse, type ValueCell } from './schemas.ts';

/** Where the rows came from: the run, the partition and the raw object. */
export type RowContext = Pick<MetricValueRow, 'dataset' | 'ingestDate' | 'runId' | 'sourceObject'>;

// #region map-rows
export function mapDataResponseToRows(data: DataResponse, context: RowContext): MetricValueRow[] {
  const out: MetricValueRow[] = [];
  for (const row of data.rows) {
    for (let j = 0; j < row.values.length; j += 1) {
      const column = data.columns[j];
      const area = row.area ?? column?.area;
      const metricType = row.metricType ?? column?.metricType;
      const period = row.period ?? column?.period;
      if (!area || !metricType || !period) {
        throw new Error(`Value ${j} of a row has no area, metric type or period: validate the response before mapping it.`);
      }
      // Summary cells (a group's average, say) are derived, not measured.
      if (area.isSummary || metricType.isSummary || period.isSummary) continue;
      const cell = row.values[j] ?? null;
      // Every field written out, none spread: over a million values,
      // spreading objects into each row costs seconds (see the README's benchmark).
      out.push({
        dataset: context.dataset,
        ingestDate: context.ingestDate,
        runId: context.runId,
        metricTypeId: metricType.identifier,
        metricTypeLabel: metricType.label,
        areaCode: area.identifier,
        areaLabel: area.label,
        periodId: period.identifier,
        periodLabel: period.label,
        value: readNumber(cell),
        formatted: cell?.formatted ?? null,
        publicationStatus: cell?.publicationStatus ?? null,
        sourceObject: context.sourceObject,
      });
    }
  }
  return out;
}

/** A missing cell, a null value and a non-number all become null. */
function readNumber(cell: ValueCell | null): number | null {
  return typeof cell?.value === 'number' && Number.isFinite(cell.value) ? cell.value : null;
}
// #endregion map-rows

