/**
 * House rules for GitHub Actions workflows, read from the parsed YAML:
 * short-lived AWS credentials only (OIDC), every action pinned, Node.js 24,
 * least privilege by default. actionlint checks the syntax and expressions;
 * these check what a reviewer would look for.
 */
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'yaml';

export type Step = { name?: string; uses?: string; run?: string; with?: Record<string, unknown>; env?: Record<string, unknown> };
export type Job = { uses?: string; permissions?: unknown; environment?: unknown; env?: Record<string, unknown>; steps?: Step[]; if?: string; needs?: unknown };
export type Workflow = { on?: unknown; permissions?: unknown; env?: Record<string, unknown>; jobs?: Record<string, Job> };

/** Every workflow file in the repository: .github/workflows, and each example's .github/workflows or deploy/workflows. */
export async function findWorkflowFiles(repoRoot: string): Promise<string[]> {
  const folders = [path.join(repoRoot, '.github', 'workflows')];
  for (const example of await readdir(path.join(repoRoot, 'examples'), { withFileTypes: true })) {
    if (!example.isDirectory()) continue;
    folders.push(path.join(repoRoot, 'examples', example.name, '.github', 'workflows'), path.join(repoRoot, 'examples', example.name, 'deploy', 'workflows'));
  }
  const files: string[] = [];
  for (const folder of folders.filter((candidate) => existsSync(candidate))) {
    for (const name of await readdir(folder)) if (/\.ya?ml$/.test(name)) files.push(path.join(folder, name));
  }
  return files.sort();
}

export async function readWorkflow(file: string): Promise<{ text: string; workflow: Workflow }> {
  const text = await readFile(file, 'utf8');
  return { text, workflow: parse(text) as Workflow };
}

const PINNED_ACTION = /^[\w.-]+\/[\w./-]+@(v\d+(\.\d+){0,2}|[0-9a-f]{40})$/;
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
    if (job.uses !== undefined && !job.uses.startsWith('./') && !PINNED_ACTION.test(job.uses)) problems.push(`job ${name}: pin the reusable workflow ${job.uses} to a version tag or commit SHA`);
    for (const step of job.steps ?? []) {
      envs.push(step.env);
      const label = `job ${name}, step ${step.name ?? step.uses ?? step.run?.split('\n')[0]}`;
      if (step.uses === undefined) continue;
      if (step.uses.startsWith('docker://')) {
        if (!/@sha256:|:[^:/]*\d/.test(step.uses)) problems.push(`${label}: pin the image ${step.uses} by version or digest`);
      } else if (!step.uses.startsWith('./') && !PINNED_ACTION.test(step.uses)) {
        problems.push(`${label}: pin ${step.uses} to a version tag (@v6) or a commit SHA, not a branch`);
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
