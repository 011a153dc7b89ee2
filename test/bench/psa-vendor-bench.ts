/**
 * @module PSA vendor layer figures: listing 10,000 accounts of every PSA (Autotask, Kaseya BMS,
 * ConnectWise PSA, … from the sandboxes' kits) through
 * the adapters against the sandboxes over real HTTP (vendor requests made, time), and the cached
 * repeat through the BFF's vendor gateway (min / median / max over rounds).
 */
import { Hono } from 'hono';
import { createSandboxes, mountSandboxes, PSA_SANDBOX_KITS } from '../../bff/sandboxes/index.js';
import { PSA_VENDORS, type PsaVendor } from '../../bff/contracts/vendor-catalog.js';
import { createAdapterContext, sandboxEndpoints } from '../../bff/vendors/adapter-context.js';
import { createPsaAdapter } from '../../bff/vendors/registry.js';
import { VendorGateway } from '../../bff/services/vendor-gateway.js';
import { CredentialVault } from '../../bff/credential-vault.js';
import { createDb } from '../../db/client.js';
import { createRepositories } from '../../db/repositories/index.js';
import { randomBytes } from 'node:crypto';
import { startServer } from '../helpers/serve.js';
import { benchRounds, spread, verdict } from './rounds.js';

const CODE = 'SANDBOXINTEGRATIONCODE00000';
const SCALE = 10_000;

export async function psaVendorBenchmarks(rounds = benchRounds()): Promise<void> {
  const sandboxes = createSandboxes();
  const host = new Hono();
  mountSandboxes(host, sandboxes);
  const server = await startServer(host.fetch);
  try {
    console.log(`\nPSA vendor layer (${SCALE.toLocaleString('en')} accounts per sandbox, real HTTP on loopback)`);
    const goals: Partial<Record<PsaVendor, string>> = {
      autotask: 'goal: the minimum, 20 query pages',
      'kaseya-bms': 'goal: the minimum at 100 a page',
      connectwise: 'goal: the minimum, 10 pages of 1,000',
      halopsa: 'goal: the minimum, 10 pages of 1,000',
    };
    const cases = PSA_VENDORS.map((vendor) => ({ vendor, creds: PSA_SANDBOX_KITS[vendor].credentials, goal: goals[vendor] ?? 'goal: the vendor’s minimum' }));
    for (const c of cases) {
      await fetch(`${server.origin}/sandbox/${c.vendor}/_control/seed`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ scale: SCALE }) });
      const requests: string[] = [];
      const ctx = createAdapterContext(sandboxEndpoints(server.origin, CODE), { onRequest: (_v, r) => requests.push(`${r.method} ${new URL(r.url).pathname}`) });
      const adapter = createPsaAdapter(ctx, c.vendor, c.creds as never);
      await adapter.validateCredentials();
      const before = requests.length;
      const started = performance.now();
      const accounts = await adapter.listAccounts();
      const ms = performance.now() - started;
      const listing = requests.slice(before);
      const pages = listing.filter((r) => /companies\/query|crm\/accounts|company\/companies|api\/Client/i.test(r)).length;
      if (process.env.BENCH_VERBOSE) console.log(listing.join("\n"));
      console.log(`  ${c.vendor.padEnd(11)} ${accounts.length} accounts in ${ms.toFixed(0)} ms, ${listing.length} vendor requests (${pages} account pages; ${c.goal})`);

      // The cached repeat, through the gateway the wizard's routes use.
      const db = createDb(':memory:');
      const repos = createRepositories(db);
      const vault = new CredentialVault('k1', randomBytes(32));
      await repos.partners.ensure('bench');
      const sealed = vault.seal(c.creds);
      const row = await repos.integrations.create({ partnerId: 'bench', kind: 'psa', vendor: c.vendor, credentialsSealed: sealed.sealed, credentialsKeyId: sealed.keyId, accountLabel: null });
      const gateway = new VendorGateway(ctx, repos, vault, 300_000);
      const { adapter: gated } = await gateway.psa('bench', row.id);
      await gateway.cached(row.id, 'accounts', () => gated.listAccounts());
      const repeats: number[] = [];
      let again: unknown[] = [];
      for (let round = 0; round < rounds; round++) {
        const repeatStarted = performance.now();
        again = await gateway.cached(row.id, 'accounts', () => gated.listAccounts());
        repeats.push(performance.now() - repeatStarted);
      }
      console.log(`  ${''.padEnd(11)} cached repeat through the gateway (no HTTP; the listRepeat section measures it as the wizard asks): ${again.length} accounts in ${spread(repeats)} ms over ${rounds} rounds, ${verdict(repeats, { atMost: 50 }, ' ms')}`);
      db.$client.close();
    }
  } finally {
    await server.close();
  }
}
