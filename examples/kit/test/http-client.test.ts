/**
 * The HTTP client against a real server on 127.0.0.1 (port 0: any free
 * port). Timers are fake, so retry waits and the server's slow answers take
 * no real time; the sockets are real.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { type AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createHttpClient, type HttpClientOptions } from '../src/http-client.ts';
import { settleWithFakeTime } from '../src/fake-clock.ts';

type Handler = (request: IncomingMessage, response: ServerResponse, hit: number) => void;

let server: Server;
let baseUrl: string;
let handler: Handler = (_req, res) => res.end('ok');
let hits = 0;

beforeAll(async () => {
  server = createServer((request, response) => {
    hits += 1;
    handler(request, response, hits);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});
beforeEach(() => {
  hits = 0;
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
});
afterEach(() => {
  vi.useRealTimers();
});

const get = (path: string, options: HttpClientOptions = {}) =>
  settleWithFakeTime(
    createHttpClient({ baseDelayMs: 100, random: () => 0.5, rateLimit: false, ...options }).get(`${baseUrl}${path}`),
    (ms) => vi.advanceTimersByTimeAsync(ms),
  );

describe('createHttpClient against a local server', () => {
  it('returns the exact bytes of the body', async () => {
    const bytes = Buffer.from([0x7b, 0x22, 0xc3, 0xa9, 0xff, 0x00, 0x7d]);
    handler = (_req, res) => res.end(bytes);
    const response = await get('/bytes');
    expect(Buffer.from(response.body).equals(bytes)).toBe(true);
    expect(response.attempts).toBe(1);
  });

  it('retries 500 and 503 until the server recovers', async () => {
    handler = (_req, res, hit) => {
      res.statusCode = hit === 1 ? 500 : hit === 2 ? 503 : 200;
      res.end(hit >= 3 ? 'recovered' : 'error');
    };
    const response = await get('/flaky');
    expect(new TextDecoder().decode(response.body)).toBe('recovered');
    expect(response.attempts).toBe(3);
  });

  it('waits the Retry-After seconds of a 429 before asking again', async () => {
    const seen: number[] = [];
    handler = (_req, res, hit) => {
      seen.push(Date.now());
      if (hit === 1) res.writeHead(429, { 'Retry-After': '30' }).end();
      else res.end('ok');
    };
    await get('/limited');
    expect(seen[1]! - seen[0]!).toBeGreaterThanOrEqual(30_000);
  });

  it('times out a server that does not answer in time, and retries', async () => {
    handler = (_req, res, hit) => {
      if (hit === 1) setTimeout(() => res.end('too late'), 60_000);
      else res.end('on time');
    };
    const response = await get('/slow', { timeoutMs: 5000 });
    expect(new TextDecoder().decode(response.body)).toBe('on time');
    expect(response.attempts).toBe(2);
  });

  it('times out a body that stalls after the headers', async () => {
    handler = (_req, res) => {
      res.writeHead(200, { 'Content-Length': '100' });
      res.write('{"partial":');
    };
    const error = await get('/stall', { timeoutMs: 1000, maxAttempts: 2 }).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'HttpError', reason: 'timeout', attempts: 2 });
  });

  it('retries a connection cut before the whole body arrived', async () => {
    handler = (req, res, hit) => {
      if (hit === 1) {
        res.writeHead(200, { 'Content-Length': '1000' });
        res.write('{"rows": [', () => req.socket.destroy());
      } else res.end('{"rows": []}');
    };
    const response = await get('/cut');
    expect(new TextDecoder().decode(response.body)).toBe('{"rows": []}');
    expect(response.attempts).toBe(2);
  });

  it('reports a refused connection as a network failure with advice', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const client = createHttpClient({ maxAttempts: 2, baseDelayMs: 10, rateLimit: false });
    const error = await settleWithFakeTime(client.get(`http://127.0.0.1:${port}/x?ApplicationKey=k`), (ms) => vi.advanceTimersByTimeAsync(ms)).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ reason: 'network', attempts: 2, url: `http://127.0.0.1:${port}/x` });
    expect((error as Error).message).toContain('Check the base URL');
  });

  it('includes the server’s own words, without any echoed credentials', async () => {
    handler = (req, res) => {
      res.writeHead(401, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ errors: [{ message: `Not Authorized for ${req.url}`, errorCode: 10 }] }));
    };
    const error = await get('/data?ApplicationKey=my-key&Signature=my-sig').catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 401, attempts: 1 });
    expect((error as Error).message).toContain('Not Authorized');
    expect((error as Error).message).not.toMatch(/my-key|my-sig/);
  });
});
