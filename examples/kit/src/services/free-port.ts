/**
 * A TCP port on 127.0.0.1 that nothing listens on right now. Asking the
 * operating system (port 0) beats fixed ports: two test runs, or a tester's
 * own LocalStack on 4566, never collide.
 */
import { createServer } from 'node:net';

export function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => (port > 0 ? resolve(port) : reject(new Error('The operating system gave no free port on 127.0.0.1.'))));
    });
  });
}
