/**
 * Which ports a vendor call may use: cloud hosts (Halo cloud names, Autotask zones) on 443 only,
 * whatever port the admin typed or the zone lookup named; an operator's allowed host as written
 * (`host` = the scheme's default port only, `host:port` = that port only). Recorded with a fake
 * fetch below the adapters: a refused address must see no request at all.
 */
import { describe, expect, it } from 'vitest';
import type { ConnectWiseCredentials, HaloPsaCredentials } from '../../../bff/contracts/credentials.js';
import { PSA_SANDBOX_KITS } from '../../../bff/sandboxes/index.js';
import { createAdapterContext, REAL_ENDPOINTS, type VendorEndpoints } from '../../../bff/vendors/adapter-context.js';
import { createAutotaskAdapter } from '../../../bff/vendors/autotask/autotask.adapter.js';
import { createConnectWiseAdapter } from '../../../bff/vendors/connectwise/connectwise.adapter.js';
import { createHaloPsaAdapter } from '../../../bff/vendors/halopsa/halopsa.adapter.js';
import { operatorAllows } from '../../../bff/vendors/http/host-allowlist.js';

const HALO: HaloPsaCredentials = { url: 'https://acme.halopsa.com', tenant: 'acme', clientId: 'client', clientSecret: 'secret' };
const CW: ConnectWiseCredentials = { ...PSA_SANDBOX_KITS.connectwise.credentials, site: 'on-premises', host: 'cw.example.com' };

/** Every URL asked for; each answer is a refusal, so no adapter goes further than its first call. */
function recorder(answer: (url: string) => Response = () => new Response('{"error":"invalid_client"}', { status: 401 })) {
  const urls: string[] = [];
  const fetchImpl: typeof fetch = async (input) => {
    urls.push(String(input));
    return answer(String(input));
  };
  return { urls, ctx: (endpoints: Partial<VendorEndpoints> = {}) => createAdapterContext({ ...REAL_ENDPOINTS, ...endpoints }, { fetchImpl, timeoutMs: 500, maxAttempts: 1 }) };
}

const origins = (urls: string[]) => urls.map((u) => new URL(u).origin);
/** The adapter's credential check, or its error (Halo refuses an address when the adapter is built). */
const check = (create: () => { validateCredentials(): Promise<unknown> }) => Promise.resolve().then(() => create().validateCredentials()).then(() => null, (e: unknown) => e as Error);

describe('HaloPSA cloud names', () => {
  it('are called on 443 only: a typed port is refused on the URL field and nothing is sent', async () => {
    const { urls, ctx } = recorder();
    const refused = await check(() => createHaloPsaAdapter(ctx(), { ...HALO, url: 'https://acme.halopsa.com:8443' }));
    expect(refused).toMatchObject({ code: 'invalid_credentials', details: { field: 'url' } });
    expect(refused?.message).toContain('acme.halopsa.com:8443');
    expect(urls).toEqual([]);
    await check(() => createHaloPsaAdapter(ctx(), { ...HALO, url: 'https://acme.halopsa.com:443' }));
    expect(origins(urls)).toEqual(['https://acme.halopsa.com']);
  });
});

describe('operator-allowed hosts are taken as written', () => {
  it('HaloPSA: an entry without a port allows only 443; an entry with a port only that port', async () => {
    const plain = recorder();
    const plainCtx = () => plain.ctx({ plugged: { halopsa: { allowedHosts: ['halo.example.com'] } } });
    const other = await check(() => createHaloPsaAdapter(plainCtx(), { ...HALO, url: 'https://halo.example.com:8443' }));
    expect(other).toMatchObject({ details: { field: 'url' } });
    await check(() => createHaloPsaAdapter(plainCtx(), { ...HALO, url: 'https://halo.example.com' }));
    expect(origins(plain.urls)).toEqual(['https://halo.example.com']);

    const ported = recorder();
    const portedCtx = () => ported.ctx({ plugged: { halopsa: { allowedHosts: ['halo.example.com:8443'] } } });
    const standard = await check(() => createHaloPsaAdapter(portedCtx(), { ...HALO, url: 'https://halo.example.com' }));
    expect(standard).toMatchObject({ details: { field: 'url' } });
    await check(() => createHaloPsaAdapter(portedCtx(), { ...HALO, url: 'https://halo.example.com:8443' }));
    expect(origins(ported.urls)).toEqual(['https://halo.example.com:8443']);
  });

  it('ConnectWise on-premises: the same rule for the typed host, ports compared as URLs do', async () => {
    const { urls, ctx } = recorder();
    const plain = () => ctx({ plugged: { connectwise: { platformId: 'client', allowedHosts: ['cw.example.com'] } } });
    expect(await createConnectWiseAdapter(plain(), { ...CW, host: 'cw.example.com:8443' }).validateCredentials().catch((e) => e)).toMatchObject({ details: { field: 'host' } });
    expect(urls).toEqual([]);
    const ported = () => ctx({ plugged: { connectwise: { platformId: 'client', allowedHosts: ['cw.example.com:8443'] } } });
    expect(await createConnectWiseAdapter(ported(), CW).validateCredentials().catch((e) => e)).toMatchObject({ details: { field: 'host' } });
    await createConnectWiseAdapter(ported(), { ...CW, host: 'cw.example.com:8443' }).validateCredentials().catch(() => null);
    expect(origins(urls)).toEqual(['https://cw.example.com:8443']);
    // An entry naming https's own port is the standard port, however it is written.
    const standard = () => ctx({ plugged: { connectwise: { platformId: 'client', allowedHosts: ['CW.example.com:443'] } } });
    await createConnectWiseAdapter(standard(), CW).validateCredentials().catch(() => null);
    expect(origins(urls)).toEqual(['https://cw.example.com:8443', 'https://cw.example.com']);
  });

  it('compare host and port the way URLs do (case, the https default port written out)', () => {
    const url = (u: string) => new URL(u);
    expect(operatorAllows(url('https://Halo.Example.com'), ['halo.example.com:443'])).toBe(true);
    expect(operatorAllows(url('https://halo.example.com:444'), ['halo.example.com'])).toBe(false);
    expect(operatorAllows(url('https://halo.example.com.evil.test'), ['halo.example.com'])).toBe(false);
    expect(operatorAllows(url('https://halo.example.com'), ['not a host'])).toBe(false);
  });
});

describe('Autotask zone hosts', () => {
  it('are called on 443 only: a zone answer naming another port is not contacted', async () => {
    const { urls, ctx } = recorder((url) => url.includes('zoneInformation')
      ? Response.json({ zoneName: 'Zone 5', url: 'https://webservices5.autotask.net:8443/atservicesrest/', webUrl: 'https://ww5.autotask.net/', ci: 5 })
      : new Response('{}', { status: 401 }));
    const context = ctx({ autotaskIntegrationCode: 'CODE' });
    const error = await createAutotaskAdapter(context, PSA_SANDBOX_KITS.autotask.credentials).validateCredentials().catch((e) => e);
    expect(error.message).toContain('webservices5.autotask.net:8443');
    expect(origins(urls)).toEqual(['https://webservices.autotask.net']);
  });
});
