import { describe, expect, it } from 'vitest';
import { InvalidKeyError } from '../src/lake/errors.ts';
import {
  assertValidKey,
  isIsoDate,
  manifestKey,
  parseLakeKey,
  quarantinePartKey,
  quarantineReasonKey,
  rawPartKey,
  rawPartitionPrefix,
  rawRunPrefix,
} from '../src/lake/keys.ts';
import { newRunId } from '../src/lake/run-id.ts';

const run = { source: 'lginform', dataset: 'council-finance', ingestDate: '2024-03-31', runId: '20240331T101500Z-a1b2c3' };

describe('raw key layout', () => {
  it('puts each run of a dataset and date in its own Hive-style folder', () => {
    expect(rawPartitionPrefix(run)).toBe('raw/lginform/council-finance/ingest_date=2024-03-31/');
    expect(rawRunPrefix(run)).toBe('raw/lginform/council-finance/ingest_date=2024-03-31/run_id=20240331T101500Z-a1b2c3/');
  });

  it('numbers parts with five digits and keeps the manifest beside them', () => {
    expect(rawPartKey(run, 0)).toBe('raw/lginform/council-finance/ingest_date=2024-03-31/run_id=20240331T101500Z-a1b2c3/part-00000.json.gz');
    expect(rawPartKey(run, 12345)).toMatch(/\/part-12345\.json\.gz$/);
    expect(manifestKey(run)).toBe('raw/lginform/council-finance/ingest_date=2024-03-31/run_id=20240331T101500Z-a1b2c3/_manifest.json');
  });

  it('mirrors the layout under quarantine/ with a reason file per part', () => {
    expect(quarantinePartKey(run, 7)).toBe('quarantine/lginform/council-finance/ingest_date=2024-03-31/run_id=20240331T101500Z-a1b2c3/part-00007.json.gz');
    expect(quarantineReasonKey(run, 7)).toBe('quarantine/lginform/council-finance/ingest_date=2024-03-31/run_id=20240331T101500Z-a1b2c3/part-00007.reason.json');
  });

  it('takes the source as a parameter so other examples reuse the layout', () => {
    expect(rawPartKey({ ...run, source: 'ons' }, 1)).toMatch(/^raw\/ons\/council-finance\//);
  });

  it('refuses names that would break the layout, naming the problem', () => {
    expect(() => rawPartitionPrefix({ ...run, dataset: 'a/b' })).toThrow(InvalidKeyError);
    expect(() => rawPartitionPrefix({ ...run, dataset: '' })).toThrow('dataset must be');
    expect(() => rawPartitionPrefix({ ...run, ingestDate: '2024-02-30' })).toThrow('YYYY-MM-DD');
    expect(() => rawPartitionPrefix({ ...run, ingestDate: '31/03/2024' })).toThrow('YYYY-MM-DD');
    expect(() => rawRunPrefix({ ...run, runId: 'x=y' })).toThrow('run_id must be');
    expect(() => rawPartKey(run, -1)).toThrow('part number');
    expect(() => rawPartKey(run, 100_000)).toThrow('part number');
    expect(() => rawPartKey(run, 1.5)).toThrow('part number');
  });

  it('reads a key back into its parts', () => {
    expect(parseLakeKey(quarantineReasonKey(run, 3))).toEqual({ ...run, zone: 'quarantine', file: 'part-00003.reason.json' });
    expect(parseLakeKey(rawPartKey(run, 0))).toEqual({ ...run, zone: 'raw', file: 'part-00000.json.gz' });
    expect(parseLakeKey('raw/lginform/x.json')).toBeUndefined();
  });
});

describe('isIsoDate', () => {
  it('accepts real dates only', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2023-02-29')).toBe(false);
    expect(isIsoDate('2024-3-31')).toBe(false);
  });
});

describe('assertValidKey', () => {
  it('accepts relative keys and refuses ones that escape or are ambiguous', () => {
    expect(() => assertValidKey('raw/a/b.json.gz')).not.toThrow();
    for (const bad of ['', '/raw/a', 'raw/../etc/passwd', 'raw//a', 'raw/./a', 'raw\\a', 'raw/a/']) {
      expect(() => assertValidKey(bad), bad).toThrow(InvalidKeyError);
    }
  });
});

describe('newRunId', () => {
  it('starts with a UTC timestamp so run folders sort by start time', () => {
    expect(newRunId(new Date('2024-03-31T10:15:00.123Z'), 'a1b2c3')).toBe('20240331T101500Z-a1b2c3');
    expect(newRunId()).toMatch(/^\d{8}T\d{6}Z-[0-9a-f]{6}$/);
    expect(newRunId(new Date('2024-01-01T00:00:00Z')) < newRunId(new Date('2024-01-01T00:00:01Z'))).toBe(true);
  });
});
