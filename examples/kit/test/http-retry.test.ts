import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createHttpClient, type HttpClientOptions } from '../src/http-client.ts';
import { HttpError } from '../src/http-errors.ts';
import { backoffHonouringRetryAfter } from '../src/http-retry.ts';
import { settleWithFakeTime } from '../src/fake-clock.ts';

/** A fake fetch that answers from a script and records when it was called (fake time). */
function scriptedFetch(answers: Array<() => Response | Promise<Response>>) {
  const calls: Array<{ at: number; url: string }> = [];
  const fetch = vi.fn(async (input: string | URL | Request, init?: RequestInit) => {
    calls.push({ at: Date.now(), url: String(input) });
    const answer = answers[Math.min(calls.length - 1, answers.length - 1)];
    if (!answer) throw new Error('no scripted answer');
    const response = await answer();
    if (init?.signal?.aborted) throw init.signal.reason;
    return response;
  });
  return { fetch: fetch as unknown as typeof globalThis.fetch, calls };
}

const ok = (text = 'ok') => () => new Response(text, { status: 200 });
const status = (code: number, headers: Record<string, string> = {}) => () => new Response('failed', { status: code, headers });

function client(fetch: typeof globalThis.fetch, options: HttpClientOptions = {}) {
  return createHttpClient({ fetch, random: () => 0.5, baseDelayMs: 100, maxDelayMs: 1000, rateLimit: false, ...options });
}

const run = <T>(work: Promise<T>) => settleWithFakeTime(work, (ms) => vi.advanceTimersByTimeAsync(ms), { stepMs: 10 });

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'], now: new Date('2026-01-15T09:00:00Z') });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('backoffHonouringRetryAfter', () => {
  const context = (attempt: number, error?: Error) => ({
    attempt,
    signal: new AbortController().signal,
    result: { error: error ?? new Error('boom') },
  });

  it('doubles the ceiling each retry, caps it, and picks a random point below it (full jitter)', () => {
    const backoff = backoffHonouringRetryAfter({ maxAttempts: 9, baseDelayMs: 100, maxDelayMs: 1000, random: () => 0.5 });
    const durations = [1, 2, 3, 4, 5, 6].map((attempt) => backoff.next(context(attempt)).duration);
    expect(durations).toEqual([50, 100, 200, 400, 500, 500]);
    const none = backoffHonouringRetryAfter({ maxAttempts: 9, baseDelayMs: 100, maxDelayMs: 1000, random: () => 0 });
    expect(none.next(context(3)).duration).toBe(0);
  });

  it('never waits less than Retry-After asked, even when the jitter is smaller', () => {
    const backoff = backoffHonouringRetryAfter({ maxAttempts: 9, baseDelayMs: 100, maxDelayMs: 1000, random: () => 0.5 });
    const asked = new HttpError({ reason: 'status', url: '/x', attempts: 1, status: 429, retryAfterMs: 3000, retryable: true, advice: '' });
    expect(backoff.next(context(1, asked)).duration).toBe(3000);
    const small = new HttpError({ reason: 'status', url: '/x', attempts: 1, status: 503, retryAfterMs: 10, retryable: true, advice: '' });
    expect(backoff.next(context(4, small)).duration).toBe(400);
  });
});

describe('createHttpClient retries', () => {
  it('retries 503 with exponential backoff and jitter, then returns the body', async () => {
    const { fetch, calls } = scriptedFetch([status(503), status(503), ok('done')]);
    const response = await run(client(fetch).get('http://api.test/data'));
    expect(new TextDecoder().decode(response.body)).toBe('done');
    expect(response.attempts).toBe(3);
    const waits = calls.slice(1).map((call, i) => call.at - (calls[i]?.at ?? 0));
    expect(waits).toEqual([50, 100]);
  });

  it('retries network errors', async () => {
    const { fetch, calls } = scriptedFetch([
      () => {
        throw new TypeError('fetch failed');
      },
      ok(),
    ]);
    const response = await run(client(fetch).get('http://api.test/data'));
    expect(response.status).toBe(200);
    expect(calls).toHaveLength(2);
  });

  it('waits as long as Retry-After says in seconds', async () => {
    const { fetch, calls } = scriptedFetch([status(429, { 'Retry-After': '7' }), ok()]);
    await run(client(fetch).get('http://api.test/data'));
    expect(calls[1]!.at - calls[0]!.at).toBeGreaterThanOrEqual(7000);
    expect(calls[1]!.at - calls[0]!.at).toBeLessThan(7100);
  });

  it('waits until the HTTP date in Retry-After', async () => {
    const { fetch, calls } = scriptedFetch([status(503, { 'Retry-After': 'Thu, 15 Jan 2026 09:00:20 GMT' }), ok()]);
    await run(client(fetch).get('http://api.test/data'));
    expect(calls[1]!.at).toBeGreaterThanOrEqual(Date.parse('2026-01-15T09:00:20Z'));
  });

  it('fails at once, clearly, when Retry-After is beyond the limit', async () => {
    const { fetch, calls } = scriptedFetch([status(429, { 'Retry-After': '3600' }), ok()]);
    const error = await run(client(fetch, { maxRetryAfterMs: 60_000 }).get('http://api.test/data')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpError);
    expect(error).toMatchObject({ reason: 'retry-after-too-long', status: 429, attempts: 1, retryAfterMs: 3_600_000 });
    expect((error as Error).message).toMatch(/wait 3600 s.*more than the 60 s/);
    expect(calls).toHaveLength(1);
  });

  it('does not retry a 404 and says what to check', async () => {
    const { fetch, calls } = scriptedFetch([status(404), ok()]);
    const error = await run(client(fetch).get('http://api.test/nowhere')).catch((e: unknown) => e);
    expect(error).toMatchObject({ reason: 'status', status: 404, attempts: 1, retryable: false });
    expect((error as Error).message).toContain('Check the base URL');
    expect(calls).toHaveLength(1);
  });

  it('gives up after maxAttempts and says how many', async () => {
    const { fetch, calls } = scriptedFetch([status(500)]);
    const error = await run(client(fetch, { maxAttempts: 3 }).get('http://api.test/data')).catch((e: unknown) => e);
    expect(calls).toHaveLength(3);
    expect(error).toMatchObject({ reason: 'status', status: 500, attempts: 3 });
    expect((error as Error).message).toMatch(/failed after 3 attempts: HTTP 500\. The server kept failing for 3 attempts/);
  });

  it('times out an attempt that hangs, and retries it', async () => {
    let call = 0;
    const fetch = ((_url: string, init: RequestInit) => {
      call += 1;
      if (call === 2) return Promise.resolve(new Response('late but fine'));
      return new Promise((_resolve, reject) => init.signal?.addEventListener('abort', () => reject(init.signal?.reason)));
    }) as unknown as typeof globalThis.fetch;
    const started = Date.now();
    const response = await run(client(fetch, { timeoutMs: 2000 }).get('http://api.test/slow'));
    expect(response.attempts).toBe(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(2000);
  });

  it('reports a timeout on every attempt as a timeout', async () => {
    const fetch = ((_url: string, init: RequestInit) =>
      new Promise((_resolve, reject) => init.signal?.addEventListener('abort', () => reject(init.signal?.reason)))) as unknown as typeof globalThis.fetch;
    const error = await run(client(fetch, { timeoutMs: 500, maxAttempts: 2 }).get('http://api.test/slow')).catch((e: unknown) => e);
    expect(error).toMatchObject({ reason: 'timeout', attempts: 2 });
    expect((error as Error).message).toContain('500 ms');
  });

  it('keeps credentials out of the error and its message', async () => {
    const { fetch } = scriptedFetch([status(401)]);
    const error = await run(client(fetch).get('http://api.test/data?metricType=1&ApplicationKey=KEY123&Signature=SIG%2B456%3D')).catch((e: unknown) => e);
    expect(error).toMatchObject({ url: 'http://api.test/data?metricType=1', status: 401 });
    expect(String((error as Error).message)).not.toMatch(/KEY123|SIG/);
    expect((error as Error).message).toContain('check the key and secret');
  });

  it('stops at once when the caller cancels, without retrying', async () => {
    const controller = new AbortController();
    const { fetch, calls } = scriptedFetch([
      () => {
        controller.abort(new Error('cancelled by caller'));
        return new Response('x', { status: 503 });
      },
      ok(),
    ]);
    const error = await run(client(fetch).get('http://api.test/data', { signal: controller.signal })).catch((e: unknown) => e);
    expect((error as Error).message).toBe('cancelled by caller');
    expect(calls).toHaveLength(1);
  });

  it('tells onRetry about each wait', async () => {
    const { fetch } = scriptedFetch([status(503), status(429, { 'Retry-After': '2' }), ok()]);
    const onRetry = vi.fn();
    await run(client(fetch, { onRetry }).get('http://api.test/data?Signature=abc'));
    expect(onRetry.mock.calls.map((call: unknown[]) => call[0])).toEqual([
      { url: 'http://api.test/data', attempt: 1, delayMs: 50, reason: 'status', status: 503 },
      { url: 'http://api.test/data', attempt: 2, delayMs: 2000, reason: 'status', status: 429 },
    ]);
  });
});

describe('createHttpClient limits', () => {
  it('has at most `concurrency` requests in flight', async () => {
    let inFlight = 0;
    let most = 0;
    const fetch = (async () => {
      inFlight += 1;
      most = Math.max(most, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 100));
      inFlight -= 1;
      return new Response('ok');
    }) as unknown as typeof globalThis.fetch;
    const http = client(fetch, { concurrency: 3 });
    const all = Promise.all(Array.from({ length: 10 }, (_, i) => http.get(`http://api.test/${i}`)));
    const responses = await run(all);
    expect(responses).toHaveLength(10);
    expect(most).toBe(3);
  });

  it('starts at most `requests` attempts per window', async () => {
    const { fetch, calls } = scriptedFetch([ok()]);
    const http = client(fetch, { concurrency: 10, rateLimit: { requests: 2, perMs: 1000 } });
    const start = Date.now();
    await run(Promise.all(Array.from({ length: 5 }, (_, i) => http.get(`http://api.test/${i}`))));
    expect(calls.map((call) => call.at - start)).toEqual([0, 0, 1000, 1000, 2000]);
  });

  it('counts retries against the rate limit', async () => {
    const { fetch, calls } = scriptedFetch([status(503), ok()]);
    const http = client(fetch, { random: () => 0, rateLimit: { requests: 1, perMs: 1000 } });
    const start = Date.now();
    await run(http.get('http://api.test/data'));
    expect(calls.map((call) => call.at - start)).toEqual([0, 1000]);
  });
});
