/**
 * A long-running helper process (an S3 emulator) that a test starts, waits
 * for, and always stops. It keeps the last lines of the process's output so
 * a failure to start says why.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';

export type ServiceProcess = {
  name: string;
  pid: number;
  hasExited(): boolean;
  /** The last lines the process wrote, for error messages. */
  recentOutput(): string;
  /** SIGTERM, then SIGKILL after the grace period. Safe to call twice. */
  stop(graceMs?: number): Promise<void>;
};

export class ServiceStartError extends Error {
  constructor(name: string, problem: string, output: string) {
    super(`${name} did not start: ${problem}.${output ? `\nIts last output:\n${output}` : ''}`);
    this.name = 'ServiceStartError';
  }
}

const KEEP_LINES = 40;
/** Every process started here, killed outright if the test process exits without stopping them. */
const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

function exited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

export function startServiceProcess(
  name: string,
  command: string,
  args: readonly string[],
  options: { env?: NodeJS.ProcessEnv; cwd?: string } = {},
): ServiceProcess {
  const child = spawn(command, args, { env: options.env, cwd: options.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  const keep = (chunk: Buffer) => {
    lines.push(...chunk.toString('utf8').split('\n').filter((line) => line.trim() !== ''));
    lines.splice(0, Math.max(0, lines.length - KEEP_LINES));
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  child.on('error', (error) => lines.push(String(error)));
  running.add(child);
  child.once('exit', () => running.delete(child));

  // #region stop-service
  const stop = async (graceMs = 5_000): Promise<void> => {
    if (exited(child)) return;
    const gone = once(child, 'exit');
    child.kill('SIGTERM');
    const stoppedInTime = await Promise.race([gone.then(() => true), sleep(graceMs).then(() => false)]);
    if (!stoppedInTime) {
      child.kill('SIGKILL');
      await gone;
    }
  };
  // #endregion stop-service

  return { name, pid: child.pid ?? -1, hasExited: () => exited(child), recentOutput: () => lines.join('\n'), stop };
}

// #region wait-until-healthy
/**
 * Polls `isReady` until it says yes, the process dies, or time runs out.
 * On failure the process is stopped, so a broken start never leaks one.
 */
export async function waitUntilReady(
  service: ServiceProcess,
  isReady: () => Promise<boolean>,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await isReady().catch(() => false)) return;
    if (service.hasExited()) {
      throw new ServiceStartError(service.name, 'the process exited while starting', service.recentOutput());
    }
    await sleep(250);
  }
  await service.stop();
  throw new ServiceStartError(service.name, `not healthy after ${Math.round(timeoutMs / 1000)} s`, service.recentOutput());
}
// #endregion wait-until-healthy
