/**
 * @module Serves a fetch handler on a free loopback port for tests that need real HTTP
 * (adapters against sandboxes, end-to-end walks).
 */
import { serve, type ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';

export interface RunningServer {
  origin: string;
  close(): Promise<void>;
}

export function startServer(fetch: (request: Request) => Response | Promise<Response>): Promise<RunningServer> {
  return new Promise((resolve) => {
    const server: ServerType = serve({ fetch, hostname: '127.0.0.1', port: 0 }, (info: AddressInfo) => {
      resolve({
        origin: `http://127.0.0.1:${info.port}`,
        close: () => new Promise<void>((done) => {
          (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
          server.close(() => done());
        }),
      });
    });
  });
}

/** Calls a sandbox's `_control/` API. */
export async function control(origin: string, vendor: string, path: string, body?: unknown): Promise<any> {
  const res = await fetch(`${origin}/sandbox/${vendor}/_control/${path}`, {
    method: body === undefined && !path.startsWith('reset') ? 'GET' : 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: body === undefined ? (path.startsWith('reset') ? '{}' : undefined) : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`control ${path}: HTTP ${res.status} ${await res.text()}`);
  return res.json();
}
