/**
 * The LG Inform client against the local fake API, including every fault
 * the fake can inject. Timers are fake (retry waits, Retry-After, the slow
 * fault and the client's timeout take no real time); the sockets are real.
 */
import { Writable } from 'node:stream';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { settleWithFakeTime } from '@rbk-lbs/kit/fake-clock';
import { createHttpClient, type HttpClientOptions } from '@rbk-lbs/kit/http-client';
import { createLogger } from '@rbk-lbs/kit/logger';
import { FAKE_CREDENTIALS, startFakeApi, type FakeApi } from '../fake-api/server.ts';
import { type FaultKind } from '../fake-api/faults.ts';
import {
  buildDataPath,
  ComparisonGroupNotFoundError,
  createLgInformClient,
  extractCouncilMetrics,
  type ExtractPlan,
  type LgInformClientOptions,
} from '../src/api/client.ts';
import { mapDataResponseToRows } from '../src/api/rows.ts';
import { validateDataResponse } from '../src/api/schemas.ts';

let api: FakeApi;
beforeAll(async () => {
  api = await startFakeApi({ missingRate: 0 });
});
afterAll(async () => {
  await api.close();
});
beforeEach(() => {
  api.setFaults([]);
  api.requests.length = 0;
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'], now: new Date('2026-01-15T09:00:00Z') });
});
afterEach(() => {
  vi.useRealTimers();
});

const settle = <T>(work: Promise<T>) => settleWithFakeTime(work, (ms) => vi.advanceTimersByTimeAsync(ms));

function client(http: HttpClientOptions = {}, options: Partial<LgInformClientOptions> = {}) {
  return createLgInformClient({
    baseUrl: `${api.url}/`,
    credentials: FAKE_CREDENTIALS,
    http: createHttpClient({ timeoutMs: 5000, maxAttempts: 3, baseDelayMs: 100, random: () => 0.5, rateLimit: false, concurrency: 2, ...http }),
    now: () => new Date('2026-01-15T09:30:00Z'),
    ...options,
  });
}

const plan: ExtractPlan = {
  dataset: 'council-metrics',
  metricTypes: ['3281', '176', '1', '900001', '900002'],
  periods: { latest: 3 },
  metricTypesPerRequest: 2,
};

describe('buildDataPath', () => {
  it('asks for the pipeline layout, keeping the order and the separators readable', () => {
    expect(buildDataPath({ metricTypes: ['3281', '176'], areas: ['E09000021', 'Sutton_CIPFA_Near_Neighbours'], periods: { latest: 5 } })).toBe(
      '/data?metricType=3281,176&area=E09000021,Sutton_CIPFA_Near_Neighbours&period=latest:5&rowGrouping=area&columnGrouping=metricType&columnGrouping=period',
    );
    expect(buildDataPath({ metricTypes: ['[104][104_PercentageOfAllDwellings]'], areas: ['E09000029'], periods: { ids: ['fin_2022_23', 'fin_2023_24'] } })).toBe(
      '/data?metricType=%5B104%5D%5B104_PercentageOfAllDwellings%5D&area=E09000029&period=fin_2022_23,fin_2023_24&rowGrouping=area&columnGrouping=metricType&columnGrouping=period',
    );
  });
});

describe('createLgInformClient', () => {
  it('returns the exact bytes, and records the request without key or signature', async () => {
    const raw = await settle(client().fetchData({ dataset: 'council-metrics', metricTypes: ['3281'], areas: ['E09000021'], periods: { latest: 2 } }));
    expect(raw).toMatchObject({
      request: { dataset: 'council-metrics', path: '/data?metricType=3281&area=E09000021&period=latest:2&rowGrouping=area&columnGrouping=metricType&columnGrouping=period' },
      status: 200,
      contentType: 'application/json; charset=utf-8',
      receivedAt: '2026-01-15T09:30:00.000Z',
    });
    const direct = await (await fetch(`${api.url}${raw.request.path}&ApplicationKey=${FAKE_CREDENTIALS.applicationKey}`)).status;
    expect(direct).toBe(401);
    expect(new TextDecoder().decode(raw.body)).toMatch(/^\{\n {2}"metadata": \{/);
    expect(JSON.stringify(raw.request)).not.toMatch(/ApplicationKey|Signature/);
  });

  it('never logs the key, the secret or the signature', async () => {
    const lines: string[] = [];
    const destination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const logger = createLogger({ runId: 'run-1', step: 'extract', level: 'debug', destination });
    await settle(client({}, { logger }).get({ dataset: 'comparison-groups', path: '/comparisonGroups?ownerArea=E09000029' }));
    expect(lines.join('')).toContain('"path":"/comparisonGroups?ownerArea=E09000029"');
    expect(lines.join('')).not.toMatch(/fake-application-key|fake-private-key|Signature/);
  });

  it('finds the nearest-neighbour group a council owns', async () => {
    const found = await settle(client().findNearestNeighbours('E09000021'));
    expect(found.groupId).toBe('Kingston_upon_Thames_CIPFA_Near_Neighbours');
    expect(found.response.request).toEqual({ dataset: 'comparison-groups', path: '/comparisonGroups?ownerArea=E09000021' });
  });

  it('says what to configure when a council owns no such group', async () => {
    const error = await settle(client().findNearestNeighbours('E09000001')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ComparisonGroupNotFoundError);
    expect((error as Error).message).toMatch(/No CIPFA nearest-neighbour group is owned by E09000001.*Set the group id for E09000001/);
  });

  it('pages until a short page when the page size is known', async () => {
    const result = await settle(client().fetchAllPages('areas', '/areas?areaType=LondonBorough', { pageSize: 10 }));
    expect(result.complete).toBe(true);
    expect(result.pages.map((page) => page.request)).toEqual([1, 2, 3, 4].map((page) => ({ dataset: 'areas', path: `/areas?areaType=LondonBorough&pageNumber=${page}&pageSize=10`, page })));
  });

  it('pages until an empty page when it is not', async () => {
    const result = await settle(client().fetchAllPages('metric-types', '/metricTypes'));
    const counts = result.pages.map((page) => (JSON.parse(new TextDecoder().decode(page.body)) as { 'metricType-array': unknown[] })['metricType-array'].length);
    expect(counts).toEqual([10, 1, 0]);
  });

  it('stops paging, and says the list is incomplete, when a page is not a list', async () => {
    api.setFaults([{ kind: 'html-error-page', path: '/areas' }]);
    const result = await settle(client().fetchAllPages('areas', '/areas?areaType=LondonBorough', { pageSize: 10 }));
    expect(result).toMatchObject({ complete: false });
    expect(result.pages).toHaveLength(1);
  });
});

describe('extractCouncilMetrics', () => {
  it('looks up both groups, asks for every batch, and every value maps to a row', async () => {
    const result = await settle(extractCouncilMetrics(client(), plan));
    expect(result.lookups.map((raw) => raw.request.path)).toEqual(['/comparisonGroups?ownerArea=E09000021', '/comparisonGroups?ownerArea=E09000029']);
    expect(result.areas).toEqual(['E09000021', 'E09000029', 'Kingston_upon_Thames_CIPFA_Near_Neighbours', 'Sutton_CIPFA_Near_Neighbours']);
    expect(result.failures).toEqual([]);
    expect(result.responses).toHaveLength(3);
    const rows = result.responses.flatMap((raw, i) => {
      const validated = validateDataResponse(raw);
      if (!validated.ok) throw new Error(validated.reason.message);
      return mapDataResponseToRows(validated.data, { dataset: 'council-metrics', ingestDate: '2024-03-31', runId: 'r', sourceObject: `part-${i}` });
    });
    // 17 distinct areas (the two groups overlap), 5 calendar-year metrics, 3 periods.
    expect(new Set(rows.map((row) => row.areaCode)).size).toBe(17);
    expect(rows).toHaveLength(17 * 5 * 3);
    expect(rows.every((row) => row.value !== null)).toBe(true);
  });

  it('uses configured group ids instead of looking them up', async () => {
    const result = await settle(
      extractCouncilMetrics(client(), { ...plan, metricTypes: ['3281'], comparisonGroups: { E09000021: 'Kingston_upon_Thames_CIPFA_Near_Neighbours', E09000029: 'Sutton_CIPFA_Near_Neighbours' } }),
    );
    expect(result.lookups).toEqual([]);
    expect(api.requests.map((request) => request.path.split('?')[0])).toEqual(['/data']);
  });

  const retried: FaultKind[] = ['rate-limited', 'rate-limited-until', 'server-error', 'unavailable', 'slow', 'cut-connection'];
  it.each(retried)('retries %s and loses nothing', async (kind) => {
    api.setFaults([{ kind, path: '/data', times: 2, retryAfterSeconds: 2 }]);
    const result = await settle(extractCouncilMetrics(client(), plan));
    expect(api.pendingFaults()).toEqual([]);
    expect(result.failures).toEqual([]);
    expect(result.responses).toHaveLength(3);
    expect(result.responses.every((raw) => validateDataResponse(raw).ok)).toBe(true);
    expect(api.requests.filter((request) => request.fault === kind)).toHaveLength(2);
  });

  const quarantined: Array<[FaultKind, string]> = [
    ['truncated-body', 'truncated-json'],
    ['html-error-page', 'html-error-page'],
    ['renamed-field', 'schema-mismatch'],
    ['wrong-content-type', 'wrong-content-type'],
  ];
  it.each(quarantined)('hands over %s as it came, for quarantine as %s', async (kind, code) => {
    api.setFaults([{ kind, path: '/data' }]);
    const result = await settle(extractCouncilMetrics(client({ concurrency: 1 }), plan));
    expect(result.failures).toEqual([]);
    expect(result.responses).toHaveLength(3);
    const outcomes = result.responses.map((raw) => validateDataResponse(raw));
    expect(outcomes.map((outcome) => (outcome.ok ? 'ok' : outcome.reason.code))).toEqual([code, 'ok', 'ok']);
  });

  it('waits as long as Retry-After asks before trying again', async () => {
    api.setFaults([{ kind: 'rate-limited', path: '/data', retryAfterSeconds: 30 }]);
    const kingstonOnly = { councils: ['E09000021'], comparisonGroups: { E09000021: 'Kingston_upon_Thames_CIPFA_Near_Neighbours' } };
    const result = await settle(extractCouncilMetrics(client(), { ...plan, metricTypes: ['3281'], ...kingstonOnly }));
    expect(result.responses).toHaveLength(1);
    const [limited, retry] = api.requests;
    expect([limited?.status, retry?.status]).toEqual([429, 200]);
    expect(retry!.at - limited!.at).toBeGreaterThanOrEqual(30_000);
  });

  it('lists a request that kept failing, with what to do, and still returns the rest', async () => {
    api.setFaults([{ kind: 'server-error', path: '/data', times: 3 }]);
    const result = await settle(extractCouncilMetrics(client({ concurrency: 1 }), plan));
    expect(result.responses).toHaveLength(2);
    expect(result.failures).toEqual([
      {
        request: { dataset: 'council-metrics', path: expect.stringMatching(/^\/data\?metricType=3281,176&/) as string },
        reason: 'status',
        status: 500,
        attempts: 3,
        message: expect.stringContaining('failed after 3 attempts: HTTP 500. The server kept failing for 3 attempts') as string,
      },
    ]);
    expect(result.responses.length + result.failures.length).toBe(3);
  });

  it('lists every request as failed, without retrying, when the credentials are wrong', async () => {
    const wrong = createLgInformClient({
      baseUrl: api.url,
      credentials: { applicationKey: FAKE_CREDENTIALS.applicationKey, privateKey: 'not-the-secret' },
      http: createHttpClient({ rateLimit: false }),
    });
    const groups = { E09000021: 'Kingston_upon_Thames_CIPFA_Near_Neighbours', E09000029: 'Sutton_CIPFA_Near_Neighbours' };
    const result = await settle(extractCouncilMetrics(wrong, { ...plan, comparisonGroups: groups }));
    expect(result.responses).toEqual([]);
    expect(result.failures.map((failure) => [failure.status, failure.attempts])).toEqual([
      [401, 1],
      [401, 1],
      [401, 1],
    ]);
    expect(result.failures[0]?.message).toContain('check the key and secret');
    expect(JSON.stringify(result.failures)).not.toMatch(/not-the-secret|Signature=|ApplicationKey=/);
  });
});
