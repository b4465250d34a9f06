/**
 * The raw zone in S3 or any S3-compatible endpoint. Uploads go through
 * lib-storage's Upload, which sends one PutObject for small bodies and a
 * multipart upload for large ones, with the same conditional header.
 */
import {
  GetObjectCommand,
  HeadObjectCommand,
  paginateListObjectsV2,
  type S3Client,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { type Readable } from 'node:stream';
import { ObjectExistsError, ObjectNotFoundError } from './errors.ts';
import { assertValidKey, assertValidPrefix } from './keys.ts';
import { type LakeStore, type ObjectInfo, type PutOptions } from './store.ts';

export type S3LakeStoreOptions = {
  client: S3Client;
  bucket: string;
  /** Folder inside the bucket that the store treats as its root, e.g. "lake/". */
  prefix?: string;
  /** Keys per ListObjectsV2 page (S3's maximum and default is 1000). */
  pageSize?: number;
};

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
  readonly client: S3Client;
  readonly pageSize: number;

  constructor(options: S3LakeStoreOptions) {
    this.client = options.client;
    this.bucket = options.bucket;
    this.prefix = normalisePrefix(options.prefix);
    this.pageSize = options.pageSize ?? 1000;
    this.root = `s3://${this.bucket}/${this.prefix}`;
  }

  locationOf(key: string): string {
    assertValidPrefix(key);
    return `s3://${this.bucket}/${this.prefix}${key}`;
  }

  private objectKey(key: string): string {
    assertValidKey(key);
    return `${this.prefix}${key}`;
  }

  // #region put-if-absent
  async putIfAbsent(key: string, body: Uint8Array, options: PutOptions = {}): Promise<void> {
    const upload = new Upload({
      client: this.client,
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
    const upload = new Upload({
      client: this.client,
      params: { Bucket: this.bucket, Key: this.objectKey(key), Body: body, ContentType: options.contentType },
    });
    await upload.done();
  }

  async get(key: string): Promise<Readable> {
    try {
      const response = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: this.objectKey(key) }));
      // In Node the SDK's body is an http.IncomingMessage, a Readable.
      return response.Body as Readable;
    } catch (error) {
      if (httpStatus(error) === 404) throw new ObjectNotFoundError(this.locationOf(key), { cause: error });
      throw error;
    }
  }

  async head(key: string): Promise<ObjectInfo | undefined> {
    try {
      const response = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: this.objectKey(key) }));
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
    const pages = paginateListObjectsV2(
      { client: this.client, pageSize: this.pageSize },
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
