/**
 * The fake LG Inform Plus API itself: it must refuse what the real API
 * refuses, serve the shapes the pipeline reads, and inject each fault when
 * told to. Requests here are signed by hand and sent with plain fetch.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { closePartialJson } from '../fake-api/close-partial-json.ts';
import { PUBLISHED_URLS } from '../fake-api/catalogue.ts';
import { FAKE_CREDENTIALS, startFakeApi, type FakeApi } from '../fake-api/server.ts';
import { validateDataResponse } from '../src/api/schemas.ts';
import { signRequest } from '../src/api/sign.ts';
import { rawResponse } from './helpers.ts';

let api: FakeApi;
beforeAll(async () => {
  api = await startFakeApi();
});
afterAll(async () => {
  await api.close();
});
beforeEach(() => {
  api.setFaults([]);
});

const signed = (path: string, credentials = FAKE_CREDENTIALS) => signRequest(`${api.url}${path}`, credentials);
const getJson = async (path: string) => {
  const response = await fetch(signed(path));
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};
const NOT_AUTHORIZED = { errors: [{ message: 'Not Authorized', errorCode: 10 }] };

describe('signature check', () => {
  it('accepts a request signed with the configured key and secret', async () => {
    expect((await fetch(signed('/comparisonGroups'))).status).toBe(200);
  });

  it.each([
    ['no signature at all', (url: string) => url.split('?ApplicationKey=')[0]!],
    ['a wrong secret', () => signRequest(`${api.url}/comparisonGroups`, { ...FAKE_CREDENTIALS, privateKey: 'wrong' })],
    ['an unknown key', () => signRequest(`${api.url}/comparisonGroups`, { applicationKey: 'someone-else', privateKey: 'x' })],
    ['a parameter added after signing', (url: string) => `${url.replace('?ApplicationKey', '?mainOnly=true&ApplicationKey')}`],
    ['Signature not last', (url: string) => `${url}&pageNumber=2`],
    ['the signature for another host', () => signRequest(`http://localhost:1${'/comparisonGroups'}`, FAKE_CREDENTIALS).replace('http://localhost:1', api.url)],
  ])('answers 401 with the documented body for %s', async (_case, tamper) => {
    const response = await fetch(tamper(signed('/comparisonGroups')));
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual(NOT_AUTHORIZED);
    expect(api.requests.at(-1)).toMatchObject({ status: 401 });
  });

  it('replays every published ExamplePPK call verbatim', async () => {
    expect(PUBLISHED_URLS).toHaveLength(19);
    for (const published of PUBLISHED_URLS) {
      const local = published.replace(/^https:\/\/[^/]+/, api.url);
      const response = await fetch(local);
      expect(response.status, published).toBe(200);
      expect(typeof JSON.parse(await response.text()), published).toBe('object');
    }
  });

  it('refuses a published call with its signature changed by one character', async () => {
    const tampered = PUBLISHED_URLS[1]!.replace(/^https:\/\/[^/]+/, api.url).replace('F/a+j36', 'F/a+j37');
    expect((await fetch(tampered)).status).toBe(401);
  });

  it('keeps credentials out of its own request log', async () => {
    await fetch(signed('/comparisonGroups?ownerArea=E09000021'));
    expect(api.requests.at(-1)?.path).toBe('/comparisonGroups?ownerArea=E09000021');
    expect(JSON.stringify(api.requests)).not.toMatch(/ApplicationKey|Signature|fake-private-key/);
  });
});

describe('fixture endpoints', () => {
  it('serves the archived samples, closed into valid JSON, byte for byte up to the cut', async () => {
    const response = await fetch(signed('/metricTypes/3281?filterOff=1'));
    const text = await response.text();
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(text.startsWith('{"metricType": {\n  "identifier": "3281",\n  "label": "Total resident population",')).toBe(true);
    expect((JSON.parse(text) as { metricType: { earliestTimePeriod: { identifier: string } } }).metricType.earliestTimePeriod.identifier).toBe('cal_2001');
  });

  it('serves the list samples as {"<type>-array": [...]} envelopes', async () => {
    const { body } = await getJson('/metricTypes?measurementUnit=Quantity_1000_pounds');
    const ids = (body['metricType-array'] as Array<{ identifier: string }>).map((item) => item.identifier);
    expect(ids).toEqual(['199', '201', '203', '204', '205', '206', '207']);
  });
});

describe('closePartialJson', () => {
  it('keeps complete members and closes what is open, in the same layout', () => {
    expect(closePartialJson('{"a-array": [\n  {\n    "x": 1,\n    "y": [1, 2],\n    "z": "cut')).toBe('{"a-array": [\n  {\n    "x": 1,\n    "y": [1, 2]\n  }\n]}\n');
  });

  it('refuses text with nothing complete to keep', () => {
    expect(() => closePartialJson('{"a": "b')).toThrow(/No complete member/);
  });
});

describe('list endpoints', () => {
  it('finds the CIPFA nearest-neighbour group a council owns', async () => {
    const { body } = await getJson('/comparisonGroups?ownerArea=E09000021');
    expect(body['comparisonGroup-array']).toEqual([
      {
        identifier: 'Kingston_upon_Thames_CIPFA_Near_Neighbours',
        isCustom: false,
        label: 'Kingston upon Thames CIPFA nearest neighbours',
        type: { identifier: 'CIPFA_Near_Neighbours', label: 'CIPFA nearest neighbours' },
      },
    ]);
    expect((await getJson('/comparisonGroups?ownerArea=E09000001')).body['comparisonGroup-array']).toEqual([]);
  });

  it('pages /areas with pageNumber and pageSize, and returns nothing without a filter', async () => {
    const sizes = [];
    for (let page = 1; page <= 5; page += 1) {
      const { body } = await getJson(`/areas?areaType=LondonBorough&pageSize=10&pageNumber=${page}`);
      sizes.push((body['area-array'] as unknown[]).length);
    }
    expect(sizes).toEqual([10, 10, 10, 3, 0]);
    expect((await getJson('/areas')).body).toEqual({ 'area-array': [] });
  });

  it('answers 404 for an unknown method', async () => {
    expect((await fetch(signed('/nothingHere'))).status).toBe(404);
  });
});

describe('synthetic /data', () => {
  const dataPath = '/data?metricType=3281,199&area=E09000029,Kingston_upon_Thames_CIPFA_Near_Neighbours&period=latest:3&rowGrouping=area&columnGrouping=metricType&columnGrouping=period';

  it('answers in the shape the pipeline validates, with groups expanded to their members', async () => {
    const response = await fetch(signed(dataPath));
    const body = new Uint8Array(await response.arrayBuffer());
    const result = validateDataResponse(rawResponse(body, { contentType: response.headers.get('content-type') ?? undefined }));
    if (!result.ok) throw new Error(result.reason.message);
    const { data } = result;
    expect(data.metadata).toEqual({ columnGrouping: ['metricType', 'period'], rowGrouping: ['area'] });
    // Sutton first as asked, then the 15 other members of Kingston's group (Sutton is one of them).
    expect(data.rows.map((row) => row.area?.identifier)).toHaveLength(16);
    expect(data.rows[0]?.area).toMatchObject({ identifier: 'E09000029', label: 'Sutton' });
    // latest:3 of each period type: 3 calendar and 3 financial years, for 2 metrics.
    expect(data.columns).toHaveLength(12);
    expect(data.columns.slice(0, 6).map((column) => column.period?.identifier)).toEqual(['cal_2022', 'cal_2023', 'cal_2024', 'fin_2021_22', 'fin_2022_23', 'fin_2023_24']);
    // A calendar-year metric has no value for a financial year: those cells are null.
    expect(data.rows[0]?.values.slice(0, 6).map((cell) => cell === null)).toEqual([false, false, false, true, true, true]);
    const population = data.rows[0]?.values[2];
    expect(population?.value).toBeGreaterThanOrEqual(150000);
    expect(population?.formatted).toBe(population?.value?.toLocaleString('en-GB'));
  });

  it('is pretty-printed like the real API, and the same seed gives the same bytes', async () => {
    const first = await (await fetch(signed(dataPath))).text();
    const second = await (await fetch(signed(dataPath))).text();
    expect(first).toBe(second);
    expect(first.startsWith('{\n  "metadata": {\n    "columnGrouping": [')).toBe(true);
    const other = await startFakeApi({ seed: 2 });
    try {
      const differentSeed = await (await fetch(signRequest(`${other.url}${dataPath}`, FAKE_CREDENTIALS))).text();
      expect(differentSeed).not.toBe(first);
      expect(differentSeed.length).toBeGreaterThan(first.length * 0.9);
    } finally {
      await other.close();
    }
  });

  it('answers 400 for a request the real API would refuse', async () => {
    expect((await getJson('/data?metricType=3281&area=E09000021')).status).toBe(400);
    expect((await getJson('/data?metricType=3281&area=Nowhere_CIPFA_Near_Neighbours&period=latest')).body).toEqual({
      errors: [{ message: 'Unknown area or comparison group: Nowhere_CIPFA_Near_Neighbours' }],
    });
    expect((await getJson('/data?metricType=3281&area=E09000021&period=cal_20x4')).status).toBe(400);
  });

  it('streams a million values without building the body in one piece', async () => {
    const big = await startFakeApi({ pretty: false });
    try {
      const metrics = Array.from({ length: 1000 }, (_, i) => String(900000 + i)).join(',');
      const areas = Array.from({ length: 50 }, (_, i) => `E0800${String(1000 + i)}`).join(',');
      const response = await fetch(signRequest(`${big.url}/data?metricType=${metrics}&area=${areas}&period=latest:20`, FAKE_CREDENTIALS));
      expect(response.headers.get('content-length')).toBeNull();
      let values = 0;
      let chunks = 0;
      let tail = '';
      const decoder = new TextDecoder();
      const reader = response.body!.getReader();
      for (let read = await reader.read(); !read.done; read = await reader.read()) {
        const text = tail + decoder.decode(read.value, { stream: true });
        values += text.split('{"source":').length - 1;
        // Keep one character fewer than the marker, so none is counted twice.
        tail = text.slice(-9);
        chunks += 1;
      }
      expect(values).toBe(1_000_000);
      expect(chunks).toBeGreaterThan(100);
    } finally {
      await big.close();
    }
  }, 30_000);
});

describe('fault injection', () => {
  const path = '/comparisonGroups?ownerArea=E09000021';

  it.each([
    ['rate-limited', 429, 'retry-after', '1'],
    ['unavailable', 503, 'retry-after', '1'],
    ['server-error', 500, 'content-type', 'application/json; charset=utf-8'],
    ['html-error-page', 200, 'content-type', 'text/html; charset=utf-8'],
    ['wrong-content-type', 200, 'content-type', 'text/plain; charset=utf-8'],
  ] as const)('injects %s when asked by header', async (kind, status, header, value) => {
    const response = await fetch(signed(path), { headers: { 'x-fake-fault': kind } });
    expect(response.status).toBe(status);
    expect(response.headers.get(header)).toBe(value);
    expect(api.requests.at(-1)).toMatchObject({ fault: kind, status });
  });

  it('sends Retry-After as an HTTP date for rate-limited-until', async () => {
    api.setFaults([{ kind: 'rate-limited-until', retryAfterSeconds: 120 }]);
    const response = await fetch(signed(path));
    expect(response.status).toBe(429);
    const until = Date.parse(response.headers.get('retry-after') ?? '');
    expect(until - Date.now()).toBeGreaterThan(115_000);
    expect(response.headers.get('retry-after')).toMatch(/^\w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} GMT$/);
  });

  it('injects a fault by query parameter too, and signs it like any other', async () => {
    const response = await fetch(signed(`${path}&fault=server-error`));
    expect(response.status).toBe(500);
  });

  it('uses each rule `times` times, on matching paths only, then serves normally', async () => {
    api.setFaults([{ kind: 'server-error', path: '/data', times: 2 }]);
    expect((await fetch(signed(path))).status).toBe(200);
    const data = signed('/data?metricType=3281&area=E09000021&period=latest');
    expect([(await fetch(data)).status, (await fetch(data)).status, (await fetch(data)).status]).toEqual([500, 500, 200]);
    expect(api.pendingFaults()).toEqual([]);
  });

  it('sends half the body as a complete response for truncated-body', async () => {
    const whole = await (await fetch(signed(path))).text();
    api.setFaults([{ kind: 'truncated-body' }]);
    const response = await fetch(signed(path));
    const half = await response.text();
    expect(response.status).toBe(200);
    expect(half).toBe(whole.slice(0, Math.floor(whole.length / 2)));
  });

  it('drops the connection part-way for cut-connection', async () => {
    api.setFaults([{ kind: 'cut-connection' }]);
    const response = await fetch(signed(path));
    await expect(response.text()).rejects.toThrow();
  });

  it('renames values to vals in /data for renamed-field', async () => {
    api.setFaults([{ kind: 'renamed-field' }]);
    const text = await (await fetch(signed('/data?metricType=3281&area=E09000021&period=latest'))).text();
    expect(text).toContain('"vals": [');
    expect(text).not.toContain('"values"');
  });

  it('holds a slow answer, and close() does not wait for it', async () => {
    api.setFaults([{ kind: 'slow', delayMs: 60_000 }]);
    const controller = new AbortController();
    const pending = fetch(signed(path), { signal: controller.signal }).catch((error: unknown) => error);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(api.requests.at(-1)).toMatchObject({ fault: 'slow' });
    controller.abort();
    expect(await pending).toBeInstanceOf(Error);
  });
});
