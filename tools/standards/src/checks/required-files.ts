/**
 * The files every pipeline repository must have: a README that answers the
 * questions a newcomer asks, a .gitignore that keeps secrets and tool output
 * out of Git, CODEOWNERS, and a pull-request template.
 *
 * A folder inside a larger Git work tree is judged as Git and GitHub treat
 * it: CODEOWNERS and the pull-request template count only at the Git root,
 * where GitHub reads them, and every .gitignore from the Git root down
 * applies. Such files are named by their path from the checked folder
 * (`../../.github/CODEOWNERS`).
 */
import path from 'node:path';
import { type IgnoreSample, isIgnoredBy, ownerOf } from '../gitignore.ts';
import { markdownLines } from '../markdown.ts';
import { baseName, type Finding, type Repo } from '../repo.ts';

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

/** The repository root as GitHub sees it: the folder checked, or the root of the Git work tree it sits in. */
type GitHubRoot = {
  /** The files directly in a folder (given from the root, matched without regard to case), as paths from the root. */
  list: (folder: string) => string[];
  read: (file: string) => string | undefined;
  /** How a finding names a file given from the root: by its path from the folder checked. */
  shown: (file: string) => string;
  /** A file of the folder checked, as a path from the root. */
  fromRoot: (file: string) => string;
  /** The root in words, for messages. */
  label: string;
};

function folderOf(file: string): string {
  const slash = file.lastIndexOf('/');
  return slash === -1 ? '' : file.slice(0, slash);
}

function githubRoot(repo: Repo): GitHubRoot {
  const git = repo.gitRoot;
  if (git === undefined) {
    return {
      list: (folder) => repo.files.filter((file) => folderOf(file).toLowerCase() === folder.toLowerCase()),
      read: (file) => repo.read(file),
      shown: (file) => file,
      fromRoot: (file) => file,
      label: 'the root of the repository',
    };
  }
  return {
    list: git.list,
    read: git.read,
    shown: (file) => path.posix.relative(git.folder, file),
    fromRoot: (file) => `${git.folder}/${file}`,
    label: `the Git root (${path.posix.relative(git.folder, '')})`,
  };
}

/** The first of `candidates` (paths from the root) that exists, matched without regard to case, as GitHub does for these files. */
function findAtRoot(root: GitHubRoot, candidates: readonly string[]): string | undefined {
  for (const candidate of candidates) {
    const found = root.list(folderOf(candidate)).find((file) => baseName(file).toLowerCase() === baseName(candidate).toLowerCase());
    if (found) return found;
  }
  return undefined;
}

/** The .gitignore files Git applies to the folder, from the Git root down to the folder itself. */
function gitignoreFiles(repo: Repo): { shown: string; folder: string; text: string }[] {
  const git = repo.gitRoot;
  if (git === undefined) {
    const text = repo.read('.gitignore');
    return text === undefined ? [] : [{ shown: '.gitignore', folder: '', text }];
  }
  const parts = git.folder.split('/');
  const folders = ['', ...parts.map((_part, index) => parts.slice(0, index + 1).join('/'))];
  return folders.flatMap((folder) => {
    const file = folder === '' ? '.gitignore' : `${folder}/.gitignore`;
    const text = git.read(file);
    return text === undefined ? [] : [{ shown: path.posix.relative(git.folder, file), folder, text }];
  });
}

export function checkGitignore(repo: Repo): Finding[] {
  const files = gitignoreFiles(repo);
  const git = repo.gitRoot;
  if (files.length === 0) {
    const where = git === undefined ? 'at the root of the repository' : `in this folder or above it up to the Git root (${path.posix.relative(git.folder, '')})`;
    return [{ file: '.gitignore', message: `There is no .gitignore ${where}.` }];
  }
  if (git === undefined && isBlank(files[0]?.text ?? '')) return [{ file: '.gitignore', line: 1, message: '.gitignore is empty.' }];
  // A fix belongs in the deepest .gitignore that applies: the folder's own, when it has one.
  const nearest = files.at(-1)?.shown ?? '.gitignore';
  const fromRoot = (sample: IgnoreSample): IgnoreSample => (git === undefined ? sample : { ...sample, path: `${git.folder}/${sample.path}` });
  return GITIGNORE_ENTRIES.filter((entry) => !entry.samples.some((sample) => isIgnoredBy(files, fromRoot(sample)))).map((entry) => ({
    file: nearest,
    line: 1,
    message:
      git === undefined
        ? `.gitignore does not ignore ${entry.name}.`
        : `The .gitignore files that apply here (${files.map((file) => file.shown).join(', ')}) do not ignore ${entry.name}.`,
  }));
}

/** Has at least one line that is not a comment: a file of comments names nobody. */
function hasContent(text: string): boolean {
  return text.split(/\r?\n/).some((line) => line.trim() !== '' && !line.trim().startsWith('#'));
}

/** The same file in the folder checked, which GitHub ignores when the folder is not the repository root. */
function ignoredCopy(repo: Repo, candidates: readonly string[]): string | undefined {
  if (repo.gitRoot === undefined) return undefined;
  return repo.files.find((file) => candidates.some((candidate) => candidate.toLowerCase() === file.toLowerCase()));
}

/** Where GitHub looks for CODEOWNERS, in the order it looks. */
const CODEOWNERS = ['.github/CODEOWNERS', 'CODEOWNERS', 'docs/CODEOWNERS'];

/** How many unowned files a finding lists by name. */
const EXAMPLES = 3;

export function checkCodeowners(repo: Repo): Finding[] {
  const root = githubRoot(repo);
  const file = findAtRoot(root, CODEOWNERS);
  if (file === undefined) {
    const places = CODEOWNERS.map((candidate) => `${root.shown(folderOf(candidate) || '.')}/`);
    const local = ignoredCopy(repo, CODEOWNERS);
    const note = local === undefined ? '' : `; GitHub ignores ${local}, as it is not at the repository root`;
    const listed = `${places.slice(0, -1).join(', ')} or ${places.at(-1) ?? ''}`;
    return [{ file: root.shown('.github/CODEOWNERS'), message: `There is no CODEOWNERS file where GitHub reads it (${listed})${note}.` }];
  }
  const text = root.read(file) ?? '';
  const shown = root.shown(file);
  if (!hasContent(text)) return [{ file: shown, line: 1, message: `${shown} names no owners.` }];
  const unowned = repo.files.filter((candidate) => (ownerOf(text, root.fromRoot(candidate))?.owners.length ?? 0) === 0);
  if (unowned.length === 0) return [];
  const examples = unowned.slice(0, EXAMPLES).join(', ');
  const more = unowned.length > EXAMPLES ? ` and ${unowned.length - EXAMPLES} more` : '';
  return [{ file: shown, line: 1, message: `${shown} names no owner for ${unowned.length === 1 ? 'one file' : `${unowned.length} files`} here: ${examples}${more}. Add a pattern that covers them.` }];
}

/** Where GitHub looks for a pull-request template: one file, or a folder of them. */
const PR_TEMPLATES = ['.github/pull_request_template.md', 'pull_request_template.md', 'docs/pull_request_template.md'];
const PR_TEMPLATE_FOLDERS = ['.github/PULL_REQUEST_TEMPLATE', 'PULL_REQUEST_TEMPLATE', 'docs/PULL_REQUEST_TEMPLATE'];

export function checkPullRequestTemplate(repo: Repo): Finding[] {
  const root = githubRoot(repo);
  const file =
    findAtRoot(root, PR_TEMPLATES) ?? PR_TEMPLATE_FOLDERS.flatMap((folder) => root.list(folder)).find((candidate) => /\.md$/i.test(candidate));
  if (file === undefined) {
    const local = ignoredCopy(repo, PR_TEMPLATES);
    const where = repo.gitRoot === undefined ? '' : ` at ${root.label}`;
    const note = local === undefined ? '' : `; GitHub ignores ${local}, as it is not at the repository root`;
    return [{ file: root.shown('.github/pull_request_template.md'), message: `There is no pull-request template${where}${note}.` }];
  }
  const shown = root.shown(file);
  if (isBlank(root.read(file) ?? '')) return [{ file: shown, line: 1, message: `${shown} is empty.` }];
  return [];
}
