/**
 * @module The vendor gateway: the only way routes reach a vendor. It opens an integration's sealed
 * credentials server-side, keeps one adapter per integration (so limiters and tokens are shared),
 * and caches what changes rarely (accounts, picklists, sites) per integration for a few minutes.
 */
import type { Repositories } from '../../db/repositories/index.js';
import type { IntegrationRecord } from '../../db/repositories/integrations.repo.js';
import { credentialSchemas, type VendorCredentials } from '../contracts/credentials.js';
import type { CredentialVault } from '../credential-vault.js';
import { notFound, ProblemError } from '../errors.js';
import type { AdapterContext } from '../vendors/adapter-context.js';
import type { PsaVendor, RmmVendor, Vendor } from '../contracts/model.js';
import type { PsaAdapter } from '../vendors/psa-adapter.js';
import { createPsaAdapter, createRmmAdapter, isPsaVendor } from '../vendors/registry.js';
import type { RmmAdapter } from '../vendors/rmm-adapter.js';

interface CacheEntry {
  expiresAt: number;
  value: Promise<unknown>;
}

export class VendorGateway {
  private readonly adapters = new Map<string, { stamp: string; adapter: PsaAdapter | RmmAdapter }>();
  private readonly cache = new Map<string, CacheEntry>();

  constructor(
    private readonly ctx: AdapterContext,
    private readonly repos: Repositories,
    private readonly vault: CredentialVault,
    private readonly cacheMs: number,
  ) {}

  get context(): AdapterContext {
    return this.ctx;
  }

  /** An adapter for credentials not yet stored (the credentials step validates before saving). */
  adapterFor(vendor: Vendor, credentials: unknown): PsaAdapter | RmmAdapter {
    const parsed = credentialSchemas[vendor].parse(credentials) as VendorCredentials[Vendor];
    return isPsaVendor(vendor)
      ? createPsaAdapter(this.ctx, vendor, parsed as VendorCredentials[PsaVendor])
      : createRmmAdapter(this.ctx, vendor as RmmVendor, parsed as VendorCredentials[RmmVendor]);
  }

  async psa(partnerId: string, integrationId: string): Promise<{ integration: IntegrationRecord; adapter: PsaAdapter }> {
    const { integration, adapter } = await this.open(partnerId, integrationId);
    if (integration.kind !== 'psa') throw new ProblemError(409, 'wrong_kind', 'Not a PSA integration', 'This action needs a PSA integration.');
    return { integration, adapter: adapter as PsaAdapter };
  }

  async rmm(partnerId: string, integrationId: string): Promise<{ integration: IntegrationRecord; adapter: RmmAdapter }> {
    const { integration, adapter } = await this.open(partnerId, integrationId);
    if (integration.kind !== 'rmm') throw new ProblemError(409, 'wrong_kind', 'Not an RMM integration', 'This action needs an RMM integration.');
    return { integration, adapter: adapter as RmmAdapter };
  }

  /**
   * A cached vendor list for one integration. Concurrent callers share one request; a failure is
   * not cached; `refresh` drops the entry first (the wizard's Refresh action).
   */
  async cached<T>(integrationId: string, key: string, load: () => Promise<T>, options: { refresh?: boolean } = {}): Promise<T> {
    const cacheKey = `${integrationId}:${key}`;
    const now = Date.now();
    const hit = this.cache.get(cacheKey);
    if (hit && hit.expiresAt > now && !options.refresh) return hit.value as Promise<T>;
    const value = load();
    this.cache.set(cacheKey, { expiresAt: now + this.cacheMs, value });
    value.catch(() => this.cache.delete(cacheKey));
    return value;
  }

  /** Forgets an integration's adapter and lists (credentials replaced, integration deleted). */
  forget(integrationId: string): void {
    this.adapters.delete(integrationId);
    for (const key of this.cache.keys()) if (key.startsWith(`${integrationId}:`)) this.cache.delete(key);
  }

  private async open(partnerId: string, integrationId: string) {
    const integration = await this.repos.integrations.get(partnerId, integrationId);
    if (!integration) throw notFound(`Integration ${integrationId}`);
    const sealed = await this.repos.integrations.getSealedCredentials(partnerId, integrationId);
    if (!sealed) throw new ProblemError(409, 'no_credentials', 'No credentials', 'This integration has no credentials; enter them again.');
    // The stamp changes when credentials are replaced, so a stale adapter is never reused.
    const stamp = sealed.sealed.slice(0, 24);
    const known = this.adapters.get(integrationId);
    if (known && known.stamp === stamp) return { integration, adapter: known.adapter };
    const adapter = this.adapterFor(integration.vendor, this.vault.open(sealed));
    this.adapters.set(integrationId, { stamp, adapter });
    return { integration, adapter };
  }
}
