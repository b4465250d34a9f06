/**
 * A small, readable rule check for Dockerfiles, run beside hadolint: the
 * house rules hadolint does not state (multi-stage, non-root final user, a
 * health check or a reason for none, no secrets in layers), so they hold
 * even where hadolint cannot be installed.
 */

export type Instruction = { line: number; keyword: string; args: string; comment: string[] };

/** Instructions with their line numbers, continuation lines joined, and the comment lines just above each. */
export function parseDockerfile(text: string): Instruction[] {
  const instructions: Instruction[] = [];
  const lines = text.split('\n');
  let comment: string[] = [];
  for (let index = 0; index < lines.length; index += 1) {
    const line = lines[index]!.trim();
    if (line === '') {
      comment = [];
      continue;
    }
    if (line.startsWith('#')) {
      comment.push(line.replace(/^#\s?/, ''));
      continue;
    }
    const start = index;
    let joined = line;
    while (joined.endsWith('\\') && index + 1 < lines.length) {
      index += 1;
      const next = lines[index]!.trim();
      joined = `${joined.slice(0, -1).trimEnd()} ${next.startsWith('#') ? '' : next}`.trimEnd();
    }
    const [keyword = '', ...rest] = joined.split(/\s+/);
    instructions.push({ line: start + 1, keyword: keyword.toUpperCase(), args: rest.join(' '), comment });
    comment = [];
  }
  return instructions;
}

const SECRET_NAME = /(SECRET|PASSWORD|PASSWD|TOKEN|PRIVATE_KEY|API_KEY|ACCESS_KEY)/i;

// #region dockerfile-rules
export function dockerfileProblems(text: string): string[] {
  const instructions = parseDockerfile(text);
  const problems: string[] = [];
  const at = (instruction: Instruction) => `line ${instruction.line}`;

  const stages = instructions.filter((instruction) => instruction.keyword === 'FROM');
  if (stages.length < 2) problems.push('use a multi-stage build: tools and caches stay in the build stage, the final image holds only what runs');
  const stageNames = new Set<string>();
  for (const from of stages) {
    const [image = '', as, name] = from.args.split(/\s+/).filter((part) => !part.startsWith('--'));
    if (as?.toUpperCase() === 'AS' && name) stageNames.add(name.toLowerCase());
    if (stageNames.has(image.toLowerCase()) && image.toLowerCase() !== name?.toLowerCase()) continue; // FROM an earlier stage
    const digest = image.includes('@sha256:');
    const tag = image.split('@')[0]!.split('/').at(-1)!.split(':')[1];
    if (!digest && (tag === undefined || tag === 'latest')) problems.push(`${at(from)}: pin the base image "${image}" by version or digest, never latest`);
    else if (!digest && !/\d+\.\d+/.test(tag!)) problems.push(`${at(from)}: "${image}" names a moving tag; pin a full version such as node:24.21.0-trixie-slim`);
  }

  const lastFrom = stages.at(-1);
  const finalStage = lastFrom ? instructions.slice(instructions.indexOf(lastFrom)) : instructions;
  const users = finalStage.filter((instruction) => instruction.keyword === 'USER');
  const lastUser = users.at(-1)?.args.split(':')[0];
  if (lastUser === undefined || ['root', '0'].includes(lastUser)) problems.push('the final stage must switch to a non-root USER');

  const healthcheck = instructions.find((instruction) => instruction.keyword === 'HEALTHCHECK');
  if (!healthcheck) problems.push('add a HEALTHCHECK, or HEALTHCHECK NONE with a comment saying why the container has nothing to probe');
  else if (/^NONE$/i.test(healthcheck.args) && healthcheck.comment.join(' ').length < 40) problems.push(`${at(healthcheck)}: HEALTHCHECK NONE needs a comment above it saying why`);

  for (const instruction of instructions) {
    if (instruction.keyword === 'RUN' && /(^|[\s;&|])sudo\s/.test(instruction.args)) problems.push(`${at(instruction)}: no sudo in a build (the build already runs as root; use a virtual environment for pip)`);
    if (instruction.keyword === 'RUN' && /\bpip3?\s+install\b/.test(instruction.args) && !/(venv|virtualenv|--user|\/\.?venv)/.test(instruction.args)) {
      problems.push(`${at(instruction)}: pip install into a virtual environment, not the system Python`);
    }
    if (['ENV', 'ARG'].includes(instruction.keyword) && SECRET_NAME.test(instruction.args.split(/[=\s]/)[0] ?? '')) {
      problems.push(`${at(instruction)}: ${instruction.keyword} ${instruction.args.split(/[=\s]/)[0]} would keep a secret in the image; pass it at run time`);
    }
    if (['COPY', 'ADD'].includes(instruction.keyword) && /(^|\s|\/)\.env(\s|$)|\.pem(\s|$)|id_rsa/.test(instruction.args)) problems.push(`${at(instruction)}: do not copy secrets into the image`);
    if (instruction.keyword === 'RUN' && /\bnpm (ci|install)\b/.test(instruction.args) && !/--omit[= ]dev/.test(instruction.args)) problems.push(`${at(instruction)}: install production dependencies only (npm ci --omit=dev)`);
    if (['CMD', 'ENTRYPOINT'].includes(instruction.keyword) && !instruction.args.startsWith('[')) problems.push(`${at(instruction)}: write ${instruction.keyword} in exec form (a JSON array) so signals reach the process`);
  }
  return problems;
}
// #endregion dockerfile-rules
