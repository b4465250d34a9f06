import { createServer } from 'node:http';
import { describe, expect, it } from 'vitest';
import { ServiceStartError, startServiceProcess, waitUntilReady } from '../src/services/child-service.ts';
import { findFreePort } from '../src/services/free-port.ts';

const node = process.execPath;

describe('startServiceProcess and waitUntilReady', () => {
  it('waits until the service answers, then stops it with SIGTERM', async () => {
    const port = await findFreePort();
    const script = `require('http').createServer((q, s) => s.end('ok')).listen(${port}, '127.0.0.1'); console.log('listening');`;
    const service = startServiceProcess('demo', node, ['-e', script]);
    await waitUntilReady(service, async () => (await fetch(`http://127.0.0.1:${port}/`)).ok, 10_000);
    expect(service.recentOutput()).toContain('listening');
    await service.stop();
    expect(service.hasExited()).toBe(true);
    await expect(fetch(`http://127.0.0.1:${port}/`)).rejects.toThrow();
    await service.stop(); // a second stop is harmless
  });

  it('kills a service that ignores SIGTERM once the grace period is over', async () => {
    const service = startServiceProcess('stubborn', node, ['-e', "process.on('SIGTERM', () => console.log('ignored')); setInterval(() => {}, 1000); console.log('up')"]);
    await waitUntilReady(service, async () => service.recentOutput().includes('up'), 10_000);
    const started = Date.now();
    await service.stop(300);
    expect(service.hasExited()).toBe(true);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('reports a service that dies while starting, with its last output', async () => {
    const service = startServiceProcess('broken', node, ['-e', "console.error('port already in use'); process.exit(3)"]);
    const error = await waitUntilReady(service, async () => false, 10_000).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServiceStartError);
    expect(String(error)).toMatch(/broken did not start: the process exited while starting[\s\S]*port already in use/);
  });

  it('stops a service that never becomes healthy and says how long it waited', async () => {
    const service = startServiceProcess('slow', node, ['-e', 'setInterval(() => {}, 1000)']);
    await expect(waitUntilReady(service, async () => false, 600)).rejects.toThrow('slow did not start: not healthy after 1 s');
    expect(service.hasExited()).toBe(true);
  });
});

describe('findFreePort', () => {
  it('gives a port that can be listened on', async () => {
    const port = await findFreePort();
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    await new Promise((resolve) => server.close(resolve));
    expect(port).toBeGreaterThan(0);
  });
});
