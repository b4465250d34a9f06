/**
 * Python tools (the S3 emulators) installed into a project-local virtual
 * environment from a pinned requirements file, on first use only. Never
 * `sudo pip install`: the venv is a folder the project owns and can delete.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { isProcessAlive } from './process-alive.ts';

const execFileAsync = promisify(execFile);

export type PythonVenvSpec = {
  /** A short name for messages, e.g. "LocalStack". */
  label: string;
  venvDir: string;
  /** The interpreter that creates the venv, e.g. a pyenv Python 3.13. */
  python: string;
  /** A requirements file with exact (==) pins. */
  requirementsFile: string;
  /** Where the one-line progress message goes; stderr by default. */
  progress?: (line: string) => void;
};

export class PythonVenvError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PythonVenvError';
  }
}

/** Changes when the pins or the interpreter change, so the venv is rebuilt. */
async function installFingerprint(spec: PythonVenvSpec): Promise<string> {
  const requirements = await readFile(spec.requirementsFile);
  return createHash('sha256').update(spec.python).update('\0').update(requirements).digest('hex');
}

const markerOf = (venvDir: string) => path.join(venvDir, '.installed-from.sha256');

async function isInstalled(spec: PythonVenvSpec, fingerprint: string): Promise<boolean> {
  const marker = await readFile(markerOf(spec.venvDir), 'utf8').catch(() => '');
  return marker.trim() === fingerprint;
}

/**
 * Runs `work` while holding a lock folder (mkdir is atomic), so two test
 * files starting at once do not install into the same venv together. A lock
 * left by a process that has died is taken over.
 */
async function withInstallLock<T>(lockDir: string, work: () => Promise<T>, timeoutMs = 10 * 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  await mkdir(path.dirname(lockDir), { recursive: true });
  for (;;) {
    try {
      await mkdir(lockDir);
      await writeFile(path.join(lockDir, 'pid'), String(process.pid));
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number(await readFile(path.join(lockDir, 'pid'), 'utf8').catch(() => ''));
      if (owner > 0 && !isProcessAlive(owner)) await rm(lockDir, { recursive: true, force: true });
      else if (Date.now() > deadline) throw new PythonVenvError(`Timed out waiting for ${lockDir}; delete it if no install is running.`);
      else await sleep(500);
    }
  }
  try {
    return await work();
  } finally {
    await rm(lockDir, { recursive: true, force: true });
  }
}

// #region python-venv
/**
 * The venv's python, installing it first if it is missing or its pins have
 * changed. The marker file is written last: an install that was killed half
 * way is seen as missing and redone from scratch.
 */
export async function ensurePythonVenv(spec: PythonVenvSpec): Promise<string> {
  const python = path.join(spec.venvDir, 'bin', 'python');
  const fingerprint = await installFingerprint(spec);
  if (await isInstalled(spec, fingerprint)) return python;

  return withInstallLock(`${spec.venvDir}.lock`, async () => {
    if (await isInstalled(spec, fingerprint)) return python; // another process finished it
    const progress = spec.progress ?? ((line: string) => process.stderr.write(`${line}\n`));
    progress(`Installing ${spec.label} into ${path.relative(process.cwd(), spec.venvDir) || spec.venvDir} (first use only, about 30 s)...`);
    await rm(spec.venvDir, { recursive: true, force: true });
    try {
      await execFileAsync(spec.python, ['-m', 'venv', spec.venvDir]);
      await execFileAsync(python, ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', '--no-input',
        '--require-virtualenv', '-r', spec.requirementsFile], { maxBuffer: 64 * 1024 * 1024 });
    } catch (error) {
      const stderr = String((error as { stderr?: unknown }).stderr ?? '').trim().split('\n').slice(-15).join('\n');
      throw new PythonVenvError(
        `Installing ${spec.label} from ${spec.requirementsFile} with ${spec.python} failed. ` +
          `Check network access to PyPI and that the interpreter exists, then re-run.\n${stderr}`,
        { cause: error },
      );
    }
    await writeFile(markerOf(spec.venvDir), `${fingerprint}\n`);
    return python;
  });
}
// #endregion python-venv

/**
 * The interpreter for a given Python version: an explicit setting first, then
 * pyenv's copy, then `python<major.minor>` on the PATH.
 */
export async function findPython(version: string, explicit?: string): Promise<string> {
  if (explicit) return explicit;
  const pyenvRoot = await execFileAsync('pyenv', ['root']).then(({ stdout }) => stdout.trim()).catch(() => '');
  if (pyenvRoot !== '') {
    const installed = path.join(pyenvRoot, 'versions', version, 'bin', 'python3');
    if (existsSync(installed)) return installed;
  }
  const minor = version.split('.').slice(0, 2).join('.');
  const onPath = await execFileAsync(`python${minor}`, ['--version']).then(() => `python${minor}`).catch(() => undefined);
  if (onPath) return onPath;
  throw new PythonVenvError(
    `Python ${version} was not found (looked for pyenv's ${version} and python${minor} on the PATH). ` +
      `Install it (e.g. \`pyenv install ${version}\`) or point the matching *_PYTHON variable at an interpreter.`,
  );
}
