/**
 * Does a .gitignore keep a given path out of Git, and whom does CODEOWNERS
 * name for it? A small matcher for the patterns both files are written with:
 * `*`, `**`, `?`, a leading or middle `/` (anchored to the file's folder), a
 * trailing `/` (folders only) and, in .gitignore, `!` (re-include). The last
 * matching line wins, as in Git and GitHub.
 */

export type IgnoreSample = { path: string; folder: boolean };

type Pattern = { regex: RegExp; negated: boolean; folderOnly: boolean; anchored: boolean; childrenOnly: boolean };

/** One pattern line, or undefined for a blank line or a comment. */
function parsePattern(rawPattern: string): Pattern | undefined {
  const line = rawPattern.trim();
  if (line === '' || line.startsWith('#')) return undefined;
  const negated = line.startsWith('!');
  let pattern = negated ? line.slice(1) : line;
  const folderOnly = pattern.endsWith('/');
  if (folderOnly) pattern = pattern.slice(0, -1);
  const anchored = pattern.includes('/');
  pattern = pattern.replace(/^\//, '');
  return { regex: globToRegExp(pattern), negated, folderOnly, anchored, childrenOnly: pattern.endsWith('/*') };
}

function matches(pattern: Pattern, sample: IgnoreSample): boolean {
  if (pattern.folderOnly && !sample.folder) return false;
  const subject = pattern.anchored ? sample.path : sample.path.slice(sample.path.lastIndexOf('/') + 1);
  return pattern.regex.test(subject);
}

export function isIgnored(gitignore: string, sample: IgnoreSample): boolean {
  return isIgnoredBy([{ folder: '', text: gitignore }], sample);
}

/** A .gitignore and its folder, as a path from the Git root ('' for the root). */
export type IgnoreFile = { folder: string; text: string };

/**
 * Whether the .gitignore files, listed from the Git root down, ignore a path
 * given from the Git root. Each file's patterns are relative to its own
 * folder and apply only below it, and a deeper file overrides a shallower one.
 */
export function isIgnoredBy(files: readonly IgnoreFile[], sample: IgnoreSample): boolean {
  let ignored = false;
  for (const { folder, text } of files) {
    if (folder !== '' && !sample.path.startsWith(`${folder}/`)) continue;
    const local = { path: folder === '' ? sample.path : sample.path.slice(folder.length + 1), folder: sample.folder };
    for (const line of text.split(/\r?\n/)) {
      const pattern = parsePattern(line);
      if (pattern && matches(pattern, local)) ignored = !pattern.negated;
    }
  }
  return ignored;
}

/** The owners a CODEOWNERS line gives, and that line's number. */
export type Ownership = { owners: string[]; line: number };

/**
 * Who owns a file (its path from the repository root) under CODEOWNERS: the
 * last line whose pattern matches the file or a folder above it. A line with
 * no owners leaves the file unowned. As GitHub documents, `docs/*` covers
 * the files directly in docs/, not those further down. Undefined when no
 * line matches.
 */
export function ownerOf(codeowners: string, file: string): Ownership | undefined {
  const parts = file.split('/');
  const folders = parts.slice(0, -1).map((_part, index) => parts.slice(0, index + 1).join('/'));
  let found: Ownership | undefined;
  codeowners.split(/\r?\n/).forEach((raw, index) => {
    const [patternText = '', ...owners] = raw.replace(/(^|\s)#.*$/, '').trim().split(/\s+/);
    const pattern = parsePattern(patternText);
    if (!pattern || pattern.negated) return;
    const hit = matches(pattern, { path: file, folder: false }) || (!pattern.childrenOnly && folders.some((folder) => matches(pattern, { path: folder, folder: true })));
    if (hit) found = { owners, line: index + 1 };
  });
  return found;
}

function globToRegExp(glob: string): RegExp {
  let source = '';
  for (let i = 0; i < glob.length; i++) {
    const ch = glob[i] ?? '';
    if (glob.startsWith('**/', i)) {
      source += '(?:.*/)?';
      i += 2;
    } else if (glob.startsWith('**', i)) {
      source += '.*';
      i++;
    } else if (ch === '*') {
      source += '[^/]*';
    } else if (ch === '?') {
      source += '[^/]';
    } else {
      source += ch.replace(/[.+^${}()|[\]\\]/g, '\\$&');
    }
  }
  return new RegExp(`^${source}$`);
}
