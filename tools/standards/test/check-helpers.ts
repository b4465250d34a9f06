/**
 * The outside tools the checks run (checkov, actionlint and the shellcheck
 * actionlint calls), installed the way the flagship's own tests install
 * them, given to the checks as the environment they read (CHECKOV,
 * ACTIONLINT, SHELLCHECK). actionlint is built with Go; where there is no Go
 * toolchain it is missing, and the tests that need it say so and skip.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { isProcessAlive } from '@rbk-lbs/kit/services/process-alive';
import { ensureActionlint, ensureCheckov, ensureShellcheck } from '../../../examples/lginform/test/lint-tools.ts';
import { REPO_ROOT } from './paths.ts';

/** The first run installs checkov and shellcheck from wheels and builds actionlint. */
export const INSTALL_TIMEOUT_MS = 10 * 60_000;

export type ToolEnv = { env: NodeJS.ProcessEnv; actionlintMissing?: string };

/**
 * Runs `work` while holding a lock folder (mkdir is atomic). Several test
 * files ask for the tools at once, each in a process of its own, and two
 * first builds of actionlint at once would replace each other's binary.
 */
async function withToolLock<T>(work: () => Promise<T>): Promise<T> {
  const lock = path.join(os.tmpdir(), `de-standards-tools-${createHash('sha256').update(REPO_ROOT).digest('hex').slice(0, 12)}.lock`);
  const deadline = Date.now() + INSTALL_TIMEOUT_MS;
  for (;;) {
    try {
      await mkdir(lock);
      await writeFile(path.join(lock, 'pid'), String(process.pid));
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number(await readFile(path.join(lock, 'pid'), 'utf8').catch(() => ''));
      // A lock left by a process that died is taken over; one just made may not hold its pid yet.
      if (owner > 0 && !isProcessAlive(owner)) await rm(lock, { recursive: true, force: true });
      else if (Date.now() > deadline) throw new Error(`Timed out waiting for ${lock}; delete it if no test is installing tools.`);
      else await sleep(200);
    }
  }
  try {
    return await work();
  } finally {
    await rm(lock, { recursive: true, force: true });
  }
}

export async function toolEnv(): Promise<ToolEnv> {
  const [{ checkov }, actionlint, shellcheck] = await withToolLock(() => Promise.all([ensureCheckov(), ensureActionlint(), ensureShellcheck()]));
  const env: NodeJS.ProcessEnv = { ...process.env, CHECKOV: checkov, SHELLCHECK: shellcheck };
  if ('path' in actionlint) return { env: { ...env, ACTIONLINT: actionlint.path } };
  console.warn(`actionlint is missing: ${actionlint.missing}. The tests that need it are skipped.`);
  return { env, actionlintMissing: actionlint.missing };
}

/** An environment in which no outside tool can be found. */
export const NO_TOOLS: NodeJS.ProcessEnv = { PATH: '' };
