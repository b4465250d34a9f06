import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../src/logger.ts';

function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  return { lines, destination, records: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>) };
}

describe('createLogger', () => {
  it('writes one JSON object per line with run_id and step', () => {
    const out = capture();
    const logger = createLogger({ runId: 'run-42', step: 'extract', destination: out.destination });
    logger.info({ responses: 3 }, 'extract finished');
    logger.child({ step: 'load' }).info('load started');
    const [first, second] = out.records();
    expect(first).toMatchObject({ run_id: 'run-42', step: 'extract', responses: 3, msg: 'extract finished', level: 30 });
    expect(typeof first?.time).toBe('string');
    expect(second).toMatchObject({ run_id: 'run-42', step: 'load' });
  });

  it('never writes secrets, top level or one level down', () => {
    const out = capture();
    const logger = createLogger({ runId: 'r', destination: out.destination });
    logger.info(
      {
        applicationKey: 'APPKEY-1',
        config: { privateKey: 'PRIVATE-2', password: 'PASS-3', LGINFORM_PRIVATE_KEY: 'PRIVATE-4' },
        request: { url: 'https://api/data?metricType=1&ApplicationKey=APPKEY-5&Signature=SIG-6', headers: { authorization: 'Basic AUTH-7' } },
        DATABASE_URL: 'postgres://user:DBPASS-8@host/db', // secretlint-disable-line -- made up: the test checks the logger hides it
      },
      'starting',
    );
    const text = out.lines.join('\n');
    for (const secret of ['APPKEY-1', 'PRIVATE-2', 'PASS-3', 'PRIVATE-4', 'APPKEY-5', 'SIG-6', 'AUTH-7', 'DBPASS-8']) {
      expect(text).not.toContain(secret);
    }
    const [record] = out.records();
    expect(record).toMatchObject({
      applicationKey: '[redacted]',
      request: { url: 'https://api/data?metricType=1' },
      DATABASE_URL: 'postgres://user:***@host/db',
    });
  });
});
