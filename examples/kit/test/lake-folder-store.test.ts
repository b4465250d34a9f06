import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FolderLakeStore } from '../src/lake/folder-store.ts';
import { lakeStoreContract } from './lake-store-contract.ts';

describe('FolderLakeStore', () => {
  let root: string;
  let count = 0;
  beforeAll(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'lake-folder-'));
  });
  afterAll(() => rm(root, { recursive: true, force: true }));
  const store = () => new FolderLakeStore(path.join(root, `store-${(count += 1)}`));

  lakeStoreContract(store);

  it('leaves no temp files behind and never lists a half-written one', async () => {
    const lake = store();
    await lake.putIfAbsent('raw/a/part-00000.json.gz', Buffer.from('x'));
    await lake.putIfAbsent('raw/a/part-00000.json.gz', Buffer.from('y')).catch(() => undefined);
    await lake.put('raw/a/_manifest.json', Buffer.from('{}'));
    expect((await readdir(path.join(lake.root, 'raw/a'))).sort()).toEqual(['_manifest.json', 'part-00000.json.gz']);
    // What a crash between writing and linking leaves: a hidden temp file.
    await writeFile(path.join(lake.root, 'raw/a/.tmp-0123abcd-part-00001.json.gz'), 'half');
    const listed: string[] = [];
    for await (const object of lake.list('raw/a/')) listed.push(object.key);
    expect(listed).toEqual(['raw/a/_manifest.json', 'raw/a/part-00000.json.gz']);
    expect(await lake.exists('raw/a/part-00001.json.gz')).toBe(false);
  });

  it('maps keys to paths under its root', () => {
    expect(new FolderLakeStore('/lake').locationOf('raw/x/y.json.gz')).toBe('/lake/raw/x/y.json.gz');
    expect(new FolderLakeStore('/lake').locationOf('raw/x/')).toBe('/lake/raw/x/');
    expect(() => new FolderLakeStore('/lake').locationOf('raw/../../etc/')).toThrow('Invalid lake key');
  });
});
