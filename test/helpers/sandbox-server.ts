/** @module All four vendor sandboxes on one loopback port, as `npm start` mounts them. */
import { Hono } from 'hono';
import { createSandboxes, mountSandboxes, type Sandboxes } from '../../bff/sandboxes/index.js';
import { startServer, type RunningServer } from './serve.js';

export async function startSandboxServer(): Promise<RunningServer & { sandboxes: Sandboxes }> {
  const sandboxes = createSandboxes();
  const host = new Hono();
  mountSandboxes(host, sandboxes);
  return { ...(await startServer(host.fetch)), sandboxes };
}
