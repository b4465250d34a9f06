/**
 * The services an integration test needs, in one call each, with a stop()
 * that leaves nothing running. No vitest import: usable from a globalSetup
 * file, a beforeAll, or a benchmark script.
 */
import {
  CreateBucketCommand,
  DeleteBucketCommand,
  DeleteObjectCommand,
  paginateListObjectsV2,
  type S3Client,
} from '@aws-sdk/client-s3';
import { randomBytes } from 'node:crypto';
import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { createS3Client } from '../lake/s3-client.ts';
import { S3LakeStore } from '../lake/s3-store.ts';
import { reachableDataDir, startEmbeddedPostgres } from '../postgres/embedded.ts';
import { type S3Emulator, type S3EmulatorKind, startS3Emulator } from './s3-emulators.ts';
import { isProcessAlive } from './process-alive.ts';

export type TestBucket = {
  emulator: S3Emulator;
  client: S3Client;
  bucket: string;
  /** A lake store on a fresh prefix of the bucket. */
  store(options?: { prefix?: string; pageSize?: number }): S3LakeStore;
  stop(): Promise<void>;
};

const uniqueName = (stem: string) => `${stem}-${randomBytes(4).toString('hex')}`;

/** Empties and deletes a bucket, so an emulator leaves no folders behind (LocalStack keeps one per bucket in /tmp). */
async function removeBucket(client: S3Client, bucket: string): Promise<void> {
  for await (const page of paginateListObjectsV2({ client }, { Bucket: bucket })) {
    const keys = (page.Contents ?? []).flatMap((object) => (object.Key === undefined ? [] : [object.Key]));
    for (let i = 0; i < keys.length; i += 20) {
      await Promise.all(keys.slice(i, i + 20).map((Key) => client.send(new DeleteObjectCommand({ Bucket: bucket, Key }))));
    }
  }
  await client.send(new DeleteBucketCommand({ Bucket: bucket }));
}

// #region test-bucket
/** Starts an emulator and creates an empty bucket in it. */
export async function startTestBucket(kind: S3EmulatorKind): Promise<TestBucket> {
  const emulator = await startS3Emulator(kind);
  const client = createS3Client(emulator.clientConfig);
  const bucket = uniqueName('lake-test');
  try {
    await client.send(new CreateBucketCommand({ Bucket: bucket }));
  } catch (error) {
    client.destroy();
    await emulator.stop();
    throw error;
  }
  return {
    emulator,
    client,
    bucket,
    store: (options = {}) => new S3LakeStore({ client, bucket, prefix: options.prefix ?? uniqueName('prefix'), pageSize: options.pageSize }),
    stop: async () => {
      try {
        await removeBucket(client, bucket).catch(() => undefined); // best effort: the emulator's data is temporary anyway
      } finally {
        client.destroy();
        await emulator.stop();
      }
    },
  };
}
// #endregion test-bucket

export type TestDatabase = { connectionString: string; dataDir: string; stop(): Promise<void> };

/** Removes clusters left by test runs that were killed before they could clean up. */
async function removeAbandonedClusters(parentDir: string): Promise<void> {
  const names = await readdir(parentDir).catch(() => [] as string[]);
  await Promise.all(
    names
      .filter((name) => /^run-\d+-/.test(name) && !isProcessAlive(Number(name.split('-')[1])))
      .map((name) => rm(path.join(parentDir, name), { recursive: true, force: true })),
  );
}

// #region test-database
/**
 * A fresh PostgreSQL cluster in a new folder under parentDir (initdb takes
 * about a second), so tests never see rows from an earlier run and two test
 * runs in one working tree never share a server. stop() stops it and
 * deletes the folder. The folder sits under the project unless the
 * postgres user cannot reach it there (see reachableDataDir).
 */
export async function startTestDatabase(preferredParentDir: string): Promise<TestDatabase> {
  const { dataDir: parentDir } = await reachableDataDir(preferredParentDir);
  await removeAbandonedClusters(parentDir);
  const dataDir = path.join(parentDir, `run-${process.pid}-${randomBytes(3).toString('hex')}`);
  const server = await startEmbeddedPostgres({ dataDir });
  return {
    connectionString: server.connectionString,
    dataDir,
    stop: async () => {
      await server.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
// #endregion test-database
