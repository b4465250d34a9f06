import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { reachableDataDir } from '../src/postgres/embedded.ts';

const isRoot = os.userInfo().uid === 0;

describe('reachableDataDir', () => {
  const created: string[] = [];
  afterAll(async () => {
    await Promise.all(created.map((dir) => rm(dir, { recursive: true, force: true })));
  });

  it('keeps a folder the postgres user can reach', async () => {
    const open = await mkdtemp(path.join(os.tmpdir(), 'reachable-'));
    created.push(open);
    await chmod(open, 0o755);
    const preferred = path.join(open, 'project/.data/postgres');
    await expect(reachableDataDir(preferred)).resolves.toEqual({ dataDir: preferred });
  });

  it.runIf(isRoot)('moves a folder inside a private one to the same place under the temp folder every time', async () => {
    const closed = await mkdtemp(path.join(os.tmpdir(), 'private-')); // mode 700, like a CI runner's checkout
    created.push(closed);
    const preferred = path.join(closed, 'project/.data/postgres');
    const first = await reachableDataDir(preferred);
    expect(first.dataDir.startsWith(path.join(os.tmpdir(), 'rbk-lbs-embedded-postgres'))).toBe(true);
    expect(first.dataDir.endsWith('-postgres')).toBe(true);
    expect(first.movedBecause).toContain(`cannot pass through ${closed} (mode 700)`);
    expect((await reachableDataDir(preferred)).dataDir).toBe(first.dataDir);
  });
});
