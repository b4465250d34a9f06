import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensurePythonVenv, findPython, PythonVenvError } from '../src/services/python-venv.ts';

describe('ensurePythonVenv', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'venv-test-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('installs once, even when asked by several callers at once, and again only when the pins change', async () => {
    const requirementsFile = path.join(dir, 'requirements.txt');
    await writeFile(requirementsFile, '# nothing to install\n');
    const messages: string[] = [];
    const spec = { label: 'demo', venvDir: path.join(dir, 'venv'), python: 'python3', requirementsFile, progress: (line: string) => messages.push(line) };

    const pythons = await Promise.all([ensurePythonVenv(spec), ensurePythonVenv(spec), ensurePythonVenv(spec)]);
    expect(new Set(pythons)).toEqual(new Set([path.join(dir, 'venv', 'bin', 'python')]));
    expect(existsSync(pythons[0] ?? '')).toBe(true);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(/^Installing demo into .*venv \(first use only/);
    expect(existsSync(`${spec.venvDir}.lock`)).toBe(false);

    await ensurePythonVenv(spec);
    expect(messages).toHaveLength(1);

    await writeFile(requirementsFile, '# nothing to install, changed\n');
    await ensurePythonVenv(spec);
    expect(messages).toHaveLength(2);
  });

  it('says what failed and what to check when the install fails', async () => {
    const requirementsFile = path.join(dir, 'bad.txt');
    await writeFile(requirementsFile, 'this is not a requirement ===\n');
    const spec = { label: 'broken', venvDir: path.join(dir, 'bad'), python: 'python3', requirementsFile, progress: () => undefined };
    const error = await ensurePythonVenv(spec).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PythonVenvError);
    expect(String(error)).toMatch(/Installing broken from .*bad\.txt with python3 failed/);
    expect(existsSync(path.join(dir, 'bad', '.installed-from.sha256'))).toBe(false);
  });
});

describe('findPython', () => {
  it('prefers an explicit interpreter and explains a missing version', async () => {
    expect(await findPython('3.11', '/opt/python/bin/python3')).toBe('/opt/python/bin/python3');
    await expect(findPython('2.1.9')).rejects.toThrow(/Python 2\.1\.9 was not found.*pyenv install 2\.1\.9/);
  });
});
