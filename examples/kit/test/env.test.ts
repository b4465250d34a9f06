import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConfigError, loadConfig } from '../src/env.ts';

const schema = z.object({
  LAKE_URL: z.string().describe('a folder path or s3://bucket/prefix').default('./.lake'),
  DATABASE_URL: z.url().describe('postgres://user:password@host:5432/database').optional(),
  LGINFORM_APPLICATION_KEY: z.string().min(1).describe('your LG Inform Plus application key'),
  LGINFORM_PRIVATE_KEY: z.string().min(8).describe('the private key (secret) issued with the application key'),
  CONCURRENCY: z.coerce.number().int().positive().describe('a whole number of requests at once, e.g. 4').default(4),
});

const good = { LGINFORM_APPLICATION_KEY: 'app', LGINFORM_PRIVATE_KEY: 'long-secret' };

describe('loadConfig', () => {
  it('returns typed values with defaults applied', () => {
    const config = loadConfig(schema, { ...good, CONCURRENCY: '8' });
    expect(config).toEqual({ ...good, LAKE_URL: './.lake', CONCURRENCY: 8 });
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig(schema, { ...good, LAKE_URL: '', CONCURRENCY: ' ' })).toMatchObject({ LAKE_URL: './.lake', CONCURRENCY: 4 });
  });

  it('names every missing or malformed variable at once, with what a good value looks like', () => {
    const error = (() => {
      try {
        loadConfig(schema, { DATABASE_URL: 'not a url', CONCURRENCY: 'many', LGINFORM_PRIVATE_KEY: 'short' });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    expect(problems.map((p) => [p.variable, p.problem])).toEqual([
      ['DATABASE_URL', 'malformed'],
      ['LGINFORM_APPLICATION_KEY', 'missing'],
      ['LGINFORM_PRIVATE_KEY', 'malformed'],
      ['CONCURRENCY', 'malformed'],
    ]);
    const message = (error as Error).message;
    expect(message).toContain('4 problems');
    expect(message).toContain('LGINFORM_APPLICATION_KEY is not set. Expected: your LG Inform Plus application key');
    expect(message).toContain('DATABASE_URL is not valid (Invalid URL). Expected: postgres://user:password@host:5432/database');
    expect(message).toContain('CONCURRENCY is not valid');
    expect(message).toContain('Expected: a whole number of requests at once, e.g. 4');
  });

  it('never repeats a value back, even when a custom message quotes it', () => {
    const quoting = z.object({
      SECRET_TOKEN: z.string().refine((v) => v.startsWith('tok_'), { message: 'token hunter2xyz must start with tok_' }),
    });
    try {
      loadConfig(quoting, { SECRET_TOKEN: 'hunter2xyz' });
      expect.unreachable();
    } catch (error) {
      expect((error as Error).message).toContain('SECRET_TOKEN is not valid (token *** must start with tok_)');
      expect((error as Error).message).not.toContain('hunter2xyz');
    }
  });
});
