/**
 * What the checks that run an outside tool (checkov, actionlint) share: how
 * a check says it could not run, where the tool is found, how it is run, and
 * how a repository held in memory is put on disk for it.
 *
 * A check that cannot run never passes quietly: it returns `NotRun`, with
 * the reason and how to install what it needs, and the report shows it.
 */
import { spawnSync } from 'node:child_process';
import { accessSync, constants, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Finding, type Repo } from '../repo.ts';

/** Why a check could not run, and what would let it run. */
export type NotRun = { notRun: { reason: string; install: string } };

/** What a check may read besides the repository: the environment it finds its tools in. */
export type CheckContext = { env: NodeJS.ProcessEnv };

export type CheckOutcome = Finding[] | NotRun;

export function isNotRun(outcome: CheckOutcome): outcome is NotRun {
  return !Array.isArray(outcome);
}

export function notRun(reason: string, install: string): NotRun {
  return { notRun: { reason, install } };
}

/** An outside tool: its command name, the variable that names its path, and how to install it. */
export type ToolSpec = { command: string; variable: string; install: string };

function isExecutableFile(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

/**
 * The tool's path: the variable's value when it is set (and then only that,
 * so a wrong path is reported rather than silently replaced), else the
 * first match on the PATH.
 */
export function locateTool(spec: ToolSpec, env: NodeJS.ProcessEnv): { path: string } | { missing: string } {
  const named = env[spec.variable];
  if (named !== undefined && named !== '') {
    // Absolute, because the tool is started in the folder checked, not where the variable was set.
    return isExecutableFile(named) ? { path: path.resolve(named) } : { missing: `${spec.variable} is set to ${named}, which is not an executable file` };
  }
  for (const folder of (env.PATH ?? '').split(path.delimiter)) {
    if (folder === '') continue;
    const candidate = path.join(folder, spec.command);
    if (isExecutableFile(candidate)) return { path: candidate };
  }
  return { missing: `${spec.command} is not on the PATH and ${spec.variable} is not set` };
}

export type ToolRun = { status: number; stdout: string; stderr: string } | { error: string };

/** Runs a tool to the end and returns its exit code and output; a tool that could not start or timed out gives `error`. */
export function runTool(file: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv; timeoutMs: number }): ToolRun {
  const result = spawnSync(file, args, { cwd: options.cwd, env: options.env, encoding: 'utf8', timeout: options.timeoutMs, maxBuffer: 256 * 1024 * 1024 });
  if (result.error) return { error: result.error.message };
  if (result.status === null) return { error: `it was stopped by ${result.signal ?? 'a signal'}` };
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The last lines of a tool's error output, for a reason that fits in a report. */
export function tail(text: string, lines = 5): string {
  return text.trim().split(/\r?\n/).slice(-lines).join('\n');
}

/**
 * Runs `use` with a folder on disk that holds the repository: its own root
 * when it is on disk, else a temporary copy of the files `wanted` keeps
 * (removed afterwards), so a test can hand a tool a repository held in memory.
 */
export function withFolderOnDisk<T>(repo: Repo, wanted: (file: string) => boolean, use: (folder: string) => T): T {
  if (repo.onDisk) return use(repo.root);
  const folder = mkdtempSync(path.join(os.tmpdir(), 'de-standards-'));
  try {
    for (const file of repo.files.filter(wanted)) {
      mkdirSync(path.dirname(path.join(folder, file)), { recursive: true });
      writeFileSync(path.join(folder, file), repo.read(file) ?? '');
    }
    return use(folder);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
