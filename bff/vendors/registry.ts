/**
 * @module Builds the adapter for a vendor from its (already validated) credentials: one factory per
 * vendor in PSA_ADAPTERS / RMM_ADAPTERS.
 *
 * Plugging in a PSA vendor (ConnectWise PSA, id `connectwise`, was the first done this way; follow
 * it). The compiler lists every place a new id must be filled in; routes, routing, services and the
 * database schema need no edit. For a vendor id `acme-psa`:
 * 1. bff/contracts/vendor-catalog.ts: the id in PSA_VENDORS, a VENDOR_LABELS and a VENDOR_BUDGETS
 *    line, and a PLUGGED_VENDORS entry naming its environment variables (base URL, platform id such
 *    as a client id, allowed on-premises hosts) and the platform id its sandbox accepts. The db
 *    enum, contracts, draft keys, OpenAPI enums and the wizards' vendor types derive from these
 *    lists (SQLite's text enum is TypeScript-only: no migration). Environment: vendor-env.ts reads
 *    the named variables; bff/env.ts is not touched.
 * 2. bff/contracts/credentials.ts: its credential schema (shared with the wizard; its keys are the
 *    wizard's field names) and one line in `credentialSchemas`; the credential type derives.
 * 3. bff/vendors/acme-psa/: client, schemas, mapper, adapter implementing psa-adapter.ts; it reads
 *    `ctx.endpoints.plugged['acme-psa']` (baseUrl, platformId, allowedHosts) and sends through
 *    VendorHttp (bff/vendors/http/) for budget, retries and typed errors. One line in PSA_ADAPTERS.
 *    A list whose values belong to one queue gives them `parentId` = the queue's id (bff/contracts/model.ts).
 * 4. bff/sandboxes/acme-psa/: the sandbox (common/sandbox-kit.ts: state, faults, `_control/`; write
 *    kinds ticket, ticket.update, note, service, contract-service.units), a `PsaSandboxKit`
 *    (psa-sandbox-kit.ts: demo credentials, catch-all names, close a ticket as a technician, writes
 *    in neutral words), and two lines in bff/sandboxes/index.ts (createSandboxes → mounted at
 *    /sandbox/acme-psa/, PSA_SANDBOX_KITS).
 * 5. web-components/wizards/psa-wizard/psa-vendor-copy.ts: one entry (intro, credential fields,
 *    parent/child accounts); psa-vendor-terms.ts: one entry (the vendor's words for ticket and contract fields).
 * 6. Tests: test/bff/vendors/acme-psa/ runs test/suites/psa-adapter.suite.ts; the routing suites,
 *    the setup suite and the PSA benchmarks iterate PSA_VENDORS / PSA_SANDBOX_KITS by themselves;
 *    the browser wizard harness (psa-wizard.harness.ts CREDENTIALS, CATCH_ALL) needs two lines
 *    since browser code cannot import the sandbox kits. Docs: README's demo credentials and
 *    configuration tables, and bff/demo/index.html's vendor list and credentials.
 */
import type { VendorCredentials } from '../contracts/credentials.js';
import type { AdapterContext } from './adapter-context.js';
import type { PsaVendor, RmmVendor } from '../contracts/vendor-catalog.js';
import type { PsaAdapter } from './psa-adapter.js';
import type { RmmAdapter } from './rmm-adapter.js';
import { createAutotaskAdapter } from './autotask/autotask.adapter.js';
import { createKaseyaBmsAdapter } from './kaseya-bms/kaseya-bms.adapter.js';
import { createDattoRmmAdapter } from './datto-rmm/datto-rmm.adapter.js';
import { createSyncroAdapter } from './syncro/syncro.adapter.js';
import { createConnectWiseAdapter } from './connectwise/connectwise.adapter.js';
import { createHaloPsaAdapter } from './halopsa/halopsa.adapter.js';

export { isPsaVendor } from '../contracts/vendor-catalog.js';

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
