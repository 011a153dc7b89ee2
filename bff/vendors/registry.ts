/**
 * @module Builds the adapter for a vendor from its (already validated) credentials: one factory per
 * vendor in PSA_ADAPTERS / RMM_ADAPTERS.
 *
 * Plugging in a PSA vendor (ConnectWise PSA was the first done this way). The compiler lists every
 * place a new id must be filled in; nothing else in routes, routing, services or the database
 * changes. Vendor id below: `acme-psa`.
 * 1. bff/vendors/vendor-catalog.ts: add the id to PSA_VENDORS, its VENDOR_LABELS and VENDOR_BUDGETS
 *    lines, and a PLUGGED_VENDORS entry naming its environment variables (base URL, platform id,
 *    allowed on-premises hosts) and the platform id its sandbox accepts. The database enum, the
 *    contracts, the draft keys and the wizards' vendor types all derive from these lists (SQLite's
 *    text enum is TypeScript-only: no migration).
 * 2. bff/contracts/credentials.ts: its credential schema (shared with the wizard) and one line in
 *    `credentialSchemas`; the credential type derives from it.
 * 3. bff/vendors/acme-psa/: client, schemas, mapper, adapter implementing psa-adapter.ts; it reads
 *    `ctx.endpoints.plugged['acme-psa']` for its base URL, platform id and allowed hosts, and uses
 *    VendorHttp (bff/vendors/http/) for budget, retries and typed errors. One line below.
 * 4. bff/sandboxes/acme-psa/: the sandbox (sandboxes/common/sandbox-kit.ts gives state, faults,
 *    `_control/`), one line in bff/sandboxes/index.ts (mounted at /sandbox/acme-psa/), and its
 *    `PsaSandboxKit` (bff/sandboxes/psa-sandbox-kits.ts: demo credentials, close a ticket as a
 *    technician, read its writes in neutral words) so the shared adapter suite and the routing
 *    suites run against it.
 * 5. web-components/wizards/psa-wizard/psa-vendor-copy.ts: the wizard's words for it (credential
 *    fields, intro, picklist labels in the vendor's own terms).
 * 6. Tests: test/bff/vendors/acme-psa/ running test/suites/psa-adapter.suite.ts; the routing tests
 *    iterate PSA_VENDORS by themselves. README: the demo credentials and environment variables.
 */
import type { VendorCredentials } from '../contracts/credentials.js';
import type { AdapterContext } from './adapter-context.js';
import type { PsaVendor, RmmVendor } from './vendor-catalog.js';
import type { PsaAdapter } from './psa-adapter.js';
import type { RmmAdapter } from './rmm-adapter.js';
import { createAutotaskAdapter } from './autotask/autotask.adapter.js';
import { createKaseyaBmsAdapter } from './kaseya-bms/kaseya-bms.adapter.js';
import { createDattoRmmAdapter } from './datto-rmm/datto-rmm.adapter.js';
import { createSyncroAdapter } from './syncro/syncro.adapter.js';
import { createConnectWiseAdapter } from './connectwise/connectwise.adapter.js';
import { createHaloPsaAdapter } from './halopsa/halopsa.adapter.js';

export { isPsaVendor } from './vendor-catalog.js';

const PSA_ADAPTERS: { [V in PsaVendor]: (ctx: AdapterContext, credentials: VendorCredentials[V]) => PsaAdapter } = {
  autotask: createAutotaskAdapter,
  'kaseya-bms': createKaseyaBmsAdapter,
  connectwise: createConnectWiseAdapter,
  halopsa: createHaloPsaAdapter,
};

const RMM_ADAPTERS: { [V in RmmVendor]: (ctx: AdapterContext, credentials: VendorCredentials[V]) => RmmAdapter } = {
  'datto-rmm': createDattoRmmAdapter,
  syncro: createSyncroAdapter,
};

export function createPsaAdapter<V extends PsaVendor>(ctx: AdapterContext, vendor: V, credentials: VendorCredentials[V]): PsaAdapter {
  const create = PSA_ADAPTERS[vendor] as ((ctx: AdapterContext, credentials: VendorCredentials[V]) => PsaAdapter) | undefined;
  if (!create) throw new Error(`Unknown PSA vendor ${vendor}`);
  return create(ctx, credentials);
}

export function createRmmAdapter<V extends RmmVendor>(ctx: AdapterContext, vendor: V, credentials: VendorCredentials[V]): RmmAdapter {
  const create = RMM_ADAPTERS[vendor] as ((ctx: AdapterContext, credentials: VendorCredentials[V]) => RmmAdapter) | undefined;
  if (!create) throw new Error(`Unknown RMM vendor ${vendor}`);
  return create(ctx, credentials);
}
