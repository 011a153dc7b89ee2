/**
 * @module Builds the adapter for a vendor from its (already validated) credentials. Adding a vendor
 * means one adapter module, one line here, its credential schema and its sandbox.
 */
import type { VendorCredentials } from '../contracts/credentials.js';
import type { AdapterContext } from './adapter-context.js';
import { PSA_VENDORS, type PsaVendor, type RmmVendor } from './model.js';
import type { PsaAdapter } from './psa-adapter.js';
import type { RmmAdapter } from './rmm-adapter.js';
import { createAutotaskAdapter } from './autotask/autotask.adapter.js';
import { createKaseyaBmsAdapter } from './kaseya-bms/kaseya-bms.adapter.js';
import { createHaloPsaAdapter } from './halopsa/halopsa.adapter.js';
import { createDattoRmmAdapter } from './datto-rmm/datto-rmm.adapter.js';
import { createSyncroAdapter } from './syncro/syncro.adapter.js';

export function createPsaAdapter<V extends PsaVendor>(ctx: AdapterContext, vendor: V, credentials: VendorCredentials[V]): PsaAdapter {
  switch (vendor) {
    case 'autotask':
      return createAutotaskAdapter(ctx, credentials as VendorCredentials['autotask']);
    case 'kaseya-bms':
      return createKaseyaBmsAdapter(ctx, credentials as VendorCredentials['kaseya-bms']);
    case 'halopsa':
      return createHaloPsaAdapter(ctx, credentials as VendorCredentials['halopsa']);
    default:
      throw new Error(`Unknown PSA vendor ${vendor satisfies never}`);
  }
}

export function createRmmAdapter<V extends RmmVendor>(ctx: AdapterContext, vendor: V, credentials: VendorCredentials[V]): RmmAdapter {
  switch (vendor) {
    case 'datto-rmm':
      return createDattoRmmAdapter(ctx, credentials as VendorCredentials['datto-rmm']);
    case 'syncro':
      return createSyncroAdapter(ctx, credentials as VendorCredentials['syncro']);
    default:
      throw new Error(`Unknown RMM vendor ${vendor satisfies never}`);
  }
}

export const isPsaVendor = (vendor: string): vendor is PsaVendor => (PSA_VENDORS as readonly string[]).includes(vendor);
