/**
 * The HTTP client for the LG Inform Plus API, built from the pipeline's
 * settings: the CLI and the Lambda handler share it, so both retry, time out
 * and pace their requests the same way.
 */
import { createHttpClient, type HttpClient } from '@rbk-lbs/kit/http-client';
import { type Logger } from '@rbk-lbs/kit/logger';
import { type PipelineConfig } from './config.ts';

export function createApiHttpClient(settings: PipelineConfig['http'], logger: Logger): HttpClient {
  return createHttpClient({
    timeoutMs: settings.timeoutMs,
    maxAttempts: settings.maxAttempts,
    concurrency: settings.concurrency,
    rateLimit: settings.requestsPerSecond > 0 ? { requests: 1, perMs: 1000 / settings.requestsPerSecond } : false,
    onRetry: (retry) => logger.warn(retry, `retrying ${retry.url} in ${retry.delayMs} ms (attempt ${retry.attempt} failed: ${retry.status ?? retry.reason})`),
  });
}
