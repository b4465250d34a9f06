import { readFileSync } from 'node:fs';
import { type RawResponse } from '../src/model.ts';

/** A RawResponse as the extract step would hand it over. */
export function rawResponse(body: string | Uint8Array, overrides: Partial<Omit<RawResponse, 'body'>> = {}): RawResponse {
  return {
    request: { dataset: 'council-metrics', path: '/data?metricType=3281&area=E09000021&period=latest:2' },
    status: 200,
    contentType: 'application/json; charset=utf-8',
    receivedAt: '2026-01-15T09:00:00.000Z',
    body: typeof body === 'string' ? new TextEncoder().encode(body) : body,
    ...overrides,
  };
}

export function fixtureText(name: string): string {
  return readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
}
