/**
 * Measures the file-format sizes on the data lake page and writes the JSON
 * the page's table reads (docs/08-storage/_file-format-sizes.json):
 *
 *   npx tsx examples/lginform/scripts/measure-formats.ts [output file]
 *
 * The measuring is done by measure_formats.py, with the PyArrow pinned in
 * ../requirements/formats.txt. It runs in examples/lginform/.venvs/formats,
 * made on first use from Python 3.11 (PYTHON_FOR_TOOLS, pyenv's 3.11 or
 * python3.11 on the PATH). The data is synthetic with a fixed seed, so the
 * same pins give the same file; test/format-sizes.test.ts checks that the
 * committed file is what the script gives now.
 */
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { ensurePythonVenv, findPython } from '@rbk-lbs/kit/services/python-venv';
import { z } from 'zod';

const execFileAsync = promisify(execFile);

const EXAMPLE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const REPO_ROOT = path.resolve(EXAMPLE_DIR, '../..');
export const MEASURE_SCRIPT = path.join(EXAMPLE_DIR, 'scripts', 'measure_formats.py');
export const FORMATS_REQUIREMENTS = path.join(EXAMPLE_DIR, 'requirements', 'formats.txt');
export const FORMATS_VENV_DIR = path.join(EXAMPLE_DIR, '.venvs', 'formats');
/** Beside the page that shows it; Docusaurus makes no page of a file starting with `_`. */
export const FORMAT_SIZES_FILE = path.join(REPO_ROOT, 'docs', '08-storage', '_file-format-sizes.json');
export const PYTHON_VERSION = '3.11';

/** The document the script prints; the page's FormatSizes component reads these fields. */
export const formatSizesSchema = z.strictObject({
  about: z.string(),
  rows: z.number().int().positive(),
  compactJsonSha256: z.string().regex(/^[0-9a-f]{64}$/),
  parameters: z
    .object({
      seed: z.number().int(),
      metrics: z.number().int().positive(),
      areas: z.number().int().positive(),
      financialYears: z.number().int().positive(),
      fields: z.array(z.string()).min(1),
      gzipLevel: z.number().int(),
      columnsRead: z.array(z.string()).min(1),
      megabyte: z.literal(1_000_000),
    })
    .loose(),
  versions: z.strictObject({ python: z.string(), pyarrow: z.string() }),
  formats: z
    .array(z.strictObject({ id: z.string(), label: z.string(), bytes: z.number().int().positive(), shareOfPrettyJson: z.number().positive() }))
    .min(1),
});

export type FormatSizes = z.infer<typeof formatSizesSchema>;

/** The interpreter the venv is made with; throws PythonVenvError if there is no Python 3.11. */
export async function formatsPython(): Promise<string> {
  return findPython(PYTHON_VERSION, process.env.PYTHON_FOR_TOOLS);
}

/**
 * Runs the measurement (installing PyArrow first if needed) and returns the
 * document, with the versions line the script prints on stderr (Python
 * patch release and zlib, which the document leaves out) for messages.
 */
export async function measureFormats(options: { progress?: (line: string) => void } = {}): Promise<{ sizes: FormatSizes; measuredWith: string }> {
  const python = await ensurePythonVenv({
    label: `PyArrow (${path.relative(REPO_ROOT, FORMATS_REQUIREMENTS)})`,
    python: await formatsPython(),
    venvDir: FORMATS_VENV_DIR,
    requirementsFile: FORMATS_REQUIREMENTS,
    ...(options.progress ? { progress: options.progress } : {}),
  });
  const { stdout, stderr } = await execFileAsync(python, [MEASURE_SCRIPT], {
    cwd: EXAMPLE_DIR,
    env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1' },
    timeout: 5 * 60_000,
    maxBuffer: 16 * 1024 * 1024,
  });
  // Checked, but kept as printed: zod's output would reorder the keys.
  const sizes = JSON.parse(stdout) as FormatSizes;
  formatSizesSchema.parse(sizes);
  return { sizes, measuredWith: stderr.trim() };
}

/** The file's exact text: two-space JSON and a final newline, as committed. */
export function formatSizesText(sizes: FormatSizes): string {
  return `${JSON.stringify(sizes, null, 2)}\n`;
}

async function main(argv: string[]): Promise<number> {
  const outFile = path.resolve(argv[0] ?? FORMAT_SIZES_FILE);
  const { sizes, measuredWith } = await measureFormats();
  await writeFile(outFile, formatSizesText(sizes));
  process.stdout.write(`${sizes.formats.length} sizes of ${sizes.rows.toLocaleString('en-GB')} values (${measuredWith}) written to ${path.relative(process.cwd(), outFile) || outFile}\n`);
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`Measuring the file formats failed: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}
