import { ObjectExistsError } from '@rbk-lbs/kit/lake/errors';
import { FolderLakeStore } from '@rbk-lbs/kit/lake/folder-store';
import { readLandedObject, sha256Hex } from '@rbk-lbs/kit/lake/land';
import { findLatestManifest, readManifest } from '@rbk-lbs/kit/lake/manifest';
import { type LakeStore, readObject } from '@rbk-lbs/kit/lake/store';
import { s3EmulatorsFromEnv } from '@rbk-lbs/kit/services/s3-emulators';
import { startTestBucket, type TestBucket } from '@rbk-lbs/kit/services/test-services';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allOf, isCompleteJson, landResponses } from '../src/land.ts';
import { type RawResponse } from '../src/model.ts';

const json = (value: unknown) => Buffer.from(JSON.stringify(value));

function response(dataset: string, page: number, body: Uint8Array, extra: Partial<RawResponse> = {}): RawResponse {
  return {
    request: { dataset, path: `/data/${dataset}?page=${page}`, page },
    status: 200,
    contentType: 'application/json; charset=utf-8',
    receivedAt: `2024-03-31T10:00:0${page}.000Z`,
    body,
    ...extra,
  };
}

/** What extract might hand over: good pages of two datasets and two bad responses. */
function sampleResponses(): RawResponse[] {
  return [
    response('finance', 1, json({ values: [1, 2, 3] })),
    response('finance', 2, Buffer.from('<html><body>Sorry, the service is busy</body></html>'), { contentType: 'text/html' }),
    response('housing', 1, json({ values: ['a'] })),
    response('finance', 3, Buffer.from('{"values": [4, 5')),
    response('finance', 4, json({ values: [6] })),
  ];
}

describe('isCompleteJson', () => {
  it('passes a complete JSON body with status 2xx', () => {
    expect(isCompleteJson(response('d', 1, json({ ok: true })))).toEqual({ ok: true });
  });

  it('names what is wrong with an error status, an HTML page sent with 200 and a truncated body', () => {
    expect(isCompleteJson(response('d', 1, json({}), { status: 503 }))).toMatchObject({ ok: false, reason: 'the API answered with status 503' });
    expect(isCompleteJson(response('d', 1, Buffer.from('<html/>'), { contentType: 'text/html' }))).toMatchObject({
      ok: false,
      reason: 'expected JSON but the content type is "text/html"',
    });
    expect(isCompleteJson(response('d', 1, Buffer.from('{"a": [1, 2')))).toMatchObject({ ok: false, reason: expect.stringMatching(/not complete JSON/) });
  });

  it('runs extra checks in order after the basic one', () => {
    const noValues = (r: RawResponse) => ('values' in JSON.parse(Buffer.from(r.body).toString()) ? { ok: true as const } : { ok: false as const, reason: 'no "values" field' });
    const check = allOf(isCompleteJson, noValues);
    expect(check(response('d', 1, json({ values: [] })))).toEqual({ ok: true });
    expect(check(response('d', 1, json({ value: [] })))).toMatchObject({ reason: 'no "values" field' });
    expect(check(response('d', 1, json({}), { status: 500 }))).toMatchObject({ reason: 'the API answered with status 500' });
  });
});

type StoreCase = { name: string; open: () => Promise<{ store: () => LakeStore; close: () => Promise<void> }> };

const stores: StoreCase[] = [
  {
    name: 'a folder',
    open: async () => {
      const root = await mkdtemp(path.join(os.tmpdir(), 'land-'));
      let count = 0;
      return { store: () => new FolderLakeStore(path.join(root, String((count += 1)))), close: () => rm(root, { recursive: true, force: true }) };
    },
  },
  ...s3EmulatorsFromEnv().map((kind) => ({
    name: `S3 on ${kind}`,
    open: async () => {
      const bucket: TestBucket = await startTestBucket(kind);
      return { store: () => bucket.store(), close: () => bucket.stop() };
    },
  })),
];

describe.each(stores)('landResponses into $name', ({ open }) => {
  let lake: Awaited<ReturnType<StoreCase['open']>>;
  beforeAll(async () => {
    lake = await open();
  }, 180_000);
  afterAll(() => lake?.close());

  const options = (store: LakeStore) => ({ store, ingestDate: '2024-03-31', runId: '20240331T100000Z-abc123', now: () => new Date('2024-03-31T10:05:00Z') });

  it('lands good responses byte for byte and quarantines bad ones with their reasons', async () => {
    const store = lake.store();
    const summary = await landResponses(sampleResponses(), options(store));

    const finance = summary.datasets.find((d) => d.dataset === 'finance');
    expect(finance).toMatchObject({ landed: 2, manifestKey: 'raw/lginform/finance/ingest_date=2024-03-31/run_id=20240331T100000Z-abc123/_manifest.json' });
    expect(finance?.quarantined).toEqual([
      { location: store.locationOf('quarantine/lginform/finance/ingest_date=2024-03-31/run_id=20240331T100000Z-abc123/part-00001.json.gz'), reason: 'expected JSON but the content type is "text/html"' },
      { location: expect.stringContaining('part-00002.json.gz'), reason: 'the body is not complete JSON (truncated or not JSON)' },
    ]);
    expect(summary.datasets.find((d) => d.dataset === 'housing')).toMatchObject({ landed: 1, quarantined: [] });

    // Every response is somewhere, exactly as received.
    const [first, html, , truncated, fourth] = sampleResponses();
    const rawPrefix = 'raw/lginform/finance/ingest_date=2024-03-31/run_id=20240331T100000Z-abc123/';
    const quarantinePrefix = rawPrefix.replace('raw/', 'quarantine/');
    expect(await readLandedObject(store, `${rawPrefix}part-00000.json.gz`)).toEqual(Buffer.from(first!.body));
    expect(await readLandedObject(store, `${rawPrefix}part-00003.json.gz`)).toEqual(Buffer.from(fourth!.body));
    expect(await readLandedObject(store, `${quarantinePrefix}part-00001.json.gz`)).toEqual(Buffer.from(html!.body));
    expect(await readLandedObject(store, `${quarantinePrefix}part-00002.json.gz`)).toEqual(Buffer.from(truncated!.body));
    const reason = JSON.parse((await readObject(store, `${quarantinePrefix}part-00001.reason.json`)).toString());
    expect(reason).toMatchObject({
      reason: 'expected JSON but the content type is "text/html"',
      context: { part: 1, status: 200, contentType: 'text/html', request: { dataset: 'finance', page: 2 } },
    });
  });

  it('writes a manifest per dataset: what was asked, what came back, sizes and checksums', async () => {
    const store = lake.store();
    const summary = await landResponses(sampleResponses(), options(store));
    const manifest = await readManifest(store, summary.datasets[0]!.manifestKey);
    const [first] = sampleResponses();
    expect(manifest).toMatchObject({
      source: 'lginform', dataset: 'finance', ingestDate: '2024-03-31', runId: '20240331T100000Z-abc123',
      counts: { responses: 4, landed: 2, quarantined: 2 },
    });
    expect(manifest.objects[0]).toEqual({
      part: 0,
      request: first!.request,
      status: 200,
      contentType: 'application/json; charset=utf-8',
      receivedAt: '2024-03-31T10:00:01.000Z',
      key: expect.stringMatching(/part-00000\.json\.gz$/),
      sha256: sha256Hex(first!.body),
      bytes: first!.body.byteLength,
      gzipBytes: (await store.head(manifest.objects[0]!.key))?.size,
    });
    expect(manifest.bytes.uncompressed).toBe(sampleResponses().filter((r) => r.request.dataset === 'finance').reduce((n, r) => n + r.body.byteLength, 0));
    expect((await findLatestManifest(store, { source: 'lginform', dataset: 'housing', ingestDate: '2024-03-31' }))?.counts.landed).toBe(1);
  });

  it('can be re-run for the same run id, and never overwrites different bytes', async () => {
    const store = lake.store();
    await landResponses(sampleResponses(), options(store));
    const again = await landResponses(sampleResponses(), options(store));
    expect(again.datasets.map((d) => d.landed)).toEqual([2, 1]);

    const changed = sampleResponses();
    changed[0] = response('finance', 1, json({ values: [999] }));
    await expect(landResponses(changed, options(store))).rejects.toBeInstanceOf(ObjectExistsError);
    const kept = await readLandedObject(store, 'raw/lginform/finance/ingest_date=2024-03-31/run_id=20240331T100000Z-abc123/part-00000.json.gz');
    expect(kept).toEqual(Buffer.from(sampleResponses()[0]!.body));
  });

  it('writes no manifest when extract fails part way, so load never sees a partial run', async () => {
    const store = lake.store();
    async function* failing() {
      yield response('finance', 1, json({ values: [1] }));
      throw new Error('the API stopped answering');
    }
    await expect(landResponses(failing(), options(store))).rejects.toThrow('the API stopped answering');
    expect(await store.exists('raw/lginform/finance/ingest_date=2024-03-31/run_id=20240331T100000Z-abc123/part-00000.json.gz')).toBe(true);
    expect(await findLatestManifest(store, { source: 'lginform', dataset: 'finance', ingestDate: '2024-03-31' })).toBeUndefined();
  });
});
