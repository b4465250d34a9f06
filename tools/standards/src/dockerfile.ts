/**
 * A Dockerfile as instructions and stages: continuation lines joined,
 * comments and parser directives dropped, each instruction keeping the line
 * it starts on.
 */
import { baseName } from './repo.ts';

export type Instruction = { keyword: string; args: string; line: number };
export type Stage = { image: string; name?: string; from: Instruction; instructions: Instruction[] };

/** Extensions that mark a file named Dockerfile.* as something else (an ignore file, code, docs). */
const NOT_DOCKERFILE = new Set(['dockerignore', 'ts', 'js', 'mjs', 'cjs', 'md', 'json', 'yml', 'yaml', 'py', 'txt']);

/** `Dockerfile`, `Dockerfile.prod` and `prod.Dockerfile`, but not `Dockerfile.dockerignore` or `dockerfile.test.ts`. */
export function isDockerfile(file: string): boolean {
  const name = baseName(file).toLowerCase();
  if (name.endsWith('.dockerfile')) return true;
  const suffix = /^dockerfile(?:\.([\w-]+))?$/.exec(name);
  return suffix !== null && !NOT_DOCKERFILE.has(suffix[1] ?? '');
}

export function instructionsOf(text: string): Instruction[] {
  const instructions: Instruction[] = [];
  let pending: { text: string; line: number } | undefined;
  text.split(/\r?\n/).forEach((raw, index) => {
    const trimmed = raw.trim();
    // Comments may sit between continuation lines; they are not part of the instruction.
    if (trimmed.startsWith('#') || (trimmed === '' && pending === undefined)) return;
    const continued = trimmed.endsWith('\\');
    const part = continued ? trimmed.slice(0, -1) : trimmed;
    pending = pending ? { text: `${pending.text} ${part}`, line: pending.line } : { text: part, line: index + 1 };
    if (continued) return;
    const match = /^(\S+)\s*(.*)$/.exec(pending.text);
    if (match) instructions.push({ keyword: (match[1] ?? '').toUpperCase(), args: (match[2] ?? '').trim(), line: pending.line });
    pending = undefined;
  });
  return instructions;
}

/** The build arguments declared before the first FROM, with their defaults: they may name the base image. */
export function globalArgs(instructions: Instruction[]): Map<string, string> {
  const args = new Map<string, string>();
  for (const instruction of instructions) {
    if (instruction.keyword === 'FROM') break;
    const match = instruction.keyword === 'ARG' ? /^([A-Za-z_]\w*)=("?)(.*)\2$/.exec(instruction.args) : null;
    if (match) args.set(match[1] ?? '', match[3] ?? '');
  }
  return args;
}

export function stagesOf(instructions: Instruction[]): Stage[] {
  const stages: Stage[] = [];
  for (const instruction of instructions) {
    if (instruction.keyword === 'FROM') {
      const words = instruction.args.split(/\s+/).filter((word) => !word.startsWith('--'));
      const asIndex = words.findIndex((word) => word.toLowerCase() === 'as');
      const name = asIndex === -1 ? undefined : words[asIndex + 1]?.toLowerCase();
      stages.push({ image: words[0] ?? '', ...(name ? { name } : {}), from: instruction, instructions: [] });
    } else {
      stages.at(-1)?.instructions.push(instruction);
    }
  }
  return stages;
}
