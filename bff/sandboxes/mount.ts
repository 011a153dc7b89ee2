/**
 * @module Mounts the vendor sandboxes under `/sandbox/<vendor>/` of a host app, either at once or
 * (`npm start` in demo mode) on the first request to one, so start-up does not load six simulators.
 */
import { Hono } from 'hono';
import type { Sandboxes } from './index.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function mountSandboxes(host: Hono<any>, sandboxes: Sandboxes): void {
  for (const [vendor, sandbox] of Object.entries(sandboxes)) host.route(`/sandbox/${vendor}`, sandbox.app);
}

/** The sandboxes, or how to load them when first asked for. */
export type SandboxSource = Sandboxes | (() => Promise<Sandboxes>);

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function mountSandboxSource(host: Hono<any>, source: SandboxSource): void {
  if (typeof source !== 'function') return mountSandboxes(host, source);
  let loaded: Promise<Hono> | undefined;
  host.all('/sandbox/*', async (c) => {
    loaded ??= source().then((sandboxes) => {
      const app = new Hono();
      mountSandboxes(app, sandboxes);
      return app;
    });
    return (await loaded).fetch(c.req.raw, c.env);
  });
}
