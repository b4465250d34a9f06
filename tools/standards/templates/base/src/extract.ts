/**
 * Extract: one GET of the bank holidays API through the kit's HTTP client
 * (a timeout per attempt, retries with backoff and jitter, Retry-After
 * honoured), and the check of the body's shape. The shape is checked after
 * the raw bytes are landed, so a response that changed shape is kept as
 * evidence.
 */
import { type HttpClient } from '@rbk-lbs/kit/http-client';
import { z } from 'zod';

const eventSchema = z.object({
  title: z.string().min(1),
  date: z.iso.date(),
  notes: z.string(),
  bunting: z.boolean(),
});

/** The response: one entry per division of the UK, each with its holidays. */
export const bankHolidaysSchema = z.record(z.string(), z.object({ division: z.string().min(1), events: z.array(eventSchema) }));

export type BankHolidays = z.output<typeof bankHolidaysSchema>;

export class SourceShapeError extends Error {
  override name = 'SourceShapeError';
}

/** The response body exactly as received. */
export async function extract(http: HttpClient, url: string): Promise<Uint8Array> {
  const response = await http.get(url, { headers: { accept: 'application/json' } });
  return response.body;
}

export function parseBankHolidays(body: Uint8Array): BankHolidays {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(body));
  } catch (error) {
    throw new SourceShapeError('The response is not JSON: the API may have sent an error page.', { cause: error });
  }
  const result = bankHolidaysSchema.safeParse(json);
  if (!result.success) throw new SourceShapeError(`The response does not have the expected shape:\n${z.prettifyError(result.error)}`);
  return result.data;
}
