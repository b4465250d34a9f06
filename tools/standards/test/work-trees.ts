/** Repositories on disk for the tests that need real files and a Git root. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const made: string[] = [];

/** A Git work tree (a `.git` folder at its root) holding `files`, in a new temporary folder; returns its root. */
export function workTree(files: Record<string, string>, prefix = 'de-standards-'): string {
  const root = mkdtempSync(path.join(os.tmpdir(), prefix));
  made.push(root);
  mkdirSync(path.join(root, '.git'));
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  }
  return root;
}

/** Deletes every work tree this test file made: call it from afterAll. */
export function removeWorkTrees(): void {
  for (const root of made.splice(0)) rmSync(root, { recursive: true, force: true });
}
