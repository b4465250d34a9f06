/**
 * The end-of-run summary on stdout: what each stage did, how long it took,
 * where the raw objects and the tables are, and what the exit code means.
 * Pure: from the pipeline's outcome to text, so it is tested on its own.
 */
import { type MartRowCount } from './dbt.ts';
import { type ExitCode, EXIT_CODE_HELP, EXIT_CODES } from './exit-codes.ts';
import { extractTotals, seconds } from './extract-step.ts';
import { loadTotals, TABLES } from './load-step.ts';
import { type DateOutcome, gapsIn, type PipelineOutcome } from './pipeline.ts';

export type Whereabouts = {
  /** Where raw objects go: a folder or an s3:// URL, ending in raw/lginform/. */
  raw: string;
  /** The database with its password masked, if the command used one. */
  database?: string;
  /** Set when the database was the embedded server this run started. */
  embeddedDataDir?: string;
};

const number = (n: number) => n.toLocaleString('en-GB');
const plural = (n: number, one: string, many = `${one}s`) => `${number(n)} ${n === 1 ? one : many}`;

/** Rows of cells as aligned columns; numbers right-aligned. */
function table(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length)));
  return rows.map((row) =>
    `  ${row.map((cell, column) => (/^[\d,.]+$/.test(cell) && column > 0 ? cell.padStart(widths[column]!) : cell.padEnd(widths[column]!))).join('  ')}`.trimEnd(),
  );
}

function stageLines(outcome: DateOutcome): string[] {
  const rows = [['Stage', 'Result', 'Time']];
  if (outcome.extract) {
    const t = extractTotals(outcome.extract);
    rows.push(['extract', `${plural(t.requested, 'request')}: ${number(t.landed)} landed, ${number(t.quarantined)} quarantined, ${number(t.failed)} failed; ${plural(t.values, 'value')}`, seconds(outcome.extract.durationMs)]);
  }
  if (outcome.load) {
    const t = loadTotals(outcome.load);
    rows.push(['load', `${plural(outcome.load.datasets.length, 'dataset')}: ${number(t.loaded)} loaded, ${number(t.unchanged)} unchanged, ${number(t.failed)} failed; ${plural(t.rows, 'row')} loaded`, seconds(outcome.load.durationMs)]);
  }
  return rows.length > 1 ? table(rows) : [];
}

// #region summary-datasets
/** One row per dataset, with the columns of the stages that ran. */
function datasetLines(outcome: DateOutcome): string[] {
  const { extract, load } = outcome;
  const names = [...new Set([...(extract?.datasets ?? []), ...(load?.datasets ?? [])].map((d) => d.dataset))];
  const header = ['Dataset', ...(extract ? ['Requests', 'Landed', 'Quarantined', 'Failed', 'Values'] : []), ...(load ? ['Load', 'Rows'] : [])];
  const rows = [header];
  for (const name of names) {
    const e = extract?.datasets.find((d) => d.dataset === name);
    const l = load?.datasets.find((d) => d.dataset === name);
    rows.push([
      name,
      ...(extract ? (e ? [e.requested, e.landed, e.quarantined.length, e.failed.length, e.values].map(number) : ['', '', '', '', '']) : []),
      ...(load ? (l ? [l.status, number(l.rows)] : ['not loaded', '']) : []),
    ]);
  }
  const lookups = extract?.lookups;
  if (lookups && lookups.requested > 0) {
    rows.push(['comparison-groups', ...[lookups.requested, lookups.landed, lookups.quarantined, 0].map(number), '', ...(load ? ['look-ups, not loaded', ''] : [])]);
  }
  return table(rows);
}
// #endregion summary-datasets

/** Sentences for what a reader would otherwise have to work out from the tables. */
function notes(outcome: DateOutcome): string[] {
  const lines: string[] = [];
  const same = outcome.extract?.datasets.filter((d) => d.sameAsRunId !== undefined) ?? [];
  if (same.length > 0 && same.length === outcome.extract?.datasets.length) lines.push(`Raw data unchanged: every dataset landed the same bytes as its previous landing of ${outcome.date}.`);
  const unchanged = outcome.load?.datasets.filter((d) => d.status === 'unchanged') ?? [];
  if (unchanged.length > 0 && unchanged.length === outcome.load?.datasets.length) lines.push('Nothing loaded: the raw data has not changed since it was last loaded (checksums match the run log).');
  else if (unchanged.length > 0) lines.push(`Unchanged since the last load, so not loaded again: ${unchanged.map((d) => d.dataset).join(', ')}.`);
  for (const d of outcome.extract?.datasets ?? []) {
    if (d.quarantined.length > 0) lines.push(`Quarantined (${d.dataset}): ${plural(d.quarantined.length, 'response')}, each beside a .reason.json, e.g. ${d.quarantined[0]!.location}: ${d.quarantined[0]!.reason}`);
    if (d.failed.length > 0) lines.push(`Failed to download (${d.dataset}): ${plural(d.failed.length, 'request')}, listed in ${d.failuresLocation ?? 'the log'}`);
  }
  if (!outcome.extract) {
    for (const d of outcome.load?.datasets ?? []) {
      if (d.quarantined + d.failedRequests > 0) lines.push(`The landing loaded for ${d.dataset} kept out ${plural(d.quarantined, 'quarantined response')} and ${plural(d.failedRequests, 'failed request')}: ${d.quarantineLocation ?? ''}`);
    }
  }
  for (const d of outcome.load?.datasets ?? []) if (d.duplicatesDropped > 0) lines.push(`${d.dataset}: ${plural(d.duplicatesDropped, 'repeated value')} dropped (the first of each was kept).`);
  if (outcome.failure) lines.push(`FAILED: ${outcome.failure}`);
  return lines;
}

/** What success means for the command that ran: extract only lands, load only loads. */
const SUCCESS_BY_COMMAND: Record<PipelineOutcome['command'], string> = {
  extract: 'success: every requested item was landed',
  load: 'success: every requested item was loaded',
  run: 'success: every requested item was landed and loaded',
};

function resultLine(outcome: PipelineOutcome, exitCode: ExitCode): string {
  const meaning = exitCode === EXIT_CODES.success ? SUCCESS_BY_COMMAND[outcome.command] : (EXIT_CODE_HELP.find(([code]) => code === exitCode)?.[1] ?? '');
  const gaps = gapsIn(outcome);
  const extra = gaps.quarantined + gaps.failed > 0 ? ` ${plural(gaps.quarantined, 'response')} quarantined, ${plural(gaps.failed, 'request')} failed to download.` : '';
  return `Result: exit code ${exitCode}, ${meaning}.${extra}`;
}

// #region summary
export function formatSummary(outcome: PipelineOutcome, where: Whereabouts, exitCode: ExitCode, marts?: readonly MartRowCount[]): string {
  const lines: string[] = [];
  for (const date of outcome.dates) {
    const runId = date.extract?.runId ?? date.load?.runId;
    lines.push(`lginform ${outcome.command} for ${date.date}${runId ? ` (run id ${runId})` : ''}`, '');
    lines.push(...stageLines(date), '');
    if (date.extract || date.load) lines.push(...datasetLines(date), '');
    const said = notes(date);
    if (said.length > 0) lines.push(...said, '');
  }
  if (outcome.dates.length + outcome.notRun.length > 1) {
    const done = outcome.dates.filter((d) => d.failure === undefined).map((d) => d.date);
    const failed = outcome.dates.filter((d) => d.failure !== undefined).map((d) => d.date);
    const rest = [failed.length > 0 ? ` Failed: ${failed.join(', ')}.` : '', outcome.notRun.length > 0 ? ` Not run: ${outcome.notRun.join(', ')}.` : ''].join('');
    lines.push(`Dates done: ${done.join(', ') || 'none'}.${rest}`, '');
  }
  const only = outcome.dates.length === 1 ? outcome.dates[0] : undefined;
  const runId = only?.extract?.runId;
  const run = only && runId ? `ingest_date=${only.date}/run_id=${runId}/` : 'ingest_date=<date>/run_id=<run id>/';
  const gaps = gapsIn(outcome);
  const quarantine = where.raw.replace(/raw\/lginform\/$/, 'quarantine/lginform/');
  lines.push(`Raw objects  ${where.raw}<dataset>/${run}`);
  lines.push(`Quarantine   ${gaps.quarantined + gaps.failed > 0 ? `${quarantine}<dataset>/${run} (see above)` : `none (a response that fails validation would be kept, with its reason, under ${quarantine})`}`);
  if (where.database) {
    lines.push(`Tables       ${TABLES.join(', ')}`);
    lines.push(`Database     ${where.database}${where.embeddedDataDir ? ` (embedded PostgreSQL, stopped at exit; data kept in ${where.embeddedDataDir})` : ''}`);
  }
  if (marts) {
    lines.push('', 'Marts built and tested by dbt build:');
    lines.push(...table([['Mart', 'Rows'], ...marts.map((mart) => [mart.relation, number(mart.rows)])]));
  }
  lines.push('', resultLine(outcome, exitCode));
  return `${lines.join('\n')}\n`;
}
// #endregion summary
