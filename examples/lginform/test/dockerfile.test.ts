/**
 * The Dockerfile and docker-compose.yml, checked statically (no Docker engine
 * runs here): hadolint from a pinned wheel, the house rules of
 * dockerfile-rules.ts, the build context's allow-list, and the compose file's
 * structure. CI runs the pipeline's tests against LocalStack started on the
 * host and against moto's server instead of these containers.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { embeddedServerMajorVersion } from '@rbk-lbs/kit/postgres/embedded';
import { DEPLOYED_NODE_VERSION } from '@rbk-lbs/kit/services/node-runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { dockerfileProblems, parseDockerfile } from './dockerfile-rules.ts';
import { regionProblems } from './regions.ts';
import { EXAMPLE_DIR, ensureHadolint, run } from './lint-tools.ts';

const DOCKERFILE = path.join(EXAMPLE_DIR, 'Dockerfile');
const COMPOSE_FILE = path.join(EXAMPLE_DIR, 'docker-compose.yml');
const REPO_ROOT = path.resolve(EXAMPLE_DIR, '../..');

/** A Dockerfile that breaks every rule the checks are meant to catch. */
const CARELESS_DOCKERFILE = `FROM node:latest
RUN sudo pip install requests
COPY .env /app/.env
ENV API_SECRET=abc
RUN npm install
CMD node index.js
`;

let hadolint: string;
let dockerfile: string;
const tempDirs: string[] = [];

beforeAll(async () => {
  [hadolint, dockerfile] = await Promise.all([ensureHadolint(), readFile(DOCKERFILE, 'utf8')]);
}, 10 * 60_000);

afterAll(async () => {
  await Promise.all(tempDirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

type HadolintFinding = { code: string; level: string; line: number; message: string };

async function lint(file: string): Promise<HadolintFinding[]> {
  const result = await run(hadolint, ['--format', 'json', '--no-color', file]);
  expect(result.stderr).toBe('');
  return JSON.parse(result.stdout) as HadolintFinding[];
}

describe('the Dockerfile', () => {
  it('passes hadolint with no finding at any level', async () => {
    const findings = await lint(DOCKERFILE);
    expect(findings.map((finding) => `line ${finding.line} ${finding.code} (${finding.level}): ${finding.message}`)).toEqual([]);
  });

  it('keeps the house rules: multi-stage, pinned base, non-root, a reason for no health check, no secrets, production dependencies only', () => {
    expect(dockerfileProblems(dockerfile)).toEqual([]);
    const instructions = parseDockerfile(dockerfile);
    expect(instructions.filter((instruction) => instruction.keyword === 'FROM').map((instruction) => instruction.args)).toEqual([
      'node:24.21.0-trixie-slim AS dependencies',
      'node:24.21.0-trixie-slim AS runtime',
    ]);
  });

  it('runs the Node.js version the tests run the pipeline on (node24.test.ts), here and in the scaffold\'s template', async () => {
    const template = await readFile(path.join(EXAMPLE_DIR, '../../tools/standards/templates/base/Dockerfile'), 'utf8');
    for (const text of [dockerfile, template]) {
      const versions = parseDockerfile(text).filter((instruction) => instruction.keyword === 'FROM').map((instruction) => /^node:(\d+\.\d+\.\d+)/.exec(instruction.args)?.[1]);
      expect(versions.length).toBeGreaterThan(0);
      expect(new Set(versions)).toEqual(new Set([DEPLOYED_NODE_VERSION]));
    }
  });

  it('would be caught by both checks if it were careless', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'lginform-dockerfile-'));
    tempDirs.push(dir);
    const careless = path.join(dir, 'Dockerfile');
    await writeFile(careless, CARELESS_DOCKERFILE);
    const codes = (await lint(careless)).map((finding) => finding.code);
    expect(codes).toEqual(expect.arrayContaining(['DL3007', 'DL3004', 'DL3025']));
    expect(dockerfileProblems(CARELESS_DOCKERFILE)).toEqual([
      'use a multi-stage build: tools and caches stay in the build stage, the final image holds only what runs',
      'line 1: pin the base image "node:latest" by version or digest, never latest',
      'the final stage must switch to a non-root USER',
      'add a HEALTHCHECK, or HEALTHCHECK NONE with a comment saying why the container has nothing to probe',
      'line 2: no sudo in a build (the build already runs as root; use a virtual environment for pip)',
      'line 2: pip install into a virtual environment, not the system Python',
      'line 3: do not copy secrets into the image',
      'line 4: ENV API_SECRET would keep a secret in the image; pass it at run time',
      'line 5: install production dependencies only (npm ci --omit=dev)',
      'line 6: write CMD in exec form (a JSON array) so signals reach the process',
    ]);
  });

  it('marks the regions the site pulls', async () => {
    expect(await regionProblems([DOCKERFILE, COMPOSE_FILE], ['dockerfile-dependencies-stage', 'dockerfile-runtime-stage', 'compose-pipeline'])).toEqual([]);
  });

  it('copies only what exists and what the allow-list lets into the build context', async () => {
    const ignore = (await readFile(path.join(EXAMPLE_DIR, 'Dockerfile.dockerignore'), 'utf8')).split('\n').map((line) => line.trim()).filter((line) => line !== '' && !line.startsWith('#'));
    expect(ignore[0]).toBe('*');
    const allowed = ignore.slice(1).map((line) => line.replace(/^!/, '').replace(/\/$/, ''));
    for (const instruction of parseDockerfile(dockerfile).filter((i) => i.keyword === 'COPY' && !i.args.startsWith('--from'))) {
      const sources = instruction.args.split(/\s+/).filter((part) => !part.startsWith('--')).slice(0, -1);
      for (const source of sources) {
        expect(existsSync(path.join(REPO_ROOT, source)), `${source} (line ${instruction.line})`).toBe(true);
        expect(allowed.some((entry) => source === entry || source.startsWith(`${entry}/`)), `${source} is not in Dockerfile.dockerignore's allow-list`).toBe(true);
      }
    }
  });
});

type ComposeService = {
  image?: string;
  build?: { context: string; dockerfile: string };
  environment?: Record<string, string>;
  ports?: string[];
  volumes?: string[];
  healthcheck?: { test: string[] };
  depends_on?: Record<string, { condition: string }>;
  user?: string;
  read_only?: boolean;
  cap_drop?: string[];
};

describe('docker-compose.yml', () => {
  let services: Record<string, ComposeService>;

  beforeAll(async () => {
    services = (parse(await readFile(COMPOSE_FILE, 'utf8')) as { services: Record<string, ComposeService> }).services;
  });

  it('runs LocalStack (S3 and Secrets Manager), PostgreSQL and the pipeline, each long-running service with a health check', () => {
    expect(Object.keys(services).sort()).toEqual(['lake-setup', 'localstack', 'pipeline', 'postgres']);
    expect(services.localstack?.environment?.SERVICES?.split(',').sort()).toEqual(['s3', 'secretsmanager']);
    for (const name of ['localstack', 'postgres']) expect(services[name]?.healthcheck?.test.length, `${name} healthcheck`).toBeGreaterThan(1);
  });

  it('runs the PostgreSQL major version the tests run, with its volume where that image keeps its data', () => {
    const major = embeddedServerMajorVersion();
    expect(services.postgres?.image).toMatch(new RegExp(`^postgres:${major}\\.\\d+$`));
    // From 18 the image keeps its cluster in /var/lib/postgresql/<major>/docker and refuses a volume at .../data.
    expect(services.postgres?.volumes).toEqual(['warehouse:/var/lib/postgresql']);
  });

  it('pins every pulled image to a version and publishes ports on 127.0.0.1 only', () => {
    for (const [name, service] of Object.entries(services)) {
      if (service.image && !service.build) expect(service.image, name).toMatch(/:[^:]*\d+\.\d+[^:]*$/);
      for (const port of service.ports ?? []) expect(port, `${name} publishes ${port}`).toMatch(/^127\.0\.0\.1:/);
    }
  });

  it('starts the pipeline only when its services are ready, from this Dockerfile, as a non-root user with a read-only filesystem', () => {
    const pipeline = services.pipeline!;
    expect(pipeline.depends_on).toEqual({ postgres: { condition: 'service_healthy' }, 'lake-setup': { condition: 'service_completed_successfully' } });
    expect(path.resolve(EXAMPLE_DIR, pipeline.build!.context, pipeline.build!.dockerfile)).toBe(DOCKERFILE);
    expect(pipeline).toMatchObject({ user: 'node', read_only: true, cap_drop: ['ALL'] });
    expect(pipeline.environment).toMatchObject({ LAKE_URL: 's3://lginform-lake', AWS_ENDPOINT_URL: 'http://localstack:4566' });
    expect(pipeline.environment?.DATABASE_URL).toMatch(/@postgres:5432\//);
  });

  it('holds no credential but obvious local-only test values', () => {
    const LOCAL_ONLY = new Set(['test', 'local-only-password']);
    for (const [name, service] of Object.entries(services)) {
      for (const [key, value] of Object.entries(service.environment ?? {})) {
        if (/PASSWORD|SECRET|TOKEN|ACCESS_KEY|PRIVATE_KEY/.test(key)) expect(LOCAL_ONLY, `${name}: ${key}`).toContain(value);
        const urlPassword = /^postgres(?:ql)?:\/\/[^:]+:([^@]+)@/.exec(value)?.[1];
        if (urlPassword !== undefined) expect(LOCAL_ONLY, `${name}: ${key}`).toContain(urlPassword);
      }
    }
  });
});
