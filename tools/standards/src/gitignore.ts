/**
 * Does a .gitignore keep a given path out of Git? A small matcher for the
 * patterns the required entries are written with: `*`, `**`, `?`, a leading
 * or middle `/` (anchored to the .gitignore's folder), a trailing `/`
 * (folders only) and `!` (re-include; the last matching line wins, as in Git).
 */

export type IgnoreSample = { path: string; folder: boolean };

export function isIgnored(gitignore: string, sample: IgnoreSample): boolean {
  let ignored = false;
  for (const rawLine of gitignore.split(/\r?\n/)) {
    const line = rawLine.trim();
    if (line === '' || line.startsWith('#')) continue;
    const negated = line.startsWith('!');
    let pattern = negated ? line.slice(1) : line;
    const folderOnly = pattern.endsWith('/');
    if (folderOnly) pattern = pattern.slice(0, -1);
    if (folderOnly && !sample.folder) continue;
    const anchored = pattern.includes('/');
    pattern = pattern.replace(/^\//, '');
    const subject = anchored ? sample.path : sample.path.slice(sample.path.lastIndexOf('/') + 1);
    if (globToRegExp(pattern).test(subject)) ignored = !negated;
  }
  return ignored;
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
