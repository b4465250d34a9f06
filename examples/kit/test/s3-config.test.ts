import { describe, expect, it } from 'vitest';
import { LakeUrlError } from '../src/lake/errors.ts';
import { FolderLakeStore } from '../src/lake/folder-store.ts';
import { lakeStoreFromUrl, parseLakeUrl } from '../src/lake/from-url.ts';
import { s3ClientConfig } from '../src/lake/s3-client.ts';
import { S3LakeStore } from '../src/lake/s3-store.ts';
import { s3EmulatorsFromEnv } from '../src/services/s3-emulators.ts';

describe('s3ClientConfig', () => {
  it('leaves the SDK defaults alone for AWS itself', () => {
    expect(s3ClientConfig({}, { AWS_REGION: 'eu-west-2' })).toEqual({});
  });

  it('uses path-style URLs and only required checksums when an endpoint is overridden', () => {
    const config = s3ClientConfig({}, { AWS_ENDPOINT_URL: 'http://127.0.0.1:4566', AWS_REGION: 'eu-west-2' });
    expect(config).toEqual({ forcePathStyle: true, requestChecksumCalculation: 'WHEN_REQUIRED', responseChecksumValidation: 'WHEN_REQUIRED' });
  });

  it('reads the S3-specific variable and an endpoint passed in code, and defaults the region for emulators', () => {
    expect(s3ClientConfig({}, { AWS_ENDPOINT_URL_S3: 'http://127.0.0.1:5000' })).toMatchObject({ forcePathStyle: true, region: 'us-east-1' });
    expect(s3ClientConfig({ endpoint: 'http://127.0.0.1:9000', region: 'eu-west-2' }, {})).toMatchObject({
      forcePathStyle: true,
      endpoint: 'http://127.0.0.1:9000',
      region: 'eu-west-2',
    });
  });
});

describe('LAKE_URL', () => {
  it('reads folders relative to the base folder, file:// URLs and s3:// URLs', () => {
    expect(parseLakeUrl('.lake', '/work/example')).toEqual({ kind: 'folder', path: '/work/example/.lake' });
    expect(parseLakeUrl('/data/lake', '/work/example')).toEqual({ kind: 'folder', path: '/data/lake' });
    expect(parseLakeUrl('file:///data/lake')).toEqual({ kind: 'folder', path: '/data/lake' });
    expect(parseLakeUrl('s3://my-bucket')).toEqual({ kind: 's3', bucket: 'my-bucket', prefix: '' });
    expect(parseLakeUrl('s3://my-bucket/team/lake/')).toEqual({ kind: 's3', bucket: 'my-bucket', prefix: 'team/lake/' });
  });

  it('names the problem with a bad URL', () => {
    expect(() => parseLakeUrl('')).toThrow(LakeUrlError);
    expect(() => parseLakeUrl('s3://My_Bucket/x')).toThrow('not a valid S3 bucket name');
    expect(() => parseLakeUrl('gs://bucket')).toThrow('only folder paths, file:// and s3://');
  });

  it('builds the matching store', () => {
    const folder = lakeStoreFromUrl('.lake', { baseDir: '/work/example' });
    expect(folder).toBeInstanceOf(FolderLakeStore);
    expect(folder.root).toBe('/work/example/.lake');
    const s3 = lakeStoreFromUrl('s3://my-bucket/lake', { s3Client: {} as never });
    expect(s3).toBeInstanceOf(S3LakeStore);
    expect(s3.locationOf('raw/a.json.gz')).toBe('s3://my-bucket/lake/raw/a.json.gz');
    expect(s3.locationOf('raw/')).toBe('s3://my-bucket/lake/raw/');
  });
});

describe('s3EmulatorsFromEnv', () => {
  it('runs both emulators unless told otherwise', () => {
    expect(s3EmulatorsFromEnv({})).toEqual(['localstack', 'moto']);
    expect(s3EmulatorsFromEnv({ S3_EMULATOR: 'moto' })).toEqual(['moto']);
    expect(s3EmulatorsFromEnv({ S3_EMULATORS: 'moto, localstack', S3_EMULATOR: 'moto' })).toEqual(['moto', 'localstack']);
    expect(() => s3EmulatorsFromEnv({ S3_EMULATOR: 'minio' })).toThrow('use localstack or moto');
  });
});
