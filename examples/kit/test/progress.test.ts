import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createProgress } from '../src/progress.ts';

function stream(isTTY: boolean) {
  let written = '';
  const target = new Writable({
    write(chunk: Buffer, _encoding, done) {
      written += chunk.toString('utf8');
      done();
    },
  });
  return Object.assign(target, { isTTY, columns: 100, output: () => written });
}

describe('createProgress', () => {
  it('draws nothing when the stream is not a terminal', () => {
    const out = stream(false);
    const progress = createProgress('extract', out);
    progress.start(10);
    progress.increment(4);
    progress.stop();
    expect(progress.visible).toBe(false);
    expect(out.output()).toBe('');
  });

  it('draws a bar with the label and the count on a terminal', () => {
    const out = stream(true);
    const progress = createProgress('extract', out);
    progress.start(10);
    progress.increment(4);
    progress.stop();
    progress.stop();
    expect(progress.visible).toBe(true);
    expect(out.output()).toContain('extract [');
    expect(out.output()).toContain('4/10');
  });
});
