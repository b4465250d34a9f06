/**
 * Turns a template's text into a file's text. Two devices, both plain
 * enough to read in the template itself:
 *
 * - `__NAME__` placeholders (upper case between double underscores) are
 *   replaced with their value. They stay valid TypeScript, Python, HCL and
 *   YAML, so the templates can be linted as they are. An unknown one is an
 *   error, so a typo cannot reach a generated repository.
 * - Lines `@@if <flag>`, `@@if !<flag>` and `@@end` keep or drop the lines
 *   between them (they nest). They are for Markdown, Dockerfiles, Python and
 *   dbt YAML only: files that tools parse as they stand (TypeScript, JSON,
 *   Terraform, workflows) vary by whole file instead, one per layer.
 */

export class TemplateError extends Error {
  override name = 'TemplateError';
}

const MARKER = /^\s*@@(?:if\s+(!?)([a-z0-9-]+)|(end))\s*$/;
export const PLACEHOLDER = /__([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*)__/g;

export function hasMarkers(text: string): boolean {
  return text.split('\n').some((line) => MARKER.test(line));
}

/** The lines kept for these flags, markers removed. */
export function applyConditions(text: string, flags: ReadonlySet<string>, label: string): string {
  const open: { keep: boolean; line: number }[] = [];
  const kept: string[] = [];
  text.split('\n').forEach((line, index) => {
    const marker = MARKER.exec(line);
    if (!marker) {
      if (open.every((block) => block.keep)) kept.push(line);
      return;
    }
    if (marker[3] === 'end') {
      if (open.pop() === undefined) throw new TemplateError(`${label}:${index + 1}: @@end without @@if.`);
      return;
    }
    const negated = marker[1] === '!';
    open.push({ keep: flags.has(marker[2] ?? '') !== negated, line: index + 1 });
  });
  const unclosed = open.at(-1);
  if (unclosed) throw new TemplateError(`${label}:${unclosed.line}: @@if without @@end.`);
  return kept.join('\n');
}

export function substitute(text: string, values: Readonly<Record<string, string>>, label: string): string {
  return text.replace(PLACEHOLDER, (whole, key: string) => {
    const value = values[key];
    if (value === undefined) throw new TemplateError(`${label}: unknown placeholder ${whole}.`);
    return value;
  });
}

export function render(text: string, values: Readonly<Record<string, string>>, flags: ReadonlySet<string>, label: string): string {
  return substitute(applyConditions(text, flags, label), values, label);
}
