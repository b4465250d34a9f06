/**
 * The raw zone as a local folder: the zero-infrastructure default. Keys map
 * to paths under the root. Writes go to a hidden temp file first, so a crash
 * never leaves a half-written object under its real name.
 */
import { randomBytes } from 'node:crypto';
import { link, mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { type Readable } from 'node:stream';
import { ObjectExistsError, ObjectNotFoundError } from './errors.ts';
import { assertValidKey, assertValidPrefix } from './keys.ts';
import { type LakeStore, type ObjectInfo } from './store.ts';

/** Temp files start with this; listings skip them. */
const TEMP_PREFIX = '.tmp-';

function errorCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code;
}

/** Writes body to a new hidden file beside target and flushes it to disk. */
async function writeTempFile(target: string, body: Uint8Array): Promise<string> {
  await mkdir(path.dirname(target), { recursive: true });
  const temp = path.join(path.dirname(target), `${TEMP_PREFIX}${randomBytes(6).toString('hex')}-${path.basename(target)}`);
  const file = await open(temp, 'wx');
  try {
    await file.writeFile(body);
    await file.sync();
  } finally {
    await file.close();
  }
  return temp;
}

/** Every file under dir, as paths relative to root with "/" separators. */
async function listFiles(root: string, dir: string): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    if (errorCode(error) === 'ENOENT' || errorCode(error) === 'ENOTDIR') return [];
    throw error;
  }
  const nested = await Promise.all(
    entries
      .filter((entry) => !entry.name.startsWith(TEMP_PREFIX))
      .map(async (entry) => {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) return listFiles(root, full);
        return entry.isFile() ? [path.relative(root, full).split(path.sep).join('/')] : [];
      }),
  );
  return nested.flat();
}

export class FolderLakeStore implements LakeStore {
  readonly root: string;

  constructor(root: string) {
    this.root = path.resolve(root);
  }

  locationOf(key: string): string {
    assertValidPrefix(key);
    return key === '' ? this.root : `${path.join(this.root, ...key.split('/'))}${key.endsWith('/') ? '/' : ''}`;
  }

  /** The file of one object; stricter than locationOf, which also takes prefixes. */
  private pathOf(key: string): string {
    assertValidKey(key);
    return path.join(this.root, ...key.split('/'));
  }

  // #region put-if-absent-folder
  async putIfAbsent(key: string, body: Uint8Array): Promise<void> {
    const target = this.pathOf(key);
    const temp = await writeTempFile(target, body);
    try {
      // link() is atomic and fails with EEXIST when the name is taken: the
      // file-system equivalent of S3's If-None-Match: *. The object appears
      // complete (it was flushed as the temp file) or not at all.
      await link(temp, target);
    } catch (error) {
      if (errorCode(error) === 'EEXIST') throw new ObjectExistsError(target, { cause: error });
      throw error;
    } finally {
      await rm(temp, { force: true });
    }
  }
  // #endregion put-if-absent-folder

  async put(key: string, body: Uint8Array): Promise<void> {
    const target = this.pathOf(key);
    const temp = await writeTempFile(target, body);
    // rename() replaces the target atomically: readers see the old or the new file.
    await rename(temp, target).catch(async (error: unknown) => {
      await rm(temp, { force: true });
      throw error;
    });
  }

  async get(key: string): Promise<Readable> {
    const target = this.pathOf(key);
    // Open first so a missing file fails here, not later inside the stream.
    const file = await open(target, 'r').catch((error: unknown) => {
      throw errorCode(error) === 'ENOENT' ? new ObjectNotFoundError(target, { cause: error }) : error;
    });
    if (!(await file.stat()).isFile()) {
      await file.close();
      throw new ObjectNotFoundError(target); // a folder, not an object
    }
    return file.createReadStream();
  }

  async head(key: string): Promise<ObjectInfo | undefined> {
    try {
      const info = await stat(this.pathOf(key));
      return info.isFile() ? { key, size: info.size, lastModified: info.mtime } : undefined;
    } catch (error) {
      if (errorCode(error) === 'ENOENT' || errorCode(error) === 'ENOTDIR') return undefined;
      throw error;
    }
  }

  async exists(key: string): Promise<boolean> {
    return (await this.head(key)) !== undefined;
  }

  async *list(prefix: string): AsyncIterable<ObjectInfo> {
    // S3 prefixes are plain string prefixes, not folders: "raw/a" matches
    // "raw/a/x" and "raw/ab/y". Walk from the last whole folder in the prefix.
    const folder = prefix.includes('/') ? prefix.slice(0, prefix.lastIndexOf('/')) : '';
    if (folder !== '') assertValidKey(folder);
    const keys = (await listFiles(this.root, path.join(this.root, ...folder.split('/'))))
      .filter((key) => key.startsWith(prefix))
      .sort();
    for (const key of keys) {
      const info = await this.head(key);
      if (info) yield info;
    }
  }
}
