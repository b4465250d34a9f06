/**
 * Running the CLI from tests: in-process (fast; the environment is stubbed
 * for the call and put back after) or as a child process exactly as a user
 * would run it (for exit codes, signals and kill -9).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { vi } from 'vitest';
import { main } from '../../src/cli.ts';

export const EXAMPLE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CLI = path.join(EXAMPLE_DIR, 'src/cli.ts');

/** Every variable the CLI reads; tests set them explicitly so a developer's shell cannot leak in. */
const PIPELINE_VARIABLES = [
  'LAKE_URL', 'DATABASE_URL', 'LGINFORM_BASE_URL', 'LGINFORM_APPLICATION_KEY', 'LGINFORM_PRIVATE_KEY', 'LGINFORM_DATASETS_FILE',
  'LGINFORM_REQUEST_TIMEOUT_SECONDS', 'LGINFORM_MAX_ATTEMPTS', 'LGINFORM_CONCURRENCY', 'LGINFORM_REQUESTS_PER_SECOND',
  'LGINFORM_EMBEDDED_POSTGRES_DIR', 'LOG_LEVEL', 'AWS_ENDPOINT_URL', 'AWS_ENDPOINT_URL_S3', 'AWS_REGION', 'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_PROFILE',
];

export type Env = Record<string, string | undefined>;

export type CliResult = {
  code: number;
  stdout: string;
  stderr: string;
  /** The JSON log lines from stderr. */
  logs: { msg: string; level: number; [field: string]: unknown }[];
};

function collector() {
  let text = '';
  return { stream: { write: (chunk: string) => void (text += chunk), isTTY: false }, text: () => text };
}

export function jsonLines(text: string): CliResult['logs'] {
  return text.split('\n').filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as CliResult['logs'][number]);
}

export async function runCli(args: string[], env: Env): Promise<CliResult> {
  for (const name of PIPELINE_VARIABLES) vi.stubEnv(name, undefined);
  for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
  const stdout = collector();
  const stderr = collector();
  try {
    const code = await main(args, { env: process.env, stdout: stdout.stream, stderr: stderr.stream, handleSignals: false });
    return { code, stdout: stdout.text(), stderr: stderr.text(), logs: jsonLines(stderr.text()) };
  } finally {
    vi.unstubAllEnvs();
  }
}

export type SpawnedCli = {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Resolves when stderr contains the text (e.g. a log message). */
  waitFor(text: string | RegExp, timeoutMs?: number): Promise<void>;
};

/** The CLI as its own process (node --import tsx: one process, so a signal reaches the pipeline itself). */
export function spawnCli(args: string[], env: Env): SpawnedCli {
  const base: Env = { PATH: process.env.PATH, HOME: process.env.HOME, TMPDIR: process.env.TMPDIR };
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], {
    cwd: EXAMPLE_DIR,
    env: { ...base, ...env } as NodeJS.ProcessEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const exited = once(child, 'exit').then(([code, signal]) => ({ code: code as number | null, signal: signal as NodeJS.Signals | null }));
  const waitFor = async (text: string | RegExp, timeoutMs = 60_000) => {
    const deadline = Date.now() + timeoutMs;
    const found = () => (typeof text === 'string' ? err.includes(text) : text.test(err));
    while (!found()) {
      if (child.exitCode !== null || child.signalCode !== null) throw new Error(`The CLI exited before logging ${String(text)}:\n${err}`);
      if (Date.now() > deadline) throw new Error(`The CLI did not log ${String(text)} within ${timeoutMs} ms:\n${err}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };
  return { child, stdout: () => out, stderr: () => err, exited, waitFor };
}

export type DatasetsFile = {
  councils?: string[];
  comparisonGroups?: Record<string, string>;
  datasets: { name: string; description?: string; metricTypes: string[]; periods: { latest: number } | { ids: string[] }; metricTypesPerRequest?: number }[];
};

/** Writes a datasets file for a test and returns its path. */
export async function writeDatasetsFile(dir: string, name: string, file: DatasetsFile): Promise<string> {
  await mkdir(dir, { recursive: true });
  const target = path.join(dir, `${name}.json`);
  const datasets = file.datasets.map((dataset) => ({ description: `Test dataset ${dataset.name}.`, ...dataset }));
  await writeFile(target, JSON.stringify({ ...file, datasets }, null, 2));
  return target;
}

/** Synthetic metric ids (the fake API invents any id it does not know). */
export function syntheticMetrics(count: number, from = 900_000): string[] {
  return Array.from({ length: count }, (_, i) => String(from + i));
}
