/**
 * The file-format sizes on the data lake page (docs/08-storage/data-lake.md):
 * - the committed JSON is exactly what scripts/measure_formats.py gives now,
 *   run through scripts/measure-formats.ts as a user runs it (PyArrow is
 *   installed into .venvs/formats on first use);
 * - the page reads its figures from that JSON through <FormatSizes>, pastes
 *   none, and its prose agrees with the JSON's parameters and ranking.
 * Only the measurement needs Python 3.11; without it that test is skipped
 * with the reason, and the page checks still run.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FORMAT_SIZES_FILE, type FormatSizes, formatSizesSchema, formatsPython, REPO_ROOT } from '../scripts/measure-formats.ts';

const execFileAsync = promisify(execFile);

const RUNNER = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../scripts/measure-formats.ts');
const PAGE = path.join(REPO_ROOT, 'docs', '08-storage', 'data-lake.md');
const SECTION = '## File formats, measured';
/** First use downloads PyArrow (a wheel of about 55 MB) and builds the venv. */
const INSTALL_TIMEOUT_MS = 10 * 60_000;

const noPython = await formatsPython().then(
  () => undefined,
  (error: unknown) => (error instanceof Error ? error.message : String(error)),
);
if (noPython) console.warn(`The file-format measurement is skipped: ${noPython} (PYTHON_FOR_TOOLS names one.)`);

const committedText = readFileSync(FORMAT_SIZES_FILE, 'utf8');
const committed: FormatSizes = formatSizesSchema.parse(JSON.parse(committedText));

describe.skipIf(noPython !== undefined)('the committed file-format sizes', () => {
  let scratch: string;
  beforeAll(async () => {
    scratch = await mkdtemp(path.join(os.tmpdir(), 'format-sizes-'));
  });
  afterAll(async () => {
    await rm(scratch, { recursive: true, force: true });
  });

  it(
    'are exactly what the script measures now',
    async () => {
      const outFile = path.join(scratch, 'sizes.json');
      const { stdout } = await execFileAsync(process.execPath, ['--import', 'tsx', RUNNER, outFile], {
        cwd: REPO_ROOT,
        timeout: INSTALL_TIMEOUT_MS,
        maxBuffer: 16 * 1024 * 1024,
      });
      const produced = await readFile(outFile, 'utf8');
      // The runner's line names the Python patch release and zlib: the likely causes if gzip sizes differ.
      const hint = `${stdout.trim()}\nIf the script changed on purpose, run: npx tsx examples/lginform/scripts/measure-formats.ts, and commit ${path.relative(REPO_ROOT, FORMAT_SIZES_FILE)}.`;
      expect(JSON.parse(produced), hint).toEqual(JSON.parse(committedText));
      expect(produced, `${hint}\nThe values match, but not the layout of the file.`).toBe(committedText);
    },
    INSTALL_TIMEOUT_MS,
  );
});

describe('the data lake page', () => {
  const page = readFileSync(PAGE, 'utf8');
  const start = page.indexOf(SECTION);
  const section = page.slice(start, page.indexOf('\n## ', start + SECTION.length));
  const bytes = (id: string) => committed.formats.find((format) => format.id === id)?.bytes ?? Number.NaN;

  it('has the section', () => {
    expect(start, `${SECTION} in ${PAGE}`).toBeGreaterThan(0);
  });

  it('shows the table from the JSON, with no figures pasted into a Markdown table', () => {
    expect(section).toMatch(/^<FormatSizes \/>$/m);
    const tableRows = page.split('\n').filter((line) => line.trimStart().startsWith('|'));
    const pasted = tableRows.filter((line) => /\d\s*(?:[kMG]B|%)/.test(line));
    expect(pasted, 'table rows in data-lake.md with a size or a share typed in').toEqual([]);
  });

  it('writes no measured figure in its prose: sizes and shares come from <FormatSizes.*>', () => {
    const prose = section.replace(/<FormatSizes[^>]*\/>/g, '');
    expect(prose.match(/\d[\d.,]*\s*(?:[kMG]B|%|bytes)/g) ?? []).toEqual([]);
    expect(section).toContain('<FormatSizes.Script />');
  });

  it("states the JSON's parameters and versions", () => {
    const { parameters, rows, versions } = committed;
    const words = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];
    for (const stated of [
      `${rows.toLocaleString('en-GB')} values`,
      `${words[parameters.fields.length] ?? parameters.fields.length} fields`,
      `${parameters.metrics} metrics`,
      `${parameters.areas} areas`,
      `${parameters.financialYears} financial years`,
      `Python ${versions.python}`,
      `(level ${parameters.gzipLevel})`,
      `PyArrow ${versions.pyarrow.split('.')[0]}`,
    ]) {
      expect(section, `the section should say "${stated}", as the JSON does`).toContain(stated);
    }
    expect(parameters.metrics * parameters.areas * parameters.financialYears).toBe(rows);
  });

  it('makes only claims the figures support', () => {
    const wholeFiles = committed.formats.filter((format) => format.id !== 'parquet-zstd-columns-read');
    const smallest = wholeFiles.reduce((best, format) => (format.bytes < best.bytes ? format : best));
    // "gzipped CSV was the smallest whole file here."
    expect(section).toContain('gzipped CSV was the smallest whole file');
    expect(smallest.id).toBe('csv-gzip');
    // "Parquet wins when you read part of the data."
    expect(bytes('parquet-zstd-columns-read')).toBeLessThan(smallest.bytes);
    // "gzip shrinks the JSON ... gzipped costs little."
    expect(bytes('json-pretty-gzip')).toBeLessThan(bytes('json-pretty') / 10);
  });
});
