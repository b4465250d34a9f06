import { ConfigError } from '@rbk-lbs/kit/env';
import { describe, expect, it } from 'vitest';
import { readConfig } from '../src/config.ts';
import { defaultLogicalDate, parseLogicalDate } from '../src/dates.ts';

describe('defaultLogicalDate', () => {
  it('is yesterday in London, also in the hour after midnight in summer', () => {
    expect(defaultLogicalDate(new Date('2026-06-02T12:00:00Z'))).toBe('2026-06-01');
    // 00:30 on 2 June in London is still 1 June in UTC.
    expect(defaultLogicalDate(new Date('2026-06-01T23:30:00Z'))).toBe('2026-06-01');
    expect(defaultLogicalDate(new Date('2026-01-01T00:30:00Z'))).toBe('2025-12-31');
  });

  it('refuses a date that is not on the calendar', () => {
    expect(parseLogicalDate('2026-02-28')).toBe('2026-02-28');
    expect(() => parseLogicalDate('2026-02-30')).toThrow(/YYYY-MM-DD/);
  });
});

describe('readConfig', () => {
  it('has a default for every variable', () => {
    expect(readConfig({})).toEqual({ SOURCE_URL: 'https://www.gov.uk/bank-holidays.json', LAKE_URL: '.lake', LOG_LEVEL: 'info' });
  });

  it('names every wrong variable at once', () => {
    expect(() => readConfig({ SOURCE_URL: 'not a url', LOG_LEVEL: 'loud' })).toThrow(ConfigError);
    expect(() => readConfig({ SOURCE_URL: 'not a url', LOG_LEVEL: 'loud' })).toThrow(/SOURCE_URL[\s\S]*LOG_LEVEL/);
  });
});
