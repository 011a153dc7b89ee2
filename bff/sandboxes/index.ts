/**
 * @module Mounts every vendor sandbox under `/sandbox/<vendor>/` of a host app (demo mode, tests,
 * host-portal development), each serving its vendor's own paths below the prefix.
 */
import type { Hono } from 'hono';
import { createAutotaskSandbox } from './autotask/autotask.sandbox.js';
import { createKaseyaBmsSandbox } from './kaseya-bms/kaseya-bms.sandbox.js';
import { createHaloPsaSandbox } from './halopsa/halopsa.sandbox.js';
import { createDattoRmmSandbox } from './datto-rmm/datto-rmm.sandbox.js';
import { createSyncroSandbox } from './syncro/syncro.sandbox.js';

export function createSandboxes() {
  return {
    autotask: createAutotaskSandbox(),
    'kaseya-bms': createKaseyaBmsSandbox(),
    halopsa: createHaloPsaSandbox(),
    'datto-rmm': createDattoRmmSandbox(),
    syncro: createSyncroSandbox(),
  };
}
export type Sandboxes = ReturnType<typeof createSandboxes>;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function mountSandboxes(host: Hono<any>, sandboxes: Sandboxes): void {
  for (const [vendor, sandbox] of Object.entries(sandboxes)) host.route(`/sandbox/${vendor}`, sandbox.app);
}
