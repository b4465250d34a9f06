/**
 * One S3 client for AWS and for S3-compatible endpoints (LocalStack, moto,
 * MinIO). The SDK already reads AWS_ENDPOINT_URL, AWS_REGION and the
 * credentials chain (environment, SSO, instance role); we only add what a
 * non-AWS endpoint needs.
 */
import { S3Client, type S3ClientConfig } from '@aws-sdk/client-s3';

// #region s3-client-config
/**
 * The client settings for this environment. With no endpoint override this
 * is `{}`: the SDK's defaults are right for AWS. With an override (an
 * emulator or another S3-compatible store):
 * - path-style URLs (http://host/bucket/key), because emulators on 127.0.0.1
 *   have no per-bucket DNS names;
 * - checksums only where the API requires them: since early 2025 the SDK
 *   sends CRC32 checksums by default, which older S3-compatible servers reject;
 * - a default region, as emulators accept any but the SDK insists on one.
 */
export function s3ClientConfig(overrides: S3ClientConfig = {}, env: NodeJS.ProcessEnv = process.env): S3ClientConfig {
  const endpoint = overrides.endpoint ?? env.AWS_ENDPOINT_URL_S3 ?? env.AWS_ENDPOINT_URL;
  if (endpoint === undefined || endpoint === '') return overrides;
  return {
    forcePathStyle: true,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    ...(env.AWS_REGION ? {} : { region: 'us-east-1' }),
    ...overrides,
  };
}

export function createS3Client(overrides: S3ClientConfig = {}, env: NodeJS.ProcessEnv = process.env): S3Client {
  return new S3Client(s3ClientConfig(overrides, env));
}
// #endregion s3-client-config
