/**
 * @module Mounts every vendor sandbox under `/sandbox/<vendor>/` of a host app (demo mode, tests,
 * host-portal development), each serving its vendor's own paths below the prefix; and each PSA
 * sandbox's kit (psa-sandbox-kit.ts) for the suites that run against every PSA.
 */
import { createAutotaskSandbox } from './autotask/autotask.sandbox.js';
import { createKaseyaBmsSandbox } from './kaseya-bms/kaseya-bms.sandbox.js';
import { createDattoRmmSandbox } from './datto-rmm/datto-rmm.sandbox.js';
import { createSyncroSandbox } from './syncro/syncro.sandbox.js';
import type { PsaVendor } from '../contracts/vendor-catalog.js';
import type { PsaSandboxKit } from './psa-sandbox-kit.js';
import { autotaskKit } from './autotask/autotask.kit.js';
import { kaseyaBmsKit } from './kaseya-bms/kaseya-bms.kit.js';
import { createConnectWiseSandbox } from './connectwise/connectwise.sandbox.js';
import { connectwiseKit } from './connectwise/connectwise.kit.js';
import { createHaloPsaSandbox } from './halopsa/halopsa.sandbox.js';
import { halopsaKit } from './halopsa/halopsa.kit.js';

export const PSA_SANDBOX_KITS: { [V in PsaVendor]: PsaSandboxKit<V> } = {
  autotask: autotaskKit,
  'kaseya-bms': kaseyaBmsKit,
  connectwise: connectwiseKit,
  halopsa: halopsaKit,
};

export function createSandboxes() {
  return {
    autotask: createAutotaskSandbox(),
    'kaseya-bms': createKaseyaBmsSandbox(),
    'datto-rmm': createDattoRmmSandbox(),
    syncro: createSyncroSandbox(),
    connectwise: createConnectWiseSandbox(),
    halopsa: createHaloPsaSandbox(),
  };
}
export type Sandboxes = ReturnType<typeof createSandboxes>;

export { mountSandboxes } from './mount.js';
