import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FolderLakeStore } from '../src/lake/folder-store.ts';
import { manifestKey } from '../src/lake/keys.ts';
import {
  buildManifest,
  findLatestManifest,
  ManifestError,
  manifestChecksums,
  readManifest,
  sameContent,
  writeManifest,
} from '../src/lake/manifest.ts';

const run = { source: 'demo', dataset: 'things', ingestDate: '2024-03-31', runId: 'run-1' };
const sha = (c: string) => c.repeat(64);
const response = (part: number) => ({ part, request: { path: `/data?page=${part}` }, status: 200, contentType: 'application/json', receivedAt: '2024-03-31T10:00:00.000Z' });
const object = (part: number, c: string, bytes = 100) => ({ key: `raw/${part}`, sha256: sha(c), bytes, gzipBytes: bytes / 4, alreadyLanded: part === 2 });

function sample(runId = 'run-1', completedAt = '2024-03-31T10:05:00Z') {
  return buildManifest({
    run: { ...run, runId },
    startedAt: new Date('2024-03-31T10:00:00Z'),
    completedAt: new Date(completedAt),
    landed: [{ response: response(2), object: object(2, 'b') }, { response: response(0), object: object(0, 'a', 200) }],
    quarantined: [{ response: { ...response(1), status: 200, contentType: 'text/html' }, object: { ...object(1, 'c', 40), reasonKey: 'q/1.reason.json', reason: 'HTML' } }],
  });
}

describe('buildManifest', () => {
  it('counts responses, sums sizes and orders objects by part', () => {
    const manifest = sample();
    expect(manifest.counts).toEqual({ responses: 3, landed: 2, quarantined: 1 });
    expect(manifest.bytes).toEqual({ uncompressed: 340, gzip: 85 });
    expect(manifest.objects.map((o) => o.part)).toEqual([0, 2]);
    expect(manifest.quarantined[0]).toMatchObject({ part: 1, reason: 'HTML', reasonKey: 'q/1.reason.json', contentType: 'text/html' });
    expect(manifest).toMatchObject({ ...run, manifestVersion: 1, startedAt: '2024-03-31T10:00:00.000Z', completedAt: '2024-03-31T10:05:00.000Z' });
  });

  it('records what was asked and what came back for each object, and no retry detail', () => {
    const [first] = sample().objects;
    expect(first).toEqual({ ...response(0), key: 'raw/0', sha256: sha('a'), bytes: 200, gzipBytes: 50 });
    expect(sample().objects[1]).not.toHaveProperty('alreadyLanded');
  });

  it('lists the checksums of landed objects only', () => {
    expect(manifestChecksums(sample())).toEqual({ 'raw/0': sha('a'), 'raw/2': sha('b') });
  });
});

describe('sameContent', () => {
  it('compares content whatever the keys are', () => {
    expect(sameContent({ x: sha('a'), y: sha('b') }, { p: sha('b'), q: sha('a') })).toBe(true);
    expect(sameContent({ x: sha('a') }, { x: sha('a'), y: sha('b') })).toBe(false);
    expect(sameContent({ x: sha('a') }, { x: sha('c') })).toBe(false);
  });
});

describe('manifests in a store', () => {
  const dirs: string[] = [];
  afterAll(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));
  const newStore = async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'manifest-'));
    dirs.push(dir);
    return new FolderLakeStore(dir);
  };

  it('writes under the run folder and reads back the same manifest', async () => {
    const store = await newStore();
    const key = await writeManifest(store, sample());
    expect(key).toBe(manifestKey(run));
    expect(await readManifest(store, key)).toEqual(sample());
  });

  it('finds the latest completed run and ignores runs with no manifest', async () => {
    const store = await newStore();
    expect(await findLatestManifest(store, run)).toBeUndefined();
    await writeManifest(store, sample('run-a', '2024-03-31T10:05:00Z'));
    await writeManifest(store, sample('run-c', '2024-03-31T11:00:00Z'));
    await writeManifest(store, sample('run-b', '2024-03-31T10:30:00Z'));
    // A run that crashed: parts but no manifest.
    await store.put('raw/demo/things/ingest_date=2024-03-31/run_id=run-z/part-00000.json.gz', Buffer.from('x'));
    expect((await findLatestManifest(store, run))?.runId).toBe('run-c');
    expect(await findLatestManifest(store, { ...run, ingestDate: '2024-04-01' })).toBeUndefined();
  });

  it('says which manifest is unreadable and why', async () => {
    const store = await newStore();
    await store.put('m/_manifest.json', Buffer.from('{"manifestVersion": 1'));
    await expect(readManifest(store, 'm/_manifest.json')).rejects.toThrow(/m\/_manifest\.json is unreadable: it is not JSON/);
    await store.put('m2/_manifest.json', Buffer.from(JSON.stringify({ ...sample(), objects: [{ key: 'x' }] })));
    const error = await readManifest(store, 'm2/_manifest.json').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ManifestError);
    expect(String(error)).toMatch(/objects/);
  });
});
