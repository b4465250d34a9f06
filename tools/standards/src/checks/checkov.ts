/**
 * checkov over the repository's Terraform, once for the whole repository (it
 * takes seconds to start): every failed check is a finding at the resource's
 * first line. A check is skipped only inline, with
 * `#checkov:skip=CKV_AWS_n:reason`, so the reason sits beside the code.
 *
 * checkov is found through CHECKOV (its path) or on the PATH. It reads the
 * same files as the other checks: the folders de-standards never reads and
 * the paths .de-standards.json excludes are passed to it as --skip-path.
 */
import path from 'node:path';
import { type Finding, type Repo, SKIPPED_FOLDERS } from '../repo.ts';
import { type CheckContext, type CheckOutcome, locateTool, notRun, runTool, tail, type ToolSpec, withFolderOnDisk } from './tools.ts';

export const CHECKOV: ToolSpec = {
  command: 'checkov',
  variable: 'CHECKOV',
  install:
    'install checkov into a virtual environment (python3 -m venv .venv-checkov && .venv-checkov/bin/pip install checkov==3.3.30), then put it on the PATH or set CHECKOV=/path/to/checkov',
};

const TIMEOUT_MS = 10 * 60_000;

export function isTerraform(file: string): boolean {
  return file.endsWith('.tf') || file.endsWith('.tf.json');
}

type CheckovResult = {
  check_id: string;
  check_name: string;
  resource: string;
  file_abs_path: string;
  file_line_range: number[];
  check_result?: { suppress_comment?: string };
};
type CheckovReport = { results?: { failed_checks?: CheckovResult[]; skipped_checks?: CheckovResult[]; parsing_errors?: string[] } };

/** What checkov records for an inline skip with no reason after the check id. */
const NO_REASON = 'No comment provided';

/** The line of the `checkov:skip=<id>` comment inside the resource, else the resource's first line. */
function skipLine(text: string | undefined, result: CheckovResult): number | undefined {
  const [first, last = first] = result.file_line_range;
  if (text === undefined || first === undefined || last === undefined) return first;
  const lines = text.split(/\r?\n/);
  for (let line = first; line <= last; line++) if ((lines[line - 1] ?? '').includes(`checkov:skip=${result.check_id}`)) return line;
  return first;
}

/** Python regular expressions, which checkov matches against each absolute path it walks. */
function skipPaths(folder: string, excluded: readonly string[]): string[] {
  const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const names = [...SKIPPED_FOLDERS].map(escape).join('|');
  return [`/(${names})$`, ...excluded.map((entry) => `^${escape(path.join(folder, entry))}$`)];
}

/** checkov prints one report, or a list of them (one per framework), or only a summary when it found no resource. */
function reportsOf(stdout: string): CheckovReport[] {
  const parsed = JSON.parse(stdout.slice(Math.max(0, stdout.search(/[[{]/)))) as CheckovReport | CheckovReport[];
  return Array.isArray(parsed) ? parsed : [parsed];
}

export function checkCheckov(repo: Repo, context: CheckContext): CheckOutcome {
  if (!repo.files.some(isTerraform)) return [];
  const tool = locateTool(CHECKOV, context.env);
  if ('missing' in tool) return notRun(`The repository has Terraform, and ${tool.missing}`, CHECKOV.install);
  return withFolderOnDisk(repo, isTerraform, (folder) => {
    const args = ['-d', folder, '--framework', 'terraform', '--output', 'json', '--compact', '--skip-download'];
    for (const skip of skipPaths(folder, repo.excluded ?? [])) args.push('--skip-path', skip);
    const env = {
      ...context.env,
      // Offline: no guideline look-up. Hidden folders are walked like any other, as de-standards reads them.
      BC_SKIP_MAPPING: 'TRUE',
      CKV_IGNORE_HIDDEN_DIRECTORIES: 'false',
      LOG_LEVEL: 'WARNING',
    };
    const run = runTool(tool.path, args, { cwd: folder, env, timeoutMs: TIMEOUT_MS });
    if ('error' in run) return notRun(`checkov (${tool.path}) could not run: ${run.error}`, CHECKOV.install);
    if (run.status > 1) return notRun(`checkov (${tool.path}) failed with exit code ${run.status}: ${tail(run.stderr)}`, CHECKOV.install);
    let reports: CheckovReport[];
    try {
      reports = reportsOf(run.stdout);
    } catch {
      return notRun(`checkov (${tool.path}) printed no JSON report: ${tail(run.stdout || run.stderr)}`, CHECKOV.install);
    }
    const relative = (file: string): string => path.relative(folder, file).split(path.sep).join('/');
    const findings: Finding[] = [];
    for (const report of reports) {
      for (const file of report.results?.parsing_errors ?? []) {
        findings.push({ file: relative(file), message: 'checkov could not parse this file, so none of its checks ran on it; fix its syntax.' });
      }
      for (const skipped of report.results?.skipped_checks ?? []) {
        const reason = skipped.check_result?.suppress_comment?.trim() ?? '';
        if (reason !== '' && reason !== NO_REASON) continue;
        const file = relative(skipped.file_abs_path);
        findings.push({
          file,
          line: skipLine(repo.read(file), skipped),
          message: `checkov ${skipped.check_id} is skipped on ${skipped.resource} with no reason; write it after the id: #checkov:skip=${skipped.check_id}:<the reason>.`,
        });
      }
      for (const failed of report.results?.failed_checks ?? []) {
        findings.push({
          file: relative(failed.file_abs_path),
          line: failed.file_line_range[0],
          message: `checkov ${failed.check_id} failed on ${failed.resource}: ${failed.check_name}. Fix it, or skip it inline with #checkov:skip=${failed.check_id}:<the reason>.`,
        });
      }
    }
    return findings.sort((a, b) => a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0) || a.message.localeCompare(b.message));
  });
}
