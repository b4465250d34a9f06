/**
 * One interface for the raw zone, two implementations: a local folder (the
 * zero-infrastructure default) and S3 (any endpoint). Steps depend on this
 * interface only, so the same code lands to a laptop folder, LocalStack,
 * moto or AWS.
 */
import { type Readable } from 'node:stream';

/** What a store knows about one object without reading it. */
export type ObjectInfo = {
  /** The key relative to the store's root (never includes the S3 prefix). */
  key: string;
  /** Size in bytes as stored (gzip size for .gz objects). */
  size: number;
  lastModified: Date;
};

export type PutOptions = {
  /** A MIME type for S3; the folder store relies on the file extension. */
  contentType?: string;
};

// #region lake-store
export type LakeStore = {
  /** Where the store points, for log lines and summaries (a folder or s3:// URL). */
  readonly root: string;
  /** Where one key lives, e.g. s3://bucket/prefix/raw/... or /abs/path/raw/... */
  locationOf(key: string): string;
  /**
   * Writes the object only if no object has that key. Throws ObjectExistsError
   * and keeps the first body when one exists. The object appears whole or not
   * at all: readers never see a half-written body.
   */
  putIfAbsent(key: string, body: Uint8Array, options?: PutOptions): Promise<void>;
  /** Writes or replaces the object, atomically. For manifests and reason files. */
  put(key: string, body: Uint8Array, options?: PutOptions): Promise<void>;
  /** The body as a stream. Throws ObjectNotFoundError when absent. */
  get(key: string): Promise<Readable>;
  /** Size and date, or undefined when absent. */
  head(key: string): Promise<ObjectInfo | undefined>;
  exists(key: string): Promise<boolean>;
  /** Every object whose key starts with prefix, in key order, fetched page by page. */
  list(prefix: string): AsyncIterable<ObjectInfo>;
};
// #endregion lake-store

/** Reads a whole object into memory. For manifests and single responses, not bulk data. */
export async function readObject(store: LakeStore, key: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of await store.get(key)) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}
