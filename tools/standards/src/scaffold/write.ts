/**
 * Writes a planned repository to disk, and never overwrites: into an empty
 * folder (a folder holding only `.git`, as after `git clone` of a new
 * repository, counts as empty), or, with `force`, into any folder, writing
 * only the files that are missing and reporting the ones it skipped.
 */
import { chmodSync, existsSync, lstatSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { type PlannedFile } from './plan.ts';

/** A reason to refuse before anything is written: the command's exit code is then 2. */
export class TargetFolderError extends Error {
  override name = 'TargetFolderError';
}

export type WriteResult = { written: string[]; skipped: string[] };

/** Writing failed part way (a disk error): `result` says what was written before it. */
export class ScaffoldWriteError extends Error {
  override name = 'ScaffoldWriteError';
  readonly result: WriteResult;

  constructor(message: string, result: WriteResult, options?: ErrorOptions) {
    super(message, options);
    this.result = result;
  }
}

/** What the folder holds, `.git` aside; an absent folder holds nothing. */
export function folderEntries(folder: string): string[] {
  if (!existsSync(folder)) return [];
  if (!statSync(folder).isDirectory()) throw new TargetFolderError(`${folder} is a file, not a folder.`);
  return readdirSync(folder)
    .filter((entry) => entry !== '.git')
    .sort();
}

/** Throws TargetFolderError when the folder cannot be written to with these settings. */
export function checkTarget(folder: string, force: boolean): void {
  const entries = folderEntries(folder);
  if (entries.length === 0 || force) return;
  const shown = entries.slice(0, 5).join(', ') + (entries.length > 5 ? `, and ${entries.length - 5} more` : '');
  throw new TargetFolderError(
    `${folder} is not empty (it holds ${shown}). Choose a new or empty folder, or pass --force to add only the files that are missing (existing files are never overwritten).`,
  );
}

function exists(file: string): boolean {
  try {
    lstatSync(file);
    return true;
  } catch {
    return false;
  }
}

export function writeScaffold(folder: string, files: readonly PlannedFile[], options: { force: boolean }): WriteResult {
  checkTarget(folder, options.force);
  const result: WriteResult = { written: [], skipped: [] };
  for (const file of files) {
    const target = path.join(folder, ...file.path.split('/'));
    if (exists(target)) {
      result.skipped.push(file.path);
      continue;
    }
    try {
      mkdirSync(path.dirname(target), { recursive: true });
      // "wx": fail rather than overwrite, even if the file appeared since the check above.
      writeFileSync(target, file.contents, { flag: 'wx' });
      if (file.mode !== undefined) chmodSync(target, file.mode);
    } catch (error) {
      throw new ScaffoldWriteError(`Could not write ${file.path}: ${error instanceof Error ? error.message : String(error)}`, result, { cause: error });
    }
    result.written.push(file.path);
  }
  return result;
}
