/**
 * A repository as the checks see it: a list of its files (relative, with
 * forward slashes) and their text. Checks never touch the disk themselves,
 * so a unit test can hand them a repository held in memory.
 *
 * A folder inside a larger Git work tree (a pipeline in a monorepo) also
 * carries that tree's root, because GitHub reads CODEOWNERS and the
 * pull-request template only there, and Git applies every .gitignore from
 * there down.
 */
import { existsSync, lstatSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/** One problem a check found. `line` is 1-based; it is absent when the problem is a missing file. */
export type Finding = { file: string; line?: number; message: string };

/** The Git work tree that holds the checked folder, when the folder is not its root. */
export type GitRoot = {
  /** Absolute path of the work tree's root: the nearest folder above that holds `.git`. */
  path: string;
  /** The checked folder's path from that root, with forward slashes (`examples/lginform`). */
  folder: string;
  /** A file's text by its path from the root, or undefined if there is no such file. */
  read: (file: string) => string | undefined;
  /** The files directly in a folder, as paths from the root; the folder is given from the root ('' for the root) and matched without regard to case. */
  list: (folder: string) => string[];
};

export type Repo = {
  /** Absolute path of the folder checked, or a label for a repository in memory. */
  root: string;
  files: readonly string[];
  /** The file's text, or undefined if it is not in the repository. */
  read: (file: string) => string | undefined;
  /** True when `root` is a folder on disk, so a check can point an outside tool at it. */
  onDisk?: boolean;
  /** Paths (relative to root) that the repository's .de-standards.json leaves out of every check. */
  excluded?: readonly string[];
  /** Set when the folder sits below the root of a Git work tree. */
  gitRoot?: GitRoot;
};

/**
 * Folders never read: installed packages, tool caches, build output and
 * local data. A fixed list, not the repository's .gitignore, so the result
 * does not depend on a file the checks themselves judge.
 */
export const SKIPPED_FOLDERS: ReadonlySet<string> = new Set([
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

/** The repository's own settings for the check, at the root of the folder checked. */
export const CONFIG_FILE = '.de-standards.json';

export type Config = {
  /** Folders or files, relative to the checked folder, that no check reads (a test fixture that breaks the rules on purpose). */
  exclude: string[];
  /** Check the folder as a repository of its own even inside a larger Git work tree (a fixture or a template of a repository). */
  root: boolean;
};

/** The repository's .de-standards.json is not valid; the message says what to change. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

const CONFIG_KEYS = new Set(['exclude', 'root']);

/** Reads and checks a .de-standards.json; `where` names the file in messages. */
export function parseConfig(text: string, where: string): Config {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`${where} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ConfigError(`${where} must hold a JSON object, such as {"exclude": ["test/fixtures/bad"]}.`);
  }
  const unknown = Object.keys(value).filter((key) => !CONFIG_KEYS.has(key));
  if (unknown.length > 0) throw new ConfigError(`${where} has unknown settings: ${unknown.join(', ')}. The settings are "exclude" and "root".`);
  const { exclude = [], root = false } = value as { exclude?: unknown; root?: unknown };
  if (!Array.isArray(exclude)) throw new ConfigError(`${where}: "exclude" must be a list of paths, such as ["test/fixtures/bad"].`);
  if (typeof root !== 'boolean') throw new ConfigError(`${where}: "root" must be true or false.`);
  return { exclude: exclude.map((entry: unknown) => excludedPath(entry, where)), root };
}

/** One "exclude" entry as a clean relative path, or a clear error. */
function excludedPath(entry: unknown, where: string): string {
  if (typeof entry !== 'string') throw new ConfigError(`${where}: every "exclude" entry must be a string; got ${JSON.stringify(entry)}.`);
  const cleaned = entry.replace(/\/+$/, '');
  const problem =
    cleaned === '' ? 'is empty'
    : cleaned.startsWith('/') ? 'must be relative to the folder checked'
    : cleaned.includes('\\') ? 'must use forward slashes'
    : /[*?[\]]/.test(cleaned) ? 'must be a plain path: patterns are not supported'
    : cleaned.split('/').some((segment) => segment === '' || segment === '.' || segment === '..') ? 'must not contain empty, "." or ".." parts'
    : undefined;
  if (problem) throw new ConfigError(`${where}: the "exclude" entry ${JSON.stringify(entry)} ${problem}.`);
  return cleaned;
}

function readConfig(root: string): Config {
  const file = path.join(root, CONFIG_FILE);
  if (!existsSync(file)) return { exclude: [], root: false };
  const config = parseConfig(readFileSync(file, 'utf8'), file);
  for (const entry of config.exclude) {
    // A stale entry would exclude nothing without anyone noticing.
    if (!existsSync(path.join(root, entry))) throw new ConfigError(`${file}: the "exclude" entry "${entry}" names nothing in ${root}.`);
  }
  return config;
}

/** The nearest folder at or above `folder` that holds `.git` (a folder, or a file in a worktree or submodule). */
export function findGitRoot(folder: string): string | undefined {
  let dir = path.resolve(folder);
  for (;;) {
    if (existsSync(path.join(dir, '.git'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

function gitRootOf(root: string): GitRoot | undefined {
  const top = findGitRoot(root);
  if (top === undefined || top === path.resolve(root)) return undefined;
  return {
    path: top,
    folder: path.relative(top, root).split(path.sep).join('/'),
    read(file) {
      const full = path.join(top, file);
      return existsSync(full) && statSync(full).isFile() ? readFileSync(full, 'utf8') : undefined;
    },
    list(folder) {
      // Each part of the folder is matched without regard to case, as GitHub does for .github/PULL_REQUEST_TEMPLATE/.
      let dir = '';
      for (const part of folder.split('/').filter(Boolean)) {
        const entries = readdirSync(path.join(top, dir), { withFileTypes: true });
        const match = entries.find((entry) => entry.isDirectory() && entry.name.toLowerCase() === part.toLowerCase());
        if (!match) return [];
        dir = dir === '' ? match.name : `${dir}/${match.name}`;
      }
      return readdirSync(path.join(top, dir), { withFileTypes: true })
        .filter((entry) => entry.isFile())
        .map((entry) => (dir === '' ? entry.name : `${dir}/${entry.name}`));
    },
  };
}

/**
 * Reads the folder at `root`. Throws ConfigError when its .de-standards.json
 * is not valid, so a broken setting is never read as "exclude nothing".
 */
export function openRepo(root: string): Repo {
  const config = readConfig(root);
  const excluded = new Set(config.exclude);
  const files: string[] = [];
  walk(root, '', excluded, files);
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
    onDisk: true,
    excluded: config.exclude,
    gitRoot: config.root ? undefined : gitRootOf(root),
  };
}

function walk(root: string, relative: string, excluded: ReadonlySet<string>, out: string[]): void {
  for (const entry of readdirSync(path.join(root, relative), { withFileTypes: true })) {
    const file = relative === '' ? entry.name : `${relative}/${entry.name}`;
    if (excluded.has(file)) continue;
    // Symbolic links are skipped: they may point outside the repository or loop.
    if (entry.isDirectory()) {
      if (!SKIPPED_FOLDERS.has(entry.name)) walk(root, file, excluded, out);
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
