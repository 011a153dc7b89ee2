/**
 * @module The setup both shared adapter suites use: the vendor's sandbox on a real port (reset
 * before each test) and a factory for adapters pointed at it with test-friendly timings.
 */
import { Hono } from 'hono';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { createAdapterContext, sandboxEndpoints, type AdapterContext } from '../../bff/vendors/adapter-context.js';
import { control, startServer, type RunningServer } from '../helpers/serve.js';

export const SANDBOX_INTEGRATION_CODE = 'SANDBOXINTEGRATIONCODE00000';

export interface SandboxedTarget<A> {
  vendor: string;
  createSandboxApp(): Hono;
  createAdapter(ctx: AdapterContext, credentials: 'valid' | 'wrong'): A;
}

/** Registers the hooks; call inside a describe. */
export function useSandboxedAdapter<A>(target: SandboxedTarget<A>) {
  let server: RunningServer;
  beforeAll(async () => {
    const host = new Hono().route(`/sandbox/${target.vendor}`, target.createSandboxApp());
    server = await startServer(host.fetch);
  });
  afterAll(() => server.close());
  beforeEach(() => control(server.origin, target.vendor, 'reset'));
  return {
    origin: () => server.origin,
    adapter: (overrides: Partial<AdapterContext> = {}, credentials: 'valid' | 'wrong' = 'valid') =>
      target.createAdapter(createAdapterContext(sandboxEndpoints(server.origin, SANDBOX_INTEGRATION_CODE), { timeoutMs: 2_000, backoffBaseMs: 20, ...overrides }), credentials),
  };
}
