/**
 * A local fake of the LG Inform Plus API on node:http, for tests and for
 * running the pipeline with nothing installed. It checks signatures like
 * the real API, serves the archived samples and synthetic `/data` of any
 * size, and injects faults on request.
 *
 * Start it in-process: `const api = await startFakeApi(); ... await api.close();`
 */
import { createServer, type ServerResponse } from 'node:http';
import { type AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { redactUrl } from '@rbk-lbs/kit/redact';
import { type Credentials } from '../src/api/sign.ts';
import { checkSignature } from './auth.ts';
import { createFaultQueue, HTML_ERROR_PAGE, isFaultKind, type FaultKind, type FaultRule } from './faults.ts';
import { answer, errorBody, type Answer, type RouteOptions } from './routes.ts';

/** The key pair the fake accepts by default. Not a secret: it only opens the fake. */
export const FAKE_CREDENTIALS: Credentials = { applicationKey: 'fake-application-key', privateKey: 'fake-private-key' };

export type FakeApiOptions = Partial<RouteOptions> & {
  /** Default 127.0.0.1, port 0 (any free port). */
  host?: string;
  port?: number;
  /** Key pairs whose signatures are accepted. Default [FAKE_CREDENTIALS]. */
  credentials?: Credentials[];
  /** Accept ESD's published ExamplePPK calls verbatim. Default true. */
  replayPublishedSignatures?: boolean;
  faults?: FaultRule[];
};

/** `at` is Date.now() when the request arrived (fake time under fake timers). */
export type FakeApiRequest = { path: string; status: number; at: number; fault?: FaultKind };

export type FakeApi = {
  url: string;
  /** Replace the fault rules; each matching request uses one. */
  setFaults(rules: FaultRule[]): void;
  /** Rules not yet used up. */
  pendingFaults(): FaultRule[];
  /** Every request served, credentials removed, in order. */
  readonly requests: FakeApiRequest[];
  close(): Promise<void>;
};

export async function startFakeApi(options: FakeApiOptions = {}): Promise<FakeApi> {
  const routeOptions: RouteOptions = {
    seed: options.seed ?? 1,
    latestYear: options.latestYear ?? 2024,
    missingRate: options.missingRate ?? 0.02,
    pretty: options.pretty ?? true,
    metricTypesPageSize: options.metricTypesPageSize ?? 10,
  };
  const credentials = options.credentials ?? [FAKE_CREDENTIALS];
  const replay = options.replayPublishedSignatures ?? true;
  const faults = createFaultQueue(options.faults);
  const requests: FakeApiRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();

  const server = createServer((request, response) => {
    const rawUrl = request.url ?? '/';
    const path = redactUrl(rawUrl);
    const log = (status: number, fault?: FaultKind) => requests.push({ path, status, at: Date.now(), ...(fault ? { fault } : {}) });
    const auth = checkSignature(rawUrl, request.headers.host ?? '', credentials, replay);
    if (!auth.ok) {
      log(401);
      return sendJson(response, 401, errorBody('Not Authorized', 10));
    }
    const url = new URL(rawUrl, 'http://fake');
    const asked = String(request.headers['x-fake-fault'] ?? url.searchParams.get('fault') ?? '');
    const fault = isFaultKind(asked) ? { kind: asked } : faults.take(url.pathname);
    const planned = answer(redactUrl(path, ['fault']), routeOptions);
    log(fault && statusOf(fault.kind) !== 200 ? statusOf(fault.kind) : planned.status, fault?.kind);

    const respond = () => void serve(response, planned, fault).catch(() => request.socket.destroy());
    if (fault?.kind === 'slow') {
      const timer = setTimeout(() => {
        timers.delete(timer);
        respond();
      }, fault.delayMs ?? 60_000);
      timers.add(timer);
      response.on('close', () => clearTimeout(timer));
    } else respond();
  });

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve));
  const { address, port } = server.address() as AddressInfo;
  return {
    url: `http://${address}:${port}`,
    setFaults: (rules) => faults.set(rules),
    pendingFaults: () => faults.pending(),
    requests,
    async close() {
      for (const timer of timers) clearTimeout(timer);
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

function statusOf(kind: FaultKind): number {
  return kind === 'rate-limited' || kind === 'rate-limited-until' ? 429 : kind === 'server-error' ? 500 : kind === 'unavailable' ? 503 : 200;
}

// #region inject-faults
async function serve(response: ServerResponse, planned: Answer, fault: FaultRule | undefined): Promise<void> {
  const wait = fault?.retryAfterSeconds ?? 1;
  switch (fault?.kind) {
    case 'rate-limited':
      return sendJson(response, 429, errorBody('Too many requests'), { 'Retry-After': String(wait) });
    case 'rate-limited-until':
      return sendJson(response, 429, errorBody('Too many requests'), { 'Retry-After': new Date(Date.now() + wait * 1000).toUTCString() });
    case 'server-error':
      return sendJson(response, 500, errorBody('Internal server error'));
    case 'unavailable':
      return sendJson(response, 503, errorBody('Service unavailable'), { 'Retry-After': String(wait) });
    case 'html-error-page':
      return send(response, 200, Buffer.from(HTML_ERROR_PAGE), 'text/html; charset=utf-8');
  }
  if ('chunks' in planned && !fault) {
    response.writeHead(200, { 'Content-Type': JSON_TYPE });
    return pipeline(Readable.from(planned.chunks()), response);
  }
  const body = 'chunks' in planned ? Buffer.from([...planned.chunks()].join('')) : planned.body;
  switch (fault?.kind) {
    case 'truncated-body':
      return send(response, planned.status, body.subarray(0, Math.floor(body.length / 2)));
    case 'cut-connection':
      response.writeHead(planned.status, { 'Content-Type': JSON_TYPE, 'Content-Length': body.length });
      response.write(body.subarray(0, Math.floor(body.length / 2)), () => response.socket?.destroy());
      return;
    case 'renamed-field':
      return send(response, planned.status, renameField(body));
    case 'wrong-content-type':
      return send(response, planned.status, body, 'text/plain; charset=utf-8');
    default:
      return send(response, planned.status, body);
  }
}
// #endregion inject-faults

/** `values` -> `vals` in a /data body; elsewhere `identifier` -> `id`. */
function renameField(body: Buffer): Buffer {
  const text = body.toString('utf8');
  const renamed = text.includes('"values":') ? text.replaceAll('"values":', '"vals":') : text.replaceAll('"identifier":', '"id":');
  return Buffer.from(renamed);
}

const JSON_TYPE = 'application/json; charset=utf-8';

function send(response: ServerResponse, status: number, body: Buffer, contentType = JSON_TYPE, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'Content-Type': contentType, 'Content-Length': body.length, ...headers });
  response.end(body);
}

function sendJson(response: ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}): void {
  send(response, status, Buffer.from(JSON.stringify(value)), JSON_TYPE, headers);
}

