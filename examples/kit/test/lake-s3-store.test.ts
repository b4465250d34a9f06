import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { S3LakeStore } from '../src/lake/s3-store.ts';
import { s3EmulatorsFromEnv } from '../src/services/s3-emulators.ts';
import { startTestBucket, type TestBucket } from '../src/services/test-services.ts';
import { lakeStoreContract } from './lake-store-contract.ts';

// S3_EMULATOR=localstack|moto runs one; by default both run.
describe.each(s3EmulatorsFromEnv())('S3LakeStore on %s', (kind) => {
  let bucket: TestBucket;
  beforeAll(async () => {
    bucket = await startTestBucket(kind);
  });
  afterAll(() => bucket?.stop());

  // Pages of 2 keys, so every listing below crosses several pages.
  lakeStoreContract(() => bucket.store({ pageSize: 2 }));

  it('keeps each store inside its prefix', async () => {
    const a = bucket.store({ prefix: 'team-a/lake' });
    const b = bucket.store({ prefix: 'team-b/lake' });
    await a.putIfAbsent('raw/x', Buffer.from('a'));
    await b.putIfAbsent('raw/x', Buffer.from('b'));
    expect(a.locationOf('raw/x')).toBe(`s3://${bucket.bucket}/team-a/lake/raw/x`);
    const listed: string[] = [];
    for await (const object of a.list('')) listed.push(object.key);
    expect(listed).toEqual(['raw/x']);
  });

  it('refuses a multipart upload over an existing key too', async () => {
    const lake = new S3LakeStore({ client: bucket.client, bucket: bucket.bucket, prefix: 'multipart' });
    const large = Buffer.alloc(6 * 1024 * 1024, 1); // over lib-storage's 5 MB part size
    await lake.putIfAbsent('big.bin', large);
    expect((await lake.head('big.bin'))?.size).toBe(large.length);
    await expect(lake.putIfAbsent('big.bin', Buffer.alloc(6 * 1024 * 1024, 2))).rejects.toThrow('already exists');
  });
});
