/**
 * @module A loopback port no one listens on, for a bench that starts a server in another process
 * and must know its port before it listens. The kernel picks it (listen on port 0), so it is never
 * one of the ephemeral ports that the bench's own connections hold; a random pick in 20000-40000
 * overlapped Linux's ephemeral range (32768-60999) and once failed with EADDRINUSE.
 */
import { createServer } from 'node:net';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
