/**
 * What every LakeStore must do, run against each implementation (a folder
 * and each S3 emulator), so the pipeline behaves the same on a laptop and
 * in AWS.
 */
import { gunzipSync } from 'node:zlib';
import { expect, it } from 'vitest';
import { ObjectExistsError, ObjectNotFoundError } from '../src/lake/errors.ts';
import { landRawResponse, quarantineResponse, readLandedObject, sha256Hex } from '../src/lake/land.ts';
import { type LakeStore, readObject } from '../src/lake/store.ts';

async function keys(store: LakeStore, prefix: string): Promise<string[]> {
  const found: string[] = [];
  for await (const object of store.list(prefix)) found.push(object.key);
  return found;
}

/** Call inside a describe; `store()` gives the store under test (a fresh root each time is best). */
export function lakeStoreContract(store: () => LakeStore): void {
  it('put-if-absent writes a new object and refuses to overwrite it, keeping the first body', async () => {
    const lake = store();
    await lake.putIfAbsent('raw/x/part-00000.json.gz', Buffer.from('first'));
    const error = await lake.putIfAbsent('raw/x/part-00000.json.gz', Buffer.from('second')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ObjectExistsError);
    expect(String(error)).toContain(lake.locationOf('raw/x/part-00000.json.gz'));
    expect((await readObject(lake, 'raw/x/part-00000.json.gz')).toString()).toBe('first');
  });

  it('lets exactly one of several racing writers create a key', async () => {
    const lake = store();
    const bodies = ['a', 'b', 'c', 'd', 'e'].map((letter) => Buffer.from(letter.repeat(1000)));
    const results = await Promise.allSettled(bodies.map((body) => lake.putIfAbsent('race/key', body)));
    const winners = results.flatMap((result, i) => (result.status === 'fulfilled' ? [bodies[i]] : []));
    expect(winners).toHaveLength(1);
    for (const result of results) if (result.status === 'rejected') expect(result.reason).toBeInstanceOf(ObjectExistsError);
    expect(await readObject(lake, 'race/key')).toEqual(winners[0]);
  });

  it('put replaces an object whole', async () => {
    const lake = store();
    await lake.put('m/_manifest.json', Buffer.from('{"v":1}'));
    await lake.put('m/_manifest.json', Buffer.from('{"v":2}'));
    expect((await readObject(lake, 'm/_manifest.json')).toString()).toBe('{"v":2}');
  });

  it('reads, heads and checks objects, and names a missing one', async () => {
    const lake = store();
    const body = Buffer.alloc(300_000, 7);
    await lake.putIfAbsent('a/b/c.bin', body);
    expect((await readObject(lake, 'a/b/c.bin')).equals(body)).toBe(true);
    expect(await lake.head('a/b/c.bin')).toMatchObject({ key: 'a/b/c.bin', size: 300_000 });
    expect(await lake.exists('a/b/c.bin')).toBe(true);
    expect(await lake.head('a/b/missing')).toBeUndefined();
    expect(await lake.exists('a/b')).toBe(false);
    await expect(lake.get('a/b')).rejects.toBeInstanceOf(ObjectNotFoundError);
    const error = await lake.get('a/b/missing').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ObjectNotFoundError);
    expect(String(error)).toContain(lake.locationOf('a/b/missing'));
  });

  it('lists by string prefix, in key order, across many pages', async () => {
    const lake = store();
    const written = Array.from({ length: 7 }, (_, i) => `raw/ds/part-${i}`);
    for (const key of [...written].reverse()) await lake.putIfAbsent(key, Buffer.from(key));
    await lake.putIfAbsent('raw/ds-other/part-0', Buffer.from('x'));
    await lake.putIfAbsent('quarantine/ds/part-0', Buffer.from('x'));
    expect(await keys(lake, 'raw/ds/')).toEqual(written);
    expect(await keys(lake, 'raw/ds')).toEqual([...written.slice(0, 7), 'raw/ds-other/part-0'].sort());
    expect(await keys(lake, 'raw/nothing/')).toEqual([]);
    expect((await keys(lake, '')).length).toBe(9);
  });

  it('refuses keys that could escape the store', async () => {
    const lake = store();
    await expect(lake.putIfAbsent('../outside', Buffer.from('x'))).rejects.toThrow('Invalid lake key');
    await expect(lake.put('/abs', Buffer.from('x'))).rejects.toThrow('Invalid lake key');
  });

  it('lands a response gzipped, with the SHA-256 and sizes of the exact bytes', async () => {
    const lake = store();
    const body = Buffer.from(JSON.stringify({ values: Array.from({ length: 200 }, (_, i) => ({ i, v: i / 3 })) }));
    const landed = await landRawResponse(lake, 'raw/l/part-00000.json.gz', body);
    expect(landed).toEqual({ key: 'raw/l/part-00000.json.gz', sha256: sha256Hex(body), bytes: body.length, gzipBytes: expect.any(Number), alreadyLanded: false });
    expect(landed.gzipBytes).toBeLessThan(body.length);
    const stored = await readObject(lake, landed.key);
    expect(stored.length).toBe(landed.gzipBytes);
    expect(gunzipSync(stored)).toEqual(body);
  });

  it('accepts a retry that lands the same bytes again, and refuses different bytes', async () => {
    const lake = store();
    await landRawResponse(lake, 'raw/r/part-00000.json.gz', Buffer.from('{"a":1}'));
    expect((await landRawResponse(lake, 'raw/r/part-00000.json.gz', Buffer.from('{"a":1}'))).alreadyLanded).toBe(true);
    await expect(landRawResponse(lake, 'raw/r/part-00000.json.gz', Buffer.from('{"a":2}'))).rejects.toBeInstanceOf(ObjectExistsError);
    expect((await readLandedObject(lake, 'raw/r/part-00000.json.gz')).toString()).toBe('{"a":1}');
  });

  it('quarantines the bytes with a reason file beside them', async () => {
    const lake = store();
    const body = Buffer.from('<html>Service unavailable</html>');
    const keys = { bodyKey: 'quarantine/q/part-00003.json.gz', reasonKey: 'quarantine/q/part-00003.reason.json' };
    const now = new Date('2024-03-31T10:00:00Z');
    const quarantined = await quarantineResponse(lake, keys, body, { reason: 'HTML with status 200', context: { status: 200 } }, now);
    expect(quarantined).toMatchObject({ key: keys.bodyKey, reasonKey: keys.reasonKey, reason: 'HTML with status 200', sha256: sha256Hex(body) });
    expect(await readLandedObject(lake, keys.bodyKey)).toEqual(body);
    expect(JSON.parse((await readObject(lake, keys.reasonKey)).toString())).toEqual({
      reason: 'HTML with status 200',
      details: null,
      context: { status: 200 },
      object: { key: keys.bodyKey, sha256: sha256Hex(body), bytes: body.length, gzipBytes: quarantined.gzipBytes },
      quarantinedAt: '2024-03-31T10:00:00.000Z',
    });
  });
}
