/**
 * Containers run as a non-root user, from a base image pinned to a version
 * or a digest, so a break-in gets no root and a rebuild gets the same image.
 */
import { type Stage, globalArgs, instructionsOf, isDockerfile, stagesOf } from '../dockerfile.ts';
import { type Finding, type Repo } from '../repo.ts';

function dockerfiles(repo: Repo): { file: string; stages: Stage[]; args: Map<string, string> }[] {
  return repo.files.filter(isDockerfile).map((file) => {
    const instructions = instructionsOf(repo.read(file) ?? '');
    return { file, stages: stagesOf(instructions), args: globalArgs(instructions) };
  });
}

/** The user a stage ends with: its last USER, else what it inherits from an earlier stage, else root. */
function finalUser(stages: Stage[], index: number): { user: string; line?: number } {
  const stage = stages[index];
  if (stage === undefined) return { user: 'root' };
  const last = stage.instructions.filter((instruction) => instruction.keyword === 'USER').at(-1);
  if (last) return { user: last.args, line: last.line };
  const parent = stages.findIndex((candidate, i) => i < index && candidate.name === stage.image.toLowerCase());
  return parent === -1 ? { user: 'root' } : { user: finalUser(stages, parent).user };
}

function isRoot(user: string): boolean {
  const name = user.split(':')[0]?.trim().toLowerCase() ?? '';
  return name === 'root' || name === '0';
}

export function checkNonRootUser(repo: Repo): Finding[] {
  const findings: Finding[] = [];
  for (const { file, stages } of dockerfiles(repo)) {
    const last = stages.length - 1;
    const stage = stages[last];
    if (stage === undefined) continue;
    const { user, line } = finalUser(stages, last);
    if (!isRoot(user)) continue;
    findings.push(
      line === undefined
        ? { file, line: stage.from.line, message: 'The final stage sets no USER, so the container runs as root; add USER with a non-root user.' }
        : { file, line, message: `The final stage runs as ${user}; switch to a non-root user.` },
    );
  }
  return findings;
}

/** Why an image reference is not pinned, or undefined when it is. */
function unpinned(image: string): string | undefined {
  if (image.toLowerCase() === 'scratch' || image.includes('@sha256:')) return undefined;
  if (image.includes('$')) return `the base image ${image} comes from a build argument with no default, so its version cannot be checked`;
  const lastPart = image.slice(image.lastIndexOf('/') + 1);
  const tag = lastPart.includes(':') ? lastPart.slice(lastPart.indexOf(':') + 1) : undefined;
  if (tag === undefined) return `the base image ${image} has no tag, so Docker pulls latest`;
  if (tag.toLowerCase() === 'latest') return `the base image ${image} uses the latest tag`;
  if (!/\d/.test(tag)) return `the base image ${image} has a tag with no version number`;
  return undefined;
}

/** Replaces `$NAME` and `${NAME}` with the build argument's default, where it has one. */
function substitute(image: string, args: Map<string, string>): string {
  return image.replace(/\$\{?([A-Za-z_]\w*)\}?/g, (whole, name: string) => args.get(name) ?? whole);
}

export function checkPinnedBaseImage(repo: Repo): Finding[] {
  const findings: Finding[] = [];
  for (const { file, stages, args } of dockerfiles(repo)) {
    const names = new Set<string>();
    for (const stage of stages) {
      // FROM an earlier stage inherits that stage's (already checked) base.
      const problem = names.has(stage.image.toLowerCase()) ? undefined : unpinned(substitute(stage.image, args));
      if (problem) findings.push({ file, line: stage.from.line, message: `In FROM, ${problem}; pin a version tag or a digest.` });
      if (stage.name) names.add(stage.name);
    }
  }
  return findings;
}
