/**
 * S3 on 127.0.0.1 for tests, without Docker: LocalStack or moto's server,
 * each installed on first use into its own venv from the pinned files in
 * examples/kit/requirements/. Start one, use its endpoint, stop it.
 */
import { type S3ClientConfig } from '@aws-sdk/client-s3';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServiceProcess, waitUntilReady } from './child-service.ts';
import { findFreePort } from './free-port.ts';
import { ensurePythonVenv, findPython } from './python-venv.ts';

export type S3EmulatorKind = 'localstack' | 'moto';
export const S3_EMULATOR_KINDS: readonly S3EmulatorKind[] = ['localstack', 'moto'];

export type S3Emulator = {
  kind: S3EmulatorKind;
  /** e.g. http://127.0.0.1:43121 */
  endpoint: string;
  /** Settings for an S3Client that talks to this emulator. */
  clientConfig: S3ClientConfig;
  stop(): Promise<void>;
};

const kitDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const venvsDir = path.join(kitDir, '.venvs');
const requirementsDir = path.join(kitDir, 'requirements');

/** Emulators accept any credentials; these keep the SDK's chain from looking further. */
const DUMMY_CREDENTIALS = { accessKeyId: 'test', secretAccessKey: 'test' };

// #region choose-emulators
/**
 * Which emulators a test run uses: S3_EMULATORS=localstack,moto for several,
 * S3_EMULATOR=localstack|moto for one, and both when neither is set.
 */
export function s3EmulatorsFromEnv(env: NodeJS.ProcessEnv = process.env): S3EmulatorKind[] {
  const setting = env.S3_EMULATORS ?? env.S3_EMULATOR;
  if (setting === undefined || setting.trim() === '') return [...S3_EMULATOR_KINDS];
  const kinds = setting.split(',').map((kind) => kind.trim()).filter((kind) => kind !== '');
  for (const kind of kinds) {
    if (!S3_EMULATOR_KINDS.includes(kind as S3EmulatorKind)) {
      throw new Error(`S3_EMULATOR(S) names "${kind}"; use ${S3_EMULATOR_KINDS.join(' or ')} (comma-separated for several).`);
    }
  }
  return [...new Set(kinds)] as S3EmulatorKind[];
}
// #endregion choose-emulators

/** Installs the emulator's venv if needed and returns its python. */
export async function installS3Emulator(kind: S3EmulatorKind): Promise<string> {
  const spec =
    kind === 'localstack'
      ? { label: 'LocalStack', python: await findPython('3.13.0', process.env.LOCALSTACK_PYTHON) }
      : { label: 'moto', python: await findPython('3.11', process.env.MOTO_PYTHON ?? 'python3') };
  return ensurePythonVenv({
    ...spec,
    venvDir: path.join(venvsDir, kind),
    requirementsFile: path.join(requirementsDir, `${kind}.txt`),
  });
}

async function answers(url: string, accept: (response: Response) => Promise<boolean>): Promise<boolean> {
  const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
  return accept(response);
}

// #region start-localstack
async function startLocalStack(python: string, port: number) {
  const filesystemRoot = await mkdtemp(path.join(os.tmpdir(), 'localstack-'));
  const service = startServiceProcess('LocalStack', python, ['-m', 'localstack.runtime.main'], {
    env: {
      ...process.env,
      // These machines (and CI runners) may have /.dockerenv; without this
      // LocalStack thinks it is in its own container and writes to /var/lib.
      OVERRIDE_IN_DOCKER: '0',
      FILESYSTEM_ROOT: filesystemRoot,
      GATEWAY_LISTEN: `127.0.0.1:${port}`,
      SERVICES: 's3,secretsmanager',
      EAGER_SERVICE_LOADING: '1',
      PERSISTENCE: '0',
      DISABLE_EVENTS: '1',
      SKIP_SSL_CERT_DOWNLOAD: '1',
      DNS_ADDRESS: '0',
    },
  });
  const healthy = async () =>
    answers(`http://127.0.0.1:${port}/_localstack/health`, async (response) => {
      const body = (await response.json()) as { services?: Record<string, string> };
      return ['available', 'running'].includes(body.services?.s3 ?? '');
    });
  const stop = async () => {
    await service.stop();
    await rm(filesystemRoot, { recursive: true, force: true });
  };
  await waitUntilReady(service, healthy, 90_000).catch(async (error: unknown) => {
    await stop();
    throw error;
  });
  return stop;
}
// #endregion start-localstack

async function startMoto(python: string, port: number) {
  const service = startServiceProcess('moto', python, ['-m', 'moto.server', '-H', '127.0.0.1', '-p', String(port)]);
  await waitUntilReady(service, () => answers(`http://127.0.0.1:${port}/moto-api/`, async (r) => r.status < 500), 30_000);
  return () => service.stop();
}

/** Starts an emulator on a free port and waits until S3 answers. Always call stop(). */
export async function startS3Emulator(kind: S3EmulatorKind): Promise<S3Emulator> {
  const python = await installS3Emulator(kind);
  const port = await findFreePort();
  const stop = kind === 'localstack' ? await startLocalStack(python, port) : await startMoto(python, port);
  const endpoint = `http://127.0.0.1:${port}`;
  return {
    kind,
    endpoint,
    clientConfig: { endpoint, region: 'us-east-1', credentials: DUMMY_CREDENTIALS },
    stop,
  };
}
