/**
 * Python packages go into a virtual environment, never into the system's
 * Python with `sudo pip install`. Scripts and Dockerfiles are read line by
 * line (comment lines skipped); Markdown only inside fenced code blocks,
 * because the commands there are the ones readers copy, while prose may
 * rightly warn against the command.
 */
import { isDockerfile } from '../dockerfile.ts';
import { markdownLines } from '../markdown.ts';
import { baseName, type Finding, type Repo } from '../repo.ts';

const SUDO_PIP = /\bsudo\s+(?:-\S+\s+)*(?:\S*python[\d.]*\s+-m\s+)?pip[\d.]*\s+install\b/;

function isScript(file: string): boolean {
  return /\.(sh|bash|zsh)$/.test(file) || /(^|\/)scripts\/[^/.]+$/.test(file) || baseName(file) === 'Makefile';
}

function isMarkdown(file: string): boolean {
  return /\.mdx?$/i.test(file);
}

/** The 1-based numbers of the lines a reader would run: code lines, not comments or prose. */
function commandLines(file: string, text: string): number[] {
  const lines = text.split(/\r?\n/);
  if (!isMarkdown(file)) return lines.flatMap((line, index) => (line.trim().startsWith('#') ? [] : [index + 1]));
  return markdownLines(text).flatMap((line) => (line.code ? [line.line] : []));
}

export function checkSudoPip(repo: Repo): Finding[] {
  const findings: Finding[] = [];
  for (const file of repo.files.filter((name) => isScript(name) || isDockerfile(name) || isMarkdown(name))) {
    const text = repo.read(file) ?? '';
    const lines = text.split(/\r?\n/);
    for (const number of commandLines(file, text)) {
      if (SUDO_PIP.test(lines[number - 1] ?? '')) {
        findings.push({ file, line: number, message: 'Installs Python packages with sudo pip install; use a virtual environment.' });
      }
    }
  }
  return findings;
}
