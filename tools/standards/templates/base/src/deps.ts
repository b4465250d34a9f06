/**
 * What the pipeline runs with, built from the configuration: the kit's
 * logger, HTTP client and lake store. The CLI and the Lambda handler both
 * build it here; a test passes its own fetch.
 */
import { createHttpClient } from '@rbk-lbs/kit/http-client';
import { lakeStoreFromUrl } from '@rbk-lbs/kit/lake/from-url';
import { createLogger } from '@rbk-lbs/kit/logger';
import { type Config } from './config.ts';
import { PIPELINE, type PipelineDeps } from './pipeline.ts';

export type DepsOptions = {
  /** Replaces the network in tests. */
  fetch?: typeof globalThis.fetch;
};

export function createPipelineDeps(config: Config, runId: string, options: DepsOptions = {}): PipelineDeps {
  const logger = createLogger({ runId, level: config.LOG_LEVEL });
  const http = createHttpClient({
    // One small JSON file: a slow answer is a stuck server.
    timeoutMs: 30_000,
    maxAttempts: 5,
    headers: { 'user-agent': `${PIPELINE} data pipeline` },
    onRetry: (event) => logger.warn({ retry: event }, 'retrying the request'),
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  return { http, store: lakeStoreFromUrl(config.LAKE_URL), logger, sourceUrl: config.SOURCE_URL };
}
