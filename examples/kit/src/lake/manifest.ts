/**
 * The manifest of one run: what was asked, what came back, where it was
 * put, and the checksum of every object. It is written last, so its
 * presence means the run's landing completed; a run without one is treated
 * as never having happened.
 */
import { z } from 'zod';
import { manifestKey, rawPartitionPrefix, type PartitionRef, type RunRef } from './keys.ts';
import { type LandedObject, type QuarantinedObject } from './land.ts';
import { type LakeStore, readObject } from './store.ts';

/** What came back for one request, as recorded in the manifest. */
export type ResponseRecord<TRequest> = {
  /** Position of the response in the run; also its part number. */
  part: number;
  request: TRequest;
  status: number;
  contentType: string | null;
  receivedAt: string;
};

export type ManifestObject<TRequest> = ResponseRecord<TRequest> & Omit<LandedObject, 'alreadyLanded'>;
export type ManifestQuarantined<TRequest> = ManifestObject<TRequest> & { reasonKey: string; reason: string };

// #region manifest
export type Manifest<TRequest = unknown> = {
  manifestVersion: 1;
  source: string;
  dataset: string;
  ingestDate: string;
  runId: string;
  startedAt: string;
  completedAt: string;
  counts: { responses: number; landed: number; quarantined: number };
  bytes: { uncompressed: number; gzip: number };
  objects: ManifestObject<TRequest>[];
  quarantined: ManifestQuarantined<TRequest>[];
};

/** Pure: the manifest for a run from what was landed and quarantined. */
export function buildManifest<TRequest>(input: {
  run: RunRef;
  startedAt: Date;
  completedAt: Date;
  landed: { response: ResponseRecord<TRequest>; object: LandedObject }[];
  quarantined: { response: ResponseRecord<TRequest>; object: QuarantinedObject }[];
}): Manifest<TRequest> {
  // alreadyLanded describes this attempt, not the object: it stays out of the record.
  const objects = input.landed.map(({ response, object: { alreadyLanded: _, ...object } }) => ({ ...response, ...object }));
  const quarantined = input.quarantined.map(({ response, object: { alreadyLanded: _, ...object } }) => ({ ...response, ...object }));
  const byPart = (a: { part: number }, b: { part: number }) => a.part - b.part;
  const all = [...objects, ...quarantined];
  return {
    manifestVersion: 1,
    ...input.run,
    startedAt: input.startedAt.toISOString(),
    completedAt: input.completedAt.toISOString(),
    counts: { responses: all.length, landed: objects.length, quarantined: quarantined.length },
    bytes: {
      uncompressed: all.reduce((sum, object) => sum + object.bytes, 0),
      gzip: all.reduce((sum, object) => sum + object.gzipBytes, 0),
    },
    objects: objects.sort(byPart),
    quarantined: quarantined.sort(byPart),
  };
}
// #endregion manifest

const objectSchema = z.object({
  part: z.number().int().nonnegative(),
  request: z.unknown(),
  status: z.number().int(),
  contentType: z.string().nullable(),
  receivedAt: z.string(),
  key: z.string(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  bytes: z.number().int().nonnegative(),
  gzipBytes: z.number().int().nonnegative(),
});

const manifestSchema = z.object({
  manifestVersion: z.literal(1),
  source: z.string(),
  dataset: z.string(),
  ingestDate: z.string(),
  runId: z.string(),
  startedAt: z.string(),
  completedAt: z.string(),
  counts: z.object({ responses: z.number(), landed: z.number(), quarantined: z.number() }),
  bytes: z.object({ uncompressed: z.number(), gzip: z.number() }),
  objects: z.array(objectSchema),
  quarantined: z.array(objectSchema.extend({ reasonKey: z.string(), reason: z.string() })),
});

/** A manifest that cannot be read or does not have the expected shape. */
export class ManifestError extends Error {
  readonly location: string;
  constructor(location: string, problem: string, options?: { cause?: unknown }) {
    super(`Manifest ${location} is unreadable: ${problem}. Re-run the landing for that date to write a new run.`, options);
    this.name = 'ManifestError';
    this.location = location;
  }
}

/** Writes the manifest under the run's folder and returns its key. */
export async function writeManifest(store: LakeStore, manifest: Manifest<unknown>): Promise<string> {
  const key = manifestKey(manifest);
  await store.put(key, Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`), { contentType: 'application/json' });
  return key;
}

export async function readManifest(store: LakeStore, key: string): Promise<Manifest> {
  let json: unknown;
  try {
    json = JSON.parse((await readObject(store, key)).toString('utf8'));
  } catch (error) {
    throw new ManifestError(store.locationOf(key), 'it is not JSON', { cause: error });
  }
  const parsed = manifestSchema.safeParse(json);
  if (!parsed.success) throw new ManifestError(store.locationOf(key), z.prettifyError(parsed.error));
  return parsed.data as Manifest;
}

function isNewer(a: Manifest, b: Manifest): boolean {
  if (a.completedAt !== b.completedAt) return Date.parse(a.completedAt) > Date.parse(b.completedAt);
  return a.runId > b.runId;
}

// #region latest-complete-run
/**
 * The newest run of a partition whose landing completed (the one with the
 * latest completedAt), or undefined when no run has finished. Runs that
 * crashed before writing their manifest are ignored.
 */
export async function findLatestManifest(store: LakeStore, partition: PartitionRef): Promise<Manifest | undefined> {
  let latest: Manifest | undefined;
  for await (const object of store.list(rawPartitionPrefix(partition))) {
    if (!object.key.endsWith('/_manifest.json')) continue;
    const manifest = await readManifest(store, object.key);
    if (latest === undefined || isNewer(manifest, latest)) latest = manifest;
  }
  return latest;
}
// #endregion latest-complete-run

/** Object key -> SHA-256 of every landed object: what a load of this run would read. */
export function manifestChecksums(manifest: Manifest<unknown>): Record<string, string> {
  return Object.fromEntries(manifest.objects.map((object) => [object.key, object.sha256]));
}

/**
 * True when two sets of objects hold the same content, whatever their keys:
 * a new run that fetched identical responses lands them under new keys.
 */
export function sameContent(a: Record<string, string>, b: Record<string, string>): boolean {
  const sorted = (checksums: Record<string, string>) => Object.values(checksums).sort().join(',');
  return sorted(a) === sorted(b);
}
