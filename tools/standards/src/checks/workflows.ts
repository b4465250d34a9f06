/**
 * Workflows reach AWS through GitHub's OIDC provider and a role, never with
 * a stored access key. A line-by-line scan (YAML comments skipped), because
 * a key can hide inside a `run:` script where a YAML parser sees one string.
 */
import { type Finding, type Repo } from '../repo.ts';

/** Workflow files: in .github/workflows/, or any other `workflows/` folder (the flagship keeps its deploy workflow in deploy/workflows/). */
export function isWorkflow(file: string): boolean {
  return /(^|\/)workflows\/[^/]+\.ya?ml$/i.test(file);
}

const KEY_PATTERNS: { pattern: RegExp; message: string }[] = [
  { pattern: /^\s*-?\s*aws-(access-key-id|secret-access-key)\s*:/i, message: 'passes a stored AWS access key to an action (aws-$1)' },
  { pattern: /\bsecrets\.(AWS_ACCESS_KEY_ID|AWS_SECRET_ACCESS_KEY)\b/, message: 'reads a stored AWS access key (secrets.$1)' },
  { pattern: /^\s*-?\s*(AWS_ACCESS_KEY_ID|AWS_SECRET_ACCESS_KEY)\s*:/, message: 'sets $1 in the environment' },
];

/** The line without a YAML comment: a `#` at the start or after a space, outside quotes. */
function withoutComment(line: string): string {
  let quote: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quote) {
      if (ch === quote) quote = undefined;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
    } else if (ch === '#' && (i === 0 || /\s/.test(line[i - 1] ?? ''))) {
      return line.slice(0, i);
    }
  }
  return line;
}

export function checkWorkflowKeys(repo: Repo): Finding[] {
  const findings: Finding[] = [];
  for (const file of repo.files.filter(isWorkflow)) {
    (repo.read(file) ?? '').split(/\r?\n/).forEach((raw, index) => {
      const line = withoutComment(raw);
      const hit = KEY_PATTERNS.find(({ pattern }) => pattern.test(line));
      if (!hit) return;
      const match = hit.pattern.exec(line);
      const detail = hit.message.replace('$1', match?.[1] ?? '');
      findings.push({ file, line: index + 1, message: `The workflow ${detail}; assume a role through OIDC instead.` });
    });
  }
  return findings;
}
