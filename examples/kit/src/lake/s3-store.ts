/**
 * The raw zone in S3 or any S3-compatible endpoint. Uploads go through
 * lib-storage's Upload, which sends one PutObject for small bodies and a
 * multipart upload for large ones, with the same conditional header.
 */
import type * as S3 from '@aws-sdk/client-s3';
import { type S3Client } from '@aws-sdk/client-s3';
import type * as Storage from '@aws-sdk/lib-storage';
import { type Readable } from 'node:stream';
import { ObjectExistsError, ObjectNotFoundError } from './errors.ts';
import { assertValidKey, assertValidPrefix } from './keys.ts';
import { type LakeStore, type ObjectInfo, type PutOptions } from './store.ts';

export type S3LakeStoreOptions = {
  /** The client to use; without one, a client for this environment is made on first use (see s3-client.ts). */
  client?: S3Client;
  bucket: string;
  /** Folder inside the bucket that the store treats as its root, e.g. "lake/". */
  prefix?: string;
  /** Keys per ListObjectsV2 page (S3's maximum and default is 1000). */
  pageSize?: number;
};

type Sdk = Pick<typeof S3, 'GetObjectCommand' | 'HeadObjectCommand' | 'paginateListObjectsV2'> & Pick<typeof Storage, 'Upload'>;
let sdkLoading: Promise<Sdk> | undefined;

/**
 * The SDK is loaded on first use, not when this module is imported: a run
 * whose lake is a folder then never pays its start-up time and memory
 * (about 20 MB, measured with the CLI).
 */
function sdk(): Promise<Sdk> {
  sdkLoading ??= Promise.all([import('@aws-sdk/client-s3'), import('@aws-sdk/lib-storage')]).then(([s3, storage]) => ({
    GetObjectCommand: s3.GetObjectCommand,
    HeadObjectCommand: s3.HeadObjectCommand,
    paginateListObjectsV2: s3.paginateListObjectsV2,
    Upload: storage.Upload,
  }));
  return sdkLoading;
}

type AwsError = { name?: string; $metadata?: { httpStatusCode?: number } };

function httpStatus(error: unknown): number | undefined {
  return (error as AwsError | undefined)?.$metadata?.httpStatusCode;
}

/** "a/b" -> "a/b/", "" stays "": the prefix is always a whole folder. */
function normalisePrefix(prefix: string | undefined): string {
  const trimmed = (prefix ?? '').replace(/^\/+|\/+$/g, '');
  return trimmed === '' ? '' : `${trimmed}/`;
}

export class S3LakeStore implements LakeStore {
  readonly root: string;
  readonly bucket: string;
  readonly prefix: string;
  private clientGiven: S3Client | undefined;
  readonly pageSize: number;

  constructor(options: S3LakeStoreOptions) {
    this.clientGiven = options.client;
    this.bucket = options.bucket;
    this.prefix = normalisePrefix(options.prefix);
    this.pageSize = options.pageSize ?? 1000;
    this.root = `s3://${this.bucket}/${this.prefix}`;
  }

  locationOf(key: string): string {
    assertValidPrefix(key);
    return `s3://${this.bucket}/${this.prefix}${key}`;
  }

  /** The S3 client, made on first use when none was given. */
  private async client(): Promise<S3Client> {
    this.clientGiven ??= (await import('./s3-client.ts')).createS3Client();
    return this.clientGiven;
  }

  private objectKey(key: string): string {
    assertValidKey(key);
    return `${this.prefix}${key}`;
  }

  // #region put-if-absent
  async putIfAbsent(key: string, body: Uint8Array, options: PutOptions = {}): Promise<void> {
    const { Upload } = await sdk();
    const upload = new Upload({
      client: await this.client(),
      params: {
        Bucket: this.bucket,
        Key: this.objectKey(key),
        Body: body,
        ContentType: options.contentType,
        // S3 refuses the write with 412 when the key exists, atomically on
        // the server: two writers racing for one key cannot both win.
        IfNoneMatch: '*',
      },
    });
    try {
      await upload.done();
    } catch (error) {
      if (httpStatus(error) === 412) throw new ObjectExistsError(this.locationOf(key), { cause: error });
      throw error;
    }
  }
  // #endregion put-if-absent

  async put(key: string, body: Uint8Array, options: PutOptions = {}): Promise<void> {
    const { Upload } = await sdk();
    const upload = new Upload({
      client: await this.client(),
      params: { Bucket: this.bucket, Key: this.objectKey(key), Body: body, ContentType: options.contentType },
    });
    await upload.done();
  }

  async get(key: string): Promise<Readable> {
    const { GetObjectCommand } = await sdk();
    try {
      const response = await (await this.client()).send(new GetObjectCommand({ Bucket: this.bucket, Key: this.objectKey(key) }));
      // In Node the SDK's body is an http.IncomingMessage, a Readable.
      return response.Body as Readable;
    } catch (error) {
      if (httpStatus(error) === 404) throw new ObjectNotFoundError(this.locationOf(key), { cause: error });
      throw error;
    }
  }

  async head(key: string): Promise<ObjectInfo | undefined> {
    const { HeadObjectCommand } = await sdk();
    try {
      const response = await (await this.client()).send(new HeadObjectCommand({ Bucket: this.bucket, Key: this.objectKey(key) }));
      return { key, size: response.ContentLength ?? 0, lastModified: response.LastModified ?? new Date(0) };
    } catch (error) {
      if (httpStatus(error) === 404) return undefined;
      throw error;
    }
  }

  async exists(key: string): Promise<boolean> {
    return (await this.head(key)) !== undefined;
  }

  // #region list-by-prefix
  async *list(prefix: string): AsyncIterable<ObjectInfo> {
    // ListObjectsV2 returns at most pageSize keys a call; the paginator
    // follows ContinuationToken until S3 says the listing is complete.
    const { paginateListObjectsV2 } = await sdk();
    const pages = paginateListObjectsV2(
      { client: await this.client(), pageSize: this.pageSize },
      { Bucket: this.bucket, Prefix: `${this.prefix}${prefix}` },
    );
    for await (const page of pages) {
      for (const object of page.Contents ?? []) {
        if (object.Key === undefined) continue;
        yield {
          key: object.Key.slice(this.prefix.length),
          size: object.Size ?? 0,
          lastModified: object.LastModified ?? new Date(0),
        };
      }
    }
  }
  // #endregion list-by-prefix
}
