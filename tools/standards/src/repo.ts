/**
 * A repository as the checks see it: a list of its files (relative, with
 * forward slashes) and their text. Checks never touch the disk themselves,
 * so a unit test can hand them a repository held in memory.
 */
import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** One problem a check found. `line` is 1-based; it is absent when the problem is a missing file. */
export type Finding = { file: string; line?: number; message: string };

export type Repo = {
  /** Absolute path of the folder checked, or a label for a repository in memory. */
  root: string;
  files: readonly string[];
  /** The file's text, or undefined if it is not in the repository. */
  read: (file: string) => string | undefined;
};

/**
 * Folders never read: installed packages, tool caches, build output and
 * local data. A fixed list, not the repository's .gitignore, so the result
 * does not depend on a file the checks themselves judge.
 */
const SKIPPED_FOLDERS = new Set([
  '.git',
  'node_modules',
  '.terraform',
  '.venv',
  '.venvs',
  'venv',
  '__pycache__',
  '.pytest_cache',
  'dist',
  'build',
  'target',
  'dbt_packages',
  'logs',
  'coverage',
  '.data',
  '.lake',
  '.docusaurus',
]);

/** Larger files are data, not configuration: reading them would only slow the check. */
const MAX_FILE_BYTES = 2_000_000;

export function openRepo(root: string): Repo {
  const files: string[] = [];
  walk(root, '', files);
  files.sort();
  const known = new Set(files);
  const cache = new Map<string, string>();
  return {
    root,
    files,
    read(file) {
      if (!known.has(file)) return undefined;
      let text = cache.get(file);
      if (text === undefined) {
        text = readFileSync(path.join(root, file), 'utf8');
        cache.set(file, text);
      }
      return text;
    },
  };
}

function walk(root: string, relative: string, out: string[]): void {
  for (const entry of readdirSync(path.join(root, relative), { withFileTypes: true })) {
    const file = relative === '' ? entry.name : `${relative}/${entry.name}`;
    // Symbolic links are skipped: they may point outside the repository or loop.
    if (entry.isDirectory()) {
      if (!SKIPPED_FOLDERS.has(entry.name)) walk(root, file, out);
    } else if (entry.isFile() && lstatSync(path.join(root, file)).size <= MAX_FILE_BYTES) {
      out.push(file);
    }
  }
}

/** A repository held in memory, for tests: file path -> text. */
export function memoryRepo(contents: Record<string, string>): Repo {
  const files = Object.keys(contents).sort();
  return { root: '(memory)', files, read: (file) => contents[file] };
}

/** The file's name without its folder. */
export function baseName(file: string): string {
  return file.slice(file.lastIndexOf('/') + 1);
}

/** 1-based line number of a character offset. */
export function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text[i] === '\n') line++;
  return line;
}
