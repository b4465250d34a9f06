/**
 * Landing: keep each response exactly as received, gzipped, under a key that
 * is never written twice. Checksums are of the uncompressed bytes, so they
 * identify the response itself, whatever compression level is used.
 */
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { gunzip, gzip } from 'node:zlib';
import { ObjectExistsError } from './errors.ts';
import { type LakeStore, readObject } from './store.ts';

const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** What was written for one response. */
export type LandedObject = {
  key: string;
  /** SHA-256 of the uncompressed bytes, hex. */
  sha256: string;
  /** Size of the uncompressed bytes. */
  bytes: number;
  /** Size of the object as stored. */
  gzipBytes: number;
  /** True when a retry found this very content already landed under the key. */
  alreadyLanded: boolean;
};

// #region land-raw-response
/**
 * Writes the exact bytes of one response, gzipped, with put-if-absent. A
 * retry of the same run finds its own object there and carries on; any other
 * object under the key is a conflict and throws ObjectExistsError.
 */
export async function landRawResponse(store: LakeStore, key: string, body: Uint8Array): Promise<LandedObject> {
  const sha256 = sha256Hex(body);
  const gzipped = await gzipAsync(body);
  const landed = { key, sha256, bytes: body.byteLength, gzipBytes: gzipped.byteLength };
  try {
    await store.putIfAbsent(key, gzipped, { contentType: 'application/gzip' });
    return { ...landed, alreadyLanded: false };
  } catch (error) {
    if (!(error instanceof ObjectExistsError)) throw error;
    const stored = await readObject(store, key);
    if (sha256Hex(await gunzipAsync(stored)) !== sha256) throw error;
    return { ...landed, gzipBytes: stored.length, alreadyLanded: true };
  }
}
// #endregion land-raw-response

/** Why a response was kept out of the raw zone, written beside its bytes. */
export type QuarantineReason = {
  /** One line a data engineer can act on, e.g. "status 200 but the body is HTML". */
  reason: string;
  /** Machine-readable detail, e.g. the validation issues. */
  details?: unknown;
  /** What was asked and what came back: request, status, content type. */
  context?: Record<string, unknown>;
};

export type QuarantinedObject = LandedObject & { reasonKey: string; reason: string };

// #region quarantine
/**
 * Keeps a response that failed validation, with a reason file beside it.
 * The bytes are landed the same way as good ones (gzip, put-if-absent), so
 * nothing is lost and the response can be replayed once the cause is fixed.
 */
export async function quarantineResponse(
  store: LakeStore,
  keys: { bodyKey: string; reasonKey: string },
  body: Uint8Array,
  why: QuarantineReason,
  now: Date = new Date(),
): Promise<QuarantinedObject> {
  const landed = await landRawResponse(store, keys.bodyKey, body);
  const reasonFile = {
    reason: why.reason,
    details: why.details ?? null,
    context: why.context ?? {},
    object: { key: landed.key, sha256: landed.sha256, bytes: landed.bytes, gzipBytes: landed.gzipBytes },
    quarantinedAt: now.toISOString(),
  };
  await store.put(keys.reasonKey, Buffer.from(`${JSON.stringify(reasonFile, null, 2)}\n`), {
    contentType: 'application/json',
  });
  return { ...landed, reasonKey: keys.reasonKey, reason: why.reason };
}
// #endregion quarantine

/** The uncompressed bytes of a landed object. */
export async function readLandedObject(store: LakeStore, key: string): Promise<Buffer> {
  return gunzipAsync(await readObject(store, key));
}
