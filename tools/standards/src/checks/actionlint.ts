/**
 * actionlint over every GitHub Actions workflow: syntax, expressions, action
 * inputs, and shellcheck on `run:` scripts when shellcheck is on the PATH
 * (or SHELLCHECK names it). One run for all workflows.
 *
 * Workflows are the YAML files in a `workflows/` folder (.github/workflows/,
 * or deploy/workflows/ where a monorepo's example keeps its own) that have
 * `on:` and `jobs:` at the top level, so another tool's YAML in a folder of
 * that name is left alone. actionlint is found through ACTIONLINT (its path)
 * or on the PATH.
 */
import path from 'node:path';
import { type Finding, type Repo } from '../repo.ts';
import { isWorkflow } from './workflows.ts';
import { type CheckContext, type CheckOutcome, locateTool, notRun, runTool, tail, type ToolSpec, withFolderOnDisk } from './tools.ts';

export const ACTIONLINT: ToolSpec = {
  command: 'actionlint',
  variable: 'ACTIONLINT',
  install:
    'install actionlint (go install github.com/rhysd/actionlint/cmd/actionlint@v1.7.12, or a release binary from its GitHub page), then put it on the PATH or set ACTIONLINT=/path/to/actionlint',
};

const TIMEOUT_MS = 5 * 60_000;

function isGitHubWorkflow(repo: Repo, file: string): boolean {
  if (!isWorkflow(file)) return false;
  const text = repo.read(file) ?? '';
  return /^["']?on["']?\s*:/m.test(text) && /^jobs\s*:/m.test(text);
}

type ActionlintError = { message: string; filepath: string; line: number; column: number; kind: string };

export function checkActionlint(repo: Repo, context: CheckContext): CheckOutcome {
  const workflows = repo.files.filter((file) => isGitHubWorkflow(repo, file));
  if (workflows.length === 0) return [];
  const tool = locateTool(ACTIONLINT, context.env);
  if ('missing' in tool) return notRun(`The repository has workflows, and ${tool.missing}`, ACTIONLINT.install);
  // A path is made absolute, as actionlint runs in the folder checked; a bare name is looked up on the PATH.
  const shellcheck = context.env.SHELLCHECK?.includes('/') ? path.resolve(context.env.SHELLCHECK) : context.env.SHELLCHECK;
  const args = ['-format', '{{json .}}', '-no-color', ...(shellcheck ? ['-shellcheck', shellcheck] : []), ...workflows];
  return withFolderOnDisk(repo, (file) => workflows.includes(file), (folder) => {
    const run = runTool(tool.path, args, { cwd: folder, env: context.env, timeoutMs: TIMEOUT_MS });
    if ('error' in run) return notRun(`actionlint (${tool.path}) could not run: ${run.error}`, ACTIONLINT.install);
    // 0: no problem, 1: problems found; 2 and 3 mean actionlint itself failed.
    if (run.status > 1) return notRun(`actionlint (${tool.path}) failed with exit code ${run.status}: ${tail(run.stderr)}`, ACTIONLINT.install);
    let errors: ActionlintError[];
    try {
      errors = (JSON.parse(run.stdout.trim() || '[]') as ActionlintError[] | null) ?? [];
    } catch {
      return notRun(`actionlint (${tool.path}) printed no JSON report: ${tail(run.stdout || run.stderr)}`, ACTIONLINT.install);
    }
    return errors.map(
      (error): Finding => ({ file: error.filepath, line: error.line, message: `actionlint [${error.kind}] ${error.message} (column ${error.column}).` }),
    );
  });
}
