/**
 * The files every pipeline repository must have: a README that answers the
 * questions a newcomer asks, a .gitignore that keeps secrets and tool output
 * out of Git, CODEOWNERS, and a pull-request template.
 */
import { isIgnored, type IgnoreSample } from '../gitignore.ts';
import { markdownLines } from '../markdown.ts';
import { type Finding, type Repo } from '../repo.ts';

function isBlank(text: string): boolean {
  return text.trim() === '';
}

/** The first of `candidates` that exists (matched without regard to case, as GitHub does for these files). */
function findFile(repo: Repo, candidates: readonly string[]): string | undefined {
  for (const candidate of candidates) {
    const found = repo.files.find((file) => file.toLowerCase() === candidate.toLowerCase());
    if (found) return found;
  }
  return undefined;
}

type Heading = { text: string; line: number };

/** ATX headings and prose lines outside fenced code blocks, and whether the README says what it is before its first section. */
function outline(text: string): { headings: Heading[]; prose: string[]; hasIntroduction: boolean } {
  const headings: Heading[] = [];
  const prose: string[] = [];
  let hasIntroduction = false;
  let seenSection = false;
  for (const { text: line, line: number, code, fence } of markdownLines(text)) {
    if (code || fence) continue;
    prose.push(line);
    const heading = /^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$/.exec(line);
    if (heading) {
      headings.push({ text: heading[2] ?? '', line: number });
      if ((heading[1] ?? '').length > 1) seenSection = true;
    } else if (!seenSection && line.trim() !== '' && !line.trim().startsWith('<!--')) {
      hasIntroduction = true;
    }
  }
  return { headings, prose, hasIntroduction };
}

/** The README's required answers, each recognised by its heading (or, for "what", by an opening paragraph). */
const README_SECTIONS: { name: string; heading: RegExp; line?: RegExp }[] = [
  { name: 'what the pipeline does', heading: /\b(what|about|overview|purpose|introduction)\b/i },
  { name: 'how to run it', heading: /\b(run|running|usage|quick ?start|getting started)\b/i },
  { name: 'how to run its tests', heading: /\btest(s|ing)?\b/i },
  { name: 'who owns it', heading: /\b(owners?|ownership|who owns|maintainers?|contacts?)\b/i, line: /^\s*(\*\*)?(owner|owned by)\b/i },
];

export function checkReadme(repo: Repo): Finding[] {
  const file = findFile(repo, ['README.md', 'README']);
  if (file === undefined) return [{ file: 'README.md', message: 'There is no README.md at the root of the repository.' }];
  const text = repo.read(file) ?? '';
  if (isBlank(text)) return [{ file, line: 1, message: 'README.md is empty.' }];
  const { headings, prose, hasIntroduction } = outline(text);
  const findings: Finding[] = [];
  for (const section of README_SECTIONS) {
    const answered =
      headings.some((heading) => section.heading.test(heading.text)) ||
      (section.name === 'what the pipeline does' && hasIntroduction) ||
      (section.line !== undefined && prose.some((line) => section.line?.test(line)));
    if (!answered) findings.push({ file, line: 1, message: `README.md has no section on ${section.name}.` });
  }
  return findings;
}

/** What the .gitignore must keep out, each as paths it must ignore (any one of a group is enough). */
const GITIGNORE_ENTRIES: { name: string; samples: IgnoreSample[] }[] = [
  { name: '.env', samples: [{ path: '.env', folder: false }] },
  { name: '*.pem', samples: [{ path: 'deploy/server.pem', folder: false }] },
  { name: '.terraform/', samples: [{ path: 'terraform/.terraform', folder: true }] },
  {
    name: 'a virtual environment (.venv/ or venv/)',
    samples: [
      { path: '.venv', folder: true },
      { path: 'venv', folder: true },
    ],
  },
];

export function checkGitignore(repo: Repo): Finding[] {
  const text = repo.read('.gitignore');
  if (text === undefined) return [{ file: '.gitignore', message: 'There is no .gitignore at the root of the repository.' }];
  if (isBlank(text)) return [{ file: '.gitignore', line: 1, message: '.gitignore is empty.' }];
  return GITIGNORE_ENTRIES.filter((entry) => !entry.samples.some((sample) => isIgnored(text, sample))).map((entry) => ({
    file: '.gitignore',
    line: 1,
    message: `.gitignore does not ignore ${entry.name}.`,
  }));
}

/** Has at least one line that is not a comment: a file of comments names nobody. */
function hasContent(text: string): boolean {
  return text.split(/\r?\n/).some((line) => line.trim() !== '' && !line.trim().startsWith('#'));
}

export function checkCodeowners(repo: Repo): Finding[] {
  const file = findFile(repo, ['CODEOWNERS', '.github/CODEOWNERS', 'docs/CODEOWNERS']);
  if (file === undefined) return [{ file: '.github/CODEOWNERS', message: 'There is no CODEOWNERS file (in the root, .github/ or docs/).' }];
  if (!hasContent(repo.read(file) ?? '')) return [{ file, line: 1, message: `${file} names no owners.` }];
  return [];
}

const PR_TEMPLATES = ['.github/pull_request_template.md', 'pull_request_template.md', 'docs/pull_request_template.md'];

export function checkPullRequestTemplate(repo: Repo): Finding[] {
  const file =
    findFile(repo, PR_TEMPLATES) ?? repo.files.find((candidate) => /^\.github\/pull_request_template\/[^/]+\.md$/i.test(candidate));
  if (file === undefined) return [{ file: '.github/pull_request_template.md', message: 'There is no pull-request template.' }];
  if (isBlank(repo.read(file) ?? '')) return [{ file, line: 1, message: `${file} is empty.` }];
  return [];
}
