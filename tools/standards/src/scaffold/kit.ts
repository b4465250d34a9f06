/**
 * Where the new repository gets `@rbk-lbs/kit`. The kit is private and not
 * yet published, so by default it is packed from this checkout's
 * examples/kit into the new repository's vendor/ folder (committed with it,
 * so CI and a colleague's clone install it too). `--kit registry` asks the
 * team's GitHub Packages registry instead, and `--kit <folder or .tgz>`
 * packs or copies another copy of the kit (offline use and tests).
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { KIT_PACKAGE, KIT_VERSION, type KitSource } from './options.ts';

/** examples/kit in the standards repository this tool runs from. */
export const MONOREPO_KIT = fileURLToPath(new URL('../../../../examples/kit/', import.meta.url));

/** What the kit's `exports` point at: only these are packed, never its tests, caches or virtual environments. */
const KIT_CONTENTS = ['package.json', 'src', 'README.md', 'LICENSE'];

/** The kit's source could not be used: a usage error, reported before anything is written. */
export class KitSourceError extends Error {
  override name = 'KitSourceError';
}

function readKitManifest(folder: string): { name?: string; version?: string } {
  const file = path.join(folder, 'package.json');
  if (!existsSync(file)) throw new KitSourceError(`${folder} has no package.json, so it is not a copy of ${KIT_PACKAGE}.`);
  const manifest = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
  if (manifest.name !== KIT_PACKAGE) throw new KitSourceError(`${folder} holds ${manifest.name ?? 'a package with no name'}, not ${KIT_PACKAGE}.`);
  return manifest;
}

/** Packs the kit folder with `npm pack`, from a copy that holds only what the package exports. */
export function packKit(folder: string): KitSource {
  readKitManifest(folder);
  const work = mkdtempSync(path.join(tmpdir(), 'de-standards-kit-'));
  try {
    const stage = path.join(work, 'package');
    for (const entry of KIT_CONTENTS) {
      if (existsSync(path.join(folder, entry))) cpSync(path.join(folder, entry), path.join(stage, entry), { recursive: true });
    }
    const packed = spawnSync('npm', ['pack', stage, '--pack-destination', work, '--ignore-scripts', '--json'], {
      encoding: 'utf8',
      shell: process.platform === 'win32',
    });
    if (packed.status !== 0) throw new Error(`npm pack of ${folder} failed: ${(packed.stderr || packed.error?.message || '').trim()}`);
    const fileName = readdirSync(work).find((entry) => entry.endsWith('.tgz'));
    if (fileName === undefined) throw new Error(`npm pack of ${folder} wrote no tarball.`);
    return { kind: 'vendored', fileName, contents: readFileSync(path.join(work, fileName)) };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/**
 * The kit for `--kit <spec>`: "registry", a kit folder, or a tarball made
 * by `npm pack`. Without a spec: this checkout's kit if there is one, else
 * the registry.
 */
export function resolveKit(spec: string | undefined, monorepoKit: string = MONOREPO_KIT): KitSource {
  if (spec === 'registry') return { kind: 'registry', version: KIT_VERSION };
  if (spec === undefined) return existsSync(path.join(monorepoKit, 'package.json')) ? packKit(monorepoKit) : { kind: 'registry', version: KIT_VERSION };
  if (!existsSync(spec)) throw new KitSourceError(`--kit ${spec}: no such file or folder. Give "registry", a kit folder or a .tgz from npm pack.`);
  if (statSync(spec).isDirectory()) return packKit(spec);
  if (!spec.endsWith('.tgz')) throw new KitSourceError(`--kit ${spec}: give "registry", a kit folder or a .tgz from npm pack.`);
  return { kind: 'vendored', fileName: path.basename(spec), contents: readFileSync(spec) };
}
