/**
 * A BFF instance that dies after the PSA made its ticket push but before the push was saved leaves a
 * hook nobody knows of. The next registration (another instance, once the dead one's lease lapsed)
 * must find and remove it before making its own, so the vendor ends with exactly one hook for the
 * integration, the one stored. Real HTTP against each PSA sandbox, hooks counted at the sandbox;
 * the dead instance has its own database connection, closed as it "dies". Also runs on PostgreSQL.
 */
import { afterEach, expect, it } from 'vitest';
import { PSA_VENDORS, type PsaVendor } from '../../../bff/contracts/model.js';
import { TwoWayWorker } from '../../../bff/services/two-way/two-way-worker.js';
import { VendorGateway } from '../../../bff/services/vendor-gateway.js';
import { openPostgres, openSqlite, type Database } from '../../../db/database.js';
import type { AppDeps } from '../../../bff/app-deps.js';
import { control } from '../../helpers/serve.js';
import { sandboxQuiet, setupPsa } from '../routing/routing-harness.js';
import { createTwoWayTestApp, TEST_TWO_WAY_CONFIG, until, type TwoWayTestApp } from './two-way-harness.js';
import { twoWayServers } from './two-way-servers.js';

const servers = twoWayServers();
let t: TwoWayTestApp;
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  await t.shutdown();
});

/** A dead instance's lease lapses this soon (its heartbeat stops with its database connection). */
const LEASE_MS = 300;

async function hooksFor(vendor: PsaVendor, integrationId: string): Promise<Array<{ id: number; guid?: string; url: string }>> {
  const { targets } = await control(servers.sandbox.origin, vendor, 'webhooks') as { targets: Array<{ id: number; guid?: string; url: string }> };
  return targets.filter((h) => h.url.includes(`/webhooks/psa/${integrationId}`));
}

/** Another BFF instance on the same database (its own connection, repositories and vendor gateway). */
async function instance(): Promise<{ deps: AppDeps; database: Database }> {
  const first = t.deps.database;
  const database: Database = first.dialect === 'sqlite' ? openSqlite(first.path) : await openPostgres(first.url, first.schema, 2);
  return { database, deps: { ...t.deps, database, repos: database.repos, vendors: new VendorGateway(t.deps.vendors.context, database.repos, t.deps.vault, 60_000) } };
}

function worker(deps: AppDeps): TwoWayWorker {
  const w = new TwoWayWorker(deps, { publicOrigin: t.bff.origin, config: { ...TEST_TWO_WAY_CONFIG, registerLeaseMs: LEASE_MS } });
  cleanups.push(() => w.stop());
  return w;
}

for (const vendor of PSA_VENDORS) {
  it(`${vendor}: a hook made by an instance that died before saving it is removed by the next registration`, async () => {
    await control(servers.sandbox.origin, vendor, 'reset');
    t = await createTwoWayTestApp(servers.sandbox.origin, servers.receiver, { register: false });
    const psa = await setupPsa(t, vendor);

    // The instance that dies: the vendor has answered its registration; as it goes to save the push its process ends.
    const dying = await instance();
    let died!: () => void;
    const dead = new Promise<void>((resolve) => { died = resolve; });
    dying.deps.repos.twoWay.savePush = async () => {
      await dying.database.close();
      died();
      return new Promise<never>(() => {});
    };
    void new TwoWayWorker(dying.deps, { publicOrigin: t.bff.origin, config: { ...TEST_TWO_WAY_CONFIG, registerLeaseMs: LEASE_MS } }).tick();
    await dead;
    expect(await hooksFor(vendor, psa.id)).toHaveLength(1);
    expect(await t.deps.repos.twoWay.getPush(psa.id)).toBeNull();

    // A live instance registers once the dead one's lease has lapsed.
    const live = worker(t.deps).start();
    const push = await until('the push registration', () => t.deps.repos.twoWay.getPush(psa.id), 10_000);
    await live.stop();
    await sandboxQuiet(servers.sandbox.origin, vendor);
    const hooks = await hooksFor(vendor, psa.id);
    expect(hooks.map((h) => h.guid ?? String(h.id))).toEqual([push.hookId]);
    expect(t.logLines.some((line) => line.includes('left by a registration that was never saved') && line.includes(psa.id))).toBe(true);
  });
}
