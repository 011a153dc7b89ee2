/**
 * @module The shared RMM adapter suite: every RMM adapter runs it against its sandbox over real
 * HTTP, so all adapters are held to one contract (neutral model, paging, typed errors, faults).
 */
import type { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import type { AdapterContext } from '../../bff/vendors/adapter-context.js';
import type { RmmAdapter } from '../../bff/vendors/rmm-adapter.js';
import type { RmmDevice, RmmVendor } from '../../bff/contracts/model.js';
import { VendorError } from '../../bff/vendors/vendor-errors.js';
import { entraFieldVerdict, suggestedEntraField } from '../../bff/contracts/entra-field.js';
import { vendorNamesForDemoOrganizations } from '../../bff/demo/demo-organizations.js';
import { control } from '../helpers/serve.js';
import { useSandboxedAdapter } from './sandboxed-adapter.js';

export interface RmmSuiteTarget {
  vendor: RmmVendor;
  createSandboxApp(): Hono;
  createAdapter(ctx: AdapterContext, credentials: 'valid' | 'wrong'): RmmAdapter;
  /** Vendor page size, to check paging really happens. */
  pageSize: number;
  /** False where the vendor's API has no user-activity feed (Syncro); the adapter then returns none. */
  hasUserActivity: boolean;
  expireTokens?(origin: string): Promise<void>;
}

export function runRmmAdapterSuite(target: RmmSuiteTarget): void {
  describe(`RMM adapter contract: ${target.vendor}`, () => {
    const sandbox = useSandboxedAdapter(target);
    const adapter = sandbox.adapter;

    it('validates good credentials', async () => {
      expect(await adapter().validateCredentials()).toHaveProperty('accountLabel');
    });

    it('rejects wrong credentials with invalid_credentials', async () => {
      const error = await adapter({}, 'wrong').validateCredentials().catch((e) => e);
      expect(error).toBeInstanceOf(VendorError);
      expect(error.code).toBe('invalid_credentials');
    });

    it('lists sites with types, including exact and near names of the demo organizations', async () => {
      const sites = await adapter().listSites();
      const names = new Set(sites.map((s) => s.name));
      for (const name of vendorNamesForDemoOrganizations()) expect(names).toContain(name);
      expect(sites.some((s) => s.type === 'managed')).toBe(true);
      expect(new Set(sites.map((s) => s.id)).size).toBe(sites.length);
    });

    it('pages through all devices of the account without duplicates', async () => {
      await control(sandbox.origin(), target.vendor, 'seed', { scale: target.pageSize * 2 + 7 });
      const a = adapter();
      const all: RmmDevice[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const page = await a.listDevices({ siteId: null, cursor });
        all.push(...page.items);
        cursor = page.next;
        pages++;
      } while (cursor && pages < 100);
      expect(all.length).toBe(target.pageSize * 2 + 7);
      expect(pages).toBe(3);
      expect(new Set(all.map((d) => d.id)).size).toBe(all.length);
      expect(all.every((d) => d.hostname && d.siteId)).toBe(true);
    });

    it('lists devices of one site, some with an Entra device id in a custom field', async () => {
      const a = adapter();
      const sites = await a.listSites();
      const fields = await a.listCustomFields();
      expect(fields.length).toBeGreaterThan(0);
      expect(fields.every((f) => f.label && f.devicesSampled > 0 && f.deviceIdCount <= f.valueCount)).toBe(true);
      // The field that holds the Entra device ids is the one suggested.
      expect(entraFieldVerdict(suggestedEntraField(fields)!)).toBe('device-ids');
      let withEntra = 0;
      for (const site of sites.slice(0, 12)) {
        const page = await a.listDevices({ siteId: site.id, cursor: null });
        expect(page.items.every((d) => d.siteId === site.id)).toBe(true);
        withEntra += page.items.filter((d) => Object.values(d.customFields).some((v) => v && /^[0-9a-f-]{36}$/i.test(v))).length;
      }
      expect(withEntra).toBeGreaterThan(0);
    });

    it('reads user activity after a cursor, or honestly none where the vendor has no feed', async () => {
      const a = adapter();
      const first = await a.listActivity({ cursor: null });
      if (!target.hasUserActivity) {
        expect(first).toEqual({ items: [], next: null });
        return;
      }
      expect(first.items.length).toBeGreaterThan(0);
      expect(first.items[0]).toHaveProperty('action');
      if (first.next) {
        const second = await a.listActivity({ cursor: first.next });
        const firstIds = new Set(first.items.map((i) => i.id));
        expect(second.items.every((i) => !firstIds.has(i.id))).toBe(true);
      }
    });

    it('waits out a 429 with Retry-After and then succeeds', async () => {
      await control(sandbox.origin(), target.vendor, 'faults', { kind: '429', count: 1, retryAfterSeconds: 1 });
      const started = Date.now();
      await adapter().listSites();
      expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    });

    it('retries after a 5xx', async () => {
      await control(sandbox.origin(), target.vendor, 'faults', { kind: '5xx', count: 2, status: 502 });
      expect((await adapter().listSites()).length).toBeGreaterThan(0);
    });

    it('gives up on a hanging vendor with unavailable', async () => {
      await control(sandbox.origin(), target.vendor, 'faults', { kind: 'hang', count: 10, ms: 5_000 });
      const error = await adapter({ timeoutMs: 300, maxAttempts: 2 }).listSites().catch((e) => e);
      expect(error).toBeInstanceOf(VendorError);
      expect(error.code).toBe('unavailable');
    });

    if (target.expireTokens) {
      it('renews an expired access token without bothering the caller', async () => {
        const a = adapter();
        await a.validateCredentials();
        await target.expireTokens!(sandbox.origin());
        expect((await a.listSites()).length).toBeGreaterThan(0);
      });
    }
  });
}
