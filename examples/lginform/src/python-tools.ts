/**
 * dbt, Airflow and pytest: Python tools, installed into a project-local
 * virtual environment (examples/lginform/.venvs/tools) from the pinned
 * requirements/python-tools.txt on first use, and run from it as child
 * processes with their output streamed line by line.
 *
 * Every tool runs with telemetry off (a closed network can make it hang,
 * and the council's data about its runs is its own) and with its state in
 * project folders that git ignores: dbt's target and logs, and AIRFLOW_HOME
 * with a SQLite metadata database, under examples/lginform/.data/.
 */
import { ensurePythonVenv, findPython } from '@rbk-lbs/kit/services/python-venv';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { EXAMPLE_DIR } from './config.ts';

export type Env = Record<string, string | undefined>;

export const TOOLS_PYTHON_VERSION = '3.11';
export const TOOLS_VENV_DIR = path.join(EXAMPLE_DIR, '.venvs', 'tools');
export const TOOLS_REQUIREMENTS = path.join(EXAMPLE_DIR, 'requirements', 'python-tools.txt');
export const DBT_PROJECT_DIR = path.join(EXAMPLE_DIR, 'dbt');
export const AIRFLOW_DAGS_DIR = path.join(EXAMPLE_DIR, 'airflow', 'dags');
/** Where the tools keep their state by default: git ignores examples/<name>/.data/. */
export const TOOLS_STATE_DIR = path.join(EXAMPLE_DIR, '.data');

export type ToolsVenv = { python: string; binDir: string };

// #region ensure-tools-venv
/**
 * The tools' venv, created on first use (about 40 s; later calls return at
 * once). LGINFORM_TOOLS_PYTHON names the interpreter to build it with;
 * otherwise pyenv's or the PATH's Python 3.11. Changing the pins rebuilds it.
 */
export async function ensureToolsVenv(options: { progress?: (line: string) => void; env?: Env } = {}): Promise<ToolsVenv> {
  const env = options.env ?? process.env;
  const python = await ensurePythonVenv({
    label: 'dbt, Airflow and pytest',
    venvDir: TOOLS_VENV_DIR,
    python: await findPython(TOOLS_PYTHON_VERSION, env.LGINFORM_TOOLS_PYTHON),
    requirementsFile: TOOLS_REQUIREMENTS,
    ...(options.progress ? { progress: options.progress } : {}),
  });
  return { python, binDir: path.dirname(python) };
}
// #endregion ensure-tools-venv

// #region tools-environment
/** Telemetry and update checks off, for every tool. */
const QUIET_TOOLS: Env = {
  DO_NOT_TRACK: '1',
  DBT_SEND_ANONYMOUS_USAGE_STATS: 'false',
  DBT_VERSION_CHECK: 'false',
  AIRFLOW__COSMOS__ENABLE_TELEMETRY: 'False',
  AIRFLOW__USAGE_DATA_COLLECTION__ENABLED: 'False',
  SCARF_ANALYTICS: 'false',
  PYTHONUNBUFFERED: '1',
  PIP_DISABLE_PIP_VERSION_CHECK: '1',
};

/**
 * The environment a tool runs with: the given one, the venv's bin folder
 * first on the PATH (so `dbt` in a DAG's bash command is this venv's), and
 * telemetry off.
 */
export function toolsEnvironment(venv: ToolsVenv, base: Env = process.env, extra: Env = {}): Env {
  return { ...base, ...QUIET_TOOLS, PATH: [venv.binDir, base.PATH ?? ''].filter(Boolean).join(path.delimiter), VIRTUAL_ENV: path.dirname(venv.binDir), ...extra };
}

/**
 * What Airflow needs to run this example's DAG on one machine: its own
 * AIRFLOW_HOME, a SQLite metadata database in it, the DAGs folder, and no
 * example DAGs. Enough for `airflow dags test` and a DagBag; a deployment
 * sets its own.
 */
export function airflowEnvironment(airflowHome: string = path.join(TOOLS_STATE_DIR, 'airflow')): Env {
  return {
    AIRFLOW_HOME: airflowHome,
    AIRFLOW__CORE__DAGS_FOLDER: AIRFLOW_DAGS_DIR,
    AIRFLOW__CORE__LOAD_EXAMPLES: 'False',
    AIRFLOW__DATABASE__SQL_ALCHEMY_CONN: `sqlite:///${path.join(airflowHome, 'airflow.db')}`,
    AIRFLOW__LOGGING__BASE_LOG_FOLDER: path.join(airflowHome, 'logs'),
  };
}
// #endregion tools-environment

export type ToolRun = {
  /** The tool's exit code (a signal counts as 128 + its number). */
  code: number;
  /** The last lines it wrote (stdout and stderr together), for error messages. */
  tail: string[];
  durationMs: number;
};

export type RunToolOptions = {
  venv: ToolsVenv;
  cwd?: string;
  /** The complete environment (see toolsEnvironment); default toolsEnvironment(venv). */
  env?: Env;
  /** Each line of output as it comes; default: written to stderr. */
  onLine?: (line: string) => void;
  /** How many lines to keep for ToolRun.tail. */
  keepLines?: number;
  /** Stops the tool (SIGTERM) when aborted. */
  signal?: AbortSignal;
};

const SIGNAL_NUMBERS: Partial<Record<NodeJS.Signals, number>> = { SIGINT: 2, SIGKILL: 9, SIGTERM: 15 };

// #region run-tool
/**
 * Runs one of the venv's commands (dbt, airflow, pytest, python) and streams
 * its output line by line. Resolves with the exit code whatever it is: the
 * caller knows what a non-zero code means for its tool.
 */
export async function runTool(command: string, args: readonly string[], options: RunToolOptions): Promise<ToolRun> {
  const started = Date.now();
  const onLine = options.onLine ?? ((line: string) => void process.stderr.write(`${line}\n`));
  const keep = options.keepLines ?? 40;
  const tail: string[] = [];
  const child = spawn(path.join(options.venv.binDir, command), args, {
    cwd: options.cwd ?? EXAMPLE_DIR,
    env: options.env ?? toolsEnvironment(options.venv),
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(options.signal ? { signal: options.signal, killSignal: 'SIGTERM' as const } : {}),
  });
  const readLines = (stream: NodeJS.ReadableStream) =>
    createInterface({ input: stream, crlfDelay: Infinity }).on('line', (line) => {
      tail.push(line);
      if (tail.length > keep) tail.shift();
      onLine(line);
    });
  const readers = [readLines(child.stdout), readLines(child.stderr)];
  const [code, signal] = (await once(child, 'close').catch((error: unknown) => {
    if (options.signal?.aborted) throw options.signal.reason;
    throw new Error(`Could not run ${command} from ${options.venv.binDir}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  })) as [number | null, NodeJS.Signals | null];
  for (const reader of readers) reader.close();
  return { code: code ?? 128 + (signal ? (SIGNAL_NUMBERS[signal] ?? 1) : 1), tail, durationMs: Date.now() - started };
}
// #endregion run-tool
