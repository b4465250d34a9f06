/**
 * House rules for GitHub Actions workflows, read from the parsed YAML:
 * short-lived AWS credentials only (OIDC), every action pinned to a commit
 * SHA, Node.js 24, least privilege by default. actionlint checks the syntax
 * and expressions; these check what a reviewer would look for.
 *
 * The pins themselves are read from the text, because YAML drops comments:
 * each `uses:` names a full commit SHA with its release in a comment
 * (`owner/repo@<sha> # v7.0.1`, the form Dependabot updates), and the pair
 * is the one ../deploy/action-pins.json records for that action.
 */
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'yaml';

export type Step = { name?: string; uses?: string; run?: string; with?: Record<string, unknown>; env?: Record<string, unknown> };
export type Job = { uses?: string; permissions?: unknown; environment?: unknown; env?: Record<string, unknown>; steps?: Step[]; if?: string; needs?: unknown };
export type Workflow = { on?: unknown; permissions?: unknown; env?: Record<string, unknown>; jobs?: Record<string, Job> };

/**
 * Every workflow file in the repository: .github/workflows, each example's
 * .github/workflows or deploy/workflows, and the workflows the tools'
 * templates hold (any folder named workflows under tools/<tool>/templates).
 */
export async function findWorkflowFiles(repoRoot: string): Promise<string[]> {
  const folders = [path.join(repoRoot, '.github', 'workflows')];
  for (const example of await readdir(path.join(repoRoot, 'examples'), { withFileTypes: true })) {
    if (!example.isDirectory()) continue;
    folders.push(path.join(repoRoot, 'examples', example.name, '.github', 'workflows'), path.join(repoRoot, 'examples', example.name, 'deploy', 'workflows'));
  }
  const toolsDir = path.join(repoRoot, 'tools');
  for (const tool of existsSync(toolsDir) ? await readdir(toolsDir, { withFileTypes: true }) : []) {
    if (tool.isDirectory()) folders.push(...(await foldersNamed(path.join(toolsDir, tool.name, 'templates'), 'workflows')));
  }
  const files: string[] = [];
  for (const folder of folders.filter((candidate) => existsSync(candidate))) {
    for (const name of await readdir(folder)) if (/\.ya?ml$/.test(name)) files.push(path.join(folder, name));
  }
  return files.sort();
}

/** The folders called name at any depth under root (none if root is missing), skipping node_modules. */
async function foldersNamed(root: string, name: string): Promise<string[]> {
  if (!existsSync(root)) return [];
  const found: string[] = [];
  for (const entry of await readdir(root, { withFileTypes: true })) {
    if (!entry.isDirectory() || entry.name === 'node_modules') continue;
    const full = path.join(root, entry.name);
    if (entry.name === name) found.push(full);
    else found.push(...(await foldersNamed(full, name)));
  }
  return found;
}

export async function readWorkflow(file: string): Promise<{ text: string; workflow: Workflow }> {
  const text = await readFile(file, 'utf8');
  return { text, workflow: parse(text) as Workflow };
}

/** owner/repo[/path]@<full commit SHA>: a tag or a branch can be moved to other code, a commit cannot. */
const PINNED_ACTION = /^[\w.-]+\/[\w./-]+@[0-9a-f]{40}$/;
const LONG_LIVED_KEY = /AWS_(ACCESS_KEY_ID|SECRET_ACCESS_KEY|SESSION_TOKEN)/;

function hasIdTokenWrite(permissions: unknown): boolean {
  return permissions === 'write-all' || (typeof permissions === 'object' && permissions !== null && (permissions as Record<string, unknown>)['id-token'] === 'write');
}

// #region workflow-rules
/**
 * What is wrong with one workflow. nodeMajorOf reads a node-version-file
 * (e.g. .nvmrc) and returns its major version.
 */
export function workflowProblems(text: string, workflow: Workflow, nodeMajorOf: (file: string) => number | undefined): string[] {
  const problems: string[] = [];
  if (workflow.permissions === undefined) problems.push('set top-level permissions (e.g. contents: read) so no job gets write access by default');
  if (typeof workflow.on === 'object' && workflow.on !== null && 'pull_request_target' in workflow.on) {
    problems.push('pull_request_target runs untrusted pull requests with secrets; use pull_request');
  }
  for (const match of text.matchAll(/secrets\.(AWS_[A-Z_]+)/g)) problems.push(`uses the stored secret ${match[1]}: assume a role with OIDC instead`);
  for (const match of text.matchAll(/^\s*(aws-access-key-id|aws-secret-access-key)\s*:/gm)) problems.push(`passes ${match[1]}: use role-to-assume with OIDC, not stored keys`);

  const envs = [workflow.env];
  for (const [name, job] of Object.entries(workflow.jobs ?? {})) {
    envs.push(job.env);
    if (job.uses !== undefined && !job.uses.startsWith('./') && !PINNED_ACTION.test(job.uses)) problems.push(`job ${name}: pin the reusable workflow ${job.uses} to a full commit SHA`);
    for (const step of job.steps ?? []) {
      envs.push(step.env);
      const label = `job ${name}, step ${step.name ?? step.uses ?? step.run?.split('\n')[0]}`;
      if (step.uses === undefined) continue;
      if (step.uses.startsWith('docker://')) {
        if (!/@sha256:|:[^:/]*\d/.test(step.uses)) problems.push(`${label}: pin the image ${step.uses} by version or digest`);
      } else if (!step.uses.startsWith('./') && !PINNED_ACTION.test(step.uses)) {
        problems.push(`${label}: pin ${step.uses} to a full commit SHA, not a tag or branch`);
      }
      const action = step.uses.split('@')[0];
      if (action === 'actions/setup-node') {
        const versionFile = step.with?.['node-version-file'];
        const version = step.with?.['node-version'];
        const major = typeof versionFile === 'string' ? nodeMajorOf(versionFile) : typeof version === 'string' || typeof version === 'number' ? Number(String(version).split('.')[0]) : undefined;
        if (major !== 24) problems.push(`${label}: set up Node.js 24 (node-version-file: .nvmrc, or node-version: 24), found ${String(versionFile ?? version)}`);
      }
      if (action === 'aws-actions/configure-aws-credentials') {
        if (typeof step.with?.['role-to-assume'] !== 'string') problems.push(`${label}: assume a role (role-to-assume) with OIDC`);
        if (!hasIdTokenWrite(job.permissions ?? workflow.permissions)) problems.push(`job ${name}: needs permissions id-token: write to ask for the OIDC token`);
      }
    }
  }
  for (const env of envs) {
    for (const key of Object.keys(env ?? {})) if (LONG_LIVED_KEY.test(key)) problems.push(`sets ${key} in env: assume a role with OIDC instead`);
  }
  return problems;
}
// #endregion workflow-rules

/** One action's pin, as ../deploy/action-pins.json records it from the action's own repository. */
export type ActionPin = {
  /** The release tag, vX.Y.Z. */
  version: string;
  /** The full commit SHA the tag points to. */
  sha: string;
  /** The date of that commit, YYYY-MM-DD. */
  released: string;
  /** runs.using in the release's action.yml: node24, or composite. */
  runs: string;
};
/** Keyed by owner/repo. */
export type ActionPins = Record<string, ActionPin>;

export async function readActionPins(file: string): Promise<ActionPins> {
  return JSON.parse(await readFile(file, 'utf8')) as ActionPins;
}

const FULL_SHA = /^[0-9a-f]{40}$/;
const RELEASE = /^v\d+\.\d+\.\d+$/;

/** What is wrong with the list of pins itself: each entry needs a release, a full SHA, a real date and the Node.js 24 runtime. */
export function actionPinsProblems(pins: ActionPins): string[] {
  const problems: string[] = [];
  for (const [action, pin] of Object.entries(pins)) {
    if (!/^[\w.-]+\/[\w.-]+$/.test(action)) problems.push(`${action}: name the action as owner/repo`);
    if (!RELEASE.test(String(pin.version))) problems.push(`${action}: version ${String(pin.version)} is not a release tag vX.Y.Z`);
    if (!FULL_SHA.test(String(pin.sha))) problems.push(`${action}: sha ${String(pin.sha)} is not a full 40-character commit SHA`);
    const released = String(pin.released);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(released) || Number.isNaN(Date.parse(released)) || new Date(released).toISOString().slice(0, 10) !== released) {
      problems.push(`${action}: released ${released} is not a date YYYY-MM-DD`);
    }
    // A composite action runs other actions (pinned by its authors) and shell steps, not a Node.js runtime of its own.
    if (pin.runs !== 'node24' && pin.runs !== 'composite') {
      problems.push(`${action}: runs on ${String(pin.runs)}; GitHub is retiring older runtimes, so pin a release whose action.yml says using: node24 (or composite)`);
    }
  }
  return problems;
}

/** A `uses:` line of a workflow's text: the 1-based line, the value, and the comment after it (without the #), if any. */
export type UsesLine = { line: number; uses: string; comment: string | undefined };

/** Every `uses:` in the text, as a step (`- uses:`) or a key of a step or job, quoted or not. */
export function usesLines(text: string): UsesLine[] {
  const found: UsesLine[] = [];
  text.split('\n').forEach((line, index) => {
    const match = /^\s*(?:-\s+)?uses:\s*(['"]?)([^\s'"#]+)\1(?:\s+#\s*(.*?))?\s*$/.exec(line);
    if (match) found.push({ line: index + 1, uses: match[2]!, comment: match[3] });
  });
  return found;
}

/**
 * What is wrong with the pins of one workflow's text: every action (not a
 * local ./ action or a docker:// image) names a full commit SHA with its
 * release in a comment, and that pair is the one pins records.
 */
export function actionPinProblems(text: string, pins: ActionPins): string[] {
  const problems: string[] = [];
  for (const { line, uses, comment } of usesLines(text)) {
    if (uses.startsWith('./') || uses.startsWith('docker://')) continue;
    const match = /^([\w.-]+\/[\w.-]+)(?:\/[^@]*)?@(.+)$/.exec(uses);
    if (!match) {
      problems.push(`line ${line}: ${uses} is not owner/repo@ref`);
      continue;
    }
    const action = match[1]!;
    const ref = match[2]!;
    const pin = pins[action];
    const wanted = pin ? `${action}@${pin.sha} # ${pin.version}` : `${action}@<full commit SHA> # vX.Y.Z`;
    if (!FULL_SHA.test(ref)) {
      problems.push(`line ${line}: ${uses} is pinned to a tag or branch; pin it to a full commit SHA: ${wanted}`);
    } else if (comment === undefined || !RELEASE.test(comment)) {
      problems.push(`line ${line}: ${uses} needs its release in a comment, alone (# vX.Y.Z), found ${comment === undefined ? 'no comment' : `# ${comment}`}: ${wanted}`);
    } else if (!pin) {
      problems.push(`line ${line}: ${action} is not in action-pins.json; add its version, sha, released date and runs`);
    } else if (pin.sha !== ref || pin.version !== comment) {
      problems.push(`line ${line}: ${action}@${ref} # ${comment} is not the pin action-pins.json records: ${wanted}`);
    }
  }
  return problems;
}

/** Every uses: of the parsed workflow (steps and reusable-workflow jobs), to check the text scan missed none. */
export function parsedUses(workflow: Workflow): string[] {
  return Object.values(workflow.jobs ?? {}).flatMap((job) => [...(job.uses === undefined ? [] : [job.uses]), ...(job.steps ?? []).flatMap((step) => (step.uses === undefined ? [] : [step.uses]))]);
}

/**
 * The text with each `uses:` of an action that pins lists moved to that pin,
 * as owner/repo@<sha> # vX.Y.Z; other lines and actions are left as they are.
 */
export function repinnedText(text: string, pins: ActionPins): string {
  return text
    .split('\n')
    .map((line) => {
      const match = /^(\s*(?:-\s+)?uses:\s*)(['"]?)([\w.-]+\/[\w.-]+)((?:\/[^@\s'"]*)?)@[^\s'"#]+\2(?:\s+#.*)?$/.exec(line);
      const pin = match ? pins[match[3]!] : undefined;
      if (!match || !pin) return line;
      const [, prefix, quote, action, subpath] = match;
      return `${prefix}${quote}${action}${subpath}@${pin.sha}${quote} # ${pin.version}`;
    })
    .join('\n');
}
