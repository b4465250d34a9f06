/**
 * Picks the lake store from one setting, LAKE_URL: a folder path for the
 * zero-infrastructure run, or s3://bucket/prefix for S3 and emulators.
 */
import { type S3Client } from '@aws-sdk/client-s3';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { LakeUrlError } from './errors.ts';
import { FolderLakeStore } from './folder-store.ts';
import { S3LakeStore } from './s3-store.ts';
import { type LakeStore } from './store.ts';

export type LakeLocation = { kind: 'folder'; path: string } | { kind: 's3'; bucket: string; prefix: string };

const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

// #region lake-url
/**
 * Reads LAKE_URL without touching the store. A relative folder is taken from
 * baseDir (the example's folder), not from wherever the command was run.
 */
export function parseLakeUrl(url: string, baseDir: string = process.cwd()): LakeLocation {
  const value = url.trim();
  if (value === '') throw new LakeUrlError(url, 'it is empty');
  if (value.startsWith('s3://')) {
    const parsed = new URL(value);
    if (!BUCKET_NAME.test(parsed.hostname)) {
      throw new LakeUrlError(url, `"${parsed.hostname}" is not a valid S3 bucket name (3-63 lower-case letters, digits, "." or "-")`);
    }
    return { kind: 's3', bucket: parsed.hostname, prefix: decodeURIComponent(parsed.pathname).replace(/^\/+/, '') };
  }
  if (value.startsWith('file://')) return { kind: 'folder', path: fileURLToPath(value) };
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) throw new LakeUrlError(url, 'only folder paths, file:// and s3:// are supported');
  return { kind: 'folder', path: path.resolve(baseDir, value) };
}

export function lakeStoreFromUrl(url: string, options: { baseDir?: string; s3Client?: S3Client } = {}): LakeStore {
  const location = parseLakeUrl(url, options.baseDir);
  if (location.kind === 'folder') return new FolderLakeStore(location.path);
  // Without a client, the store makes one on first use, so a folder lake never loads the AWS SDK.
  return new S3LakeStore({ client: options.s3Client, bucket: location.bucket, prefix: location.prefix });
}
// #endregion lake-url
