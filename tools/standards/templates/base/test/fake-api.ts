/**
 * A stand-in for the API in tests: a fetch that serves the fixture (or
 * whatever a test asks for) and counts the requests, so no test needs the
 * network.
 */
import { readFileSync } from 'node:fs';

export const FIXTURE = readFileSync(new URL('./fixtures/bank-holidays.json', import.meta.url), 'utf8');

export type FakeResponse = { status: number; body: string };

export function fakeFetch(responses: FakeResponse[] = [{ status: 200, body: FIXTURE }]): typeof globalThis.fetch & { calls: number } {
  const fake = Object.assign(
    async (): Promise<Response> => {
      // The last response repeats, so a test lists only the ones that differ.
      const next = responses[Math.min(fake.calls, responses.length - 1)] ?? { status: 200, body: FIXTURE };
      fake.calls += 1;
      return new Response(next.body, { status: next.status, headers: { 'content-type': 'application/json' } });
    },
    { calls: 0 },
  );
  return fake;
}
