import { describe, expect, it } from 'vitest';
import { redactSecretsInText, redactUrl } from '../src/redact.ts';

describe('redactUrl', () => {
  it('removes ApplicationKey and Signature and keeps everything else as sent', () => {
    expect(redactUrl('https://webservices.esd.org.uk/data?metricType=1,2&area=E09000021&ApplicationKey=K&Signature=a%2Bb%3D')).toBe(
      'https://webservices.esd.org.uk/data?metricType=1,2&area=E09000021',
    );
    expect(redactUrl('/comparisonGroups?ApplicationKey=ExamplePPK&Signature=Q34o8zja5HgFxJXH36ydpmpyILQ=')).toBe('/comparisonGroups');
  });

  it('matches parameter names without regard to case or encoding', () => {
    expect(redactUrl('/x?applicationkey=K&%53ignature=S&page=2')).toBe('/x?page=2');
  });

  it('masks the password in a connection string, even one with unencoded symbols', () => {
    expect(redactUrl('postgres://loader:s3cret@db.internal:5432/warehouse?sslmode=require')).toBe( // secretlint-disable-line -- made up: the test checks it is masked
      'postgres://loader:***@db.internal:5432/warehouse?sslmode=require',
    );
    expect(redactUrl('postgres://loader:pa/ss?w@rd@db/warehouse')).toBe('postgres://loader:***@db/warehouse');
    expect(redactUrl('postgres://loader@db/warehouse')).toBe('postgres://loader@db/warehouse');
  });

  it('keeps a fragment', () => {
    expect(redactUrl('http://h/p?token=t&a=1#top')).toBe('http://h/p?a=1#top');
  });
});

describe('redactSecretsInText', () => {
  it('masks secrets a server echoes back in an error page', () => {
    expect(redactSecretsInText('<p>Bad request /data?ApplicationKey=abc&Signature=x/y+z=</p>')).toBe(
      '<p>Bad request /data?ApplicationKey=***&Signature=***</p>',
    );
  });
});
