/**
 * @module The server the benchmarks load: the real BFF behind the production host (temp SQLite
 * file, demo seed, a few integrations) plus a bare Hono JSON route on the same port, so each figure has a baseline
 * measured under the same conditions. Prints its origin and tokens as one JSON line.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import type { AddressInfo } from 'node:net';
import { openSqlite } from '../../db/database.js';
import { createHost } from '../../bff/host.js';
import { CredentialVault } from '../../bff/credential-vault.js';
import { createLogger } from '../../bff/logger.js';
import { signToken } from '../../bff/middleware/auth.js';
import { seedDemoPartner } from '../../bff/demo/demo-seed.js';
import { DEMO_PARTNER_ID } from '../../bff/demo/demo-organizations.js';
import { VendorGateway } from '../../bff/services/vendor-gateway.js';
import { createAdapterContext, REAL_ENDPOINTS } from '../../bff/vendors/adapter-context.js';

const secret = randomBytes(32).toString('base64url');
const database = openSqlite(join(mkdtempSync(join(tmpdir(), 'ih-bench-')), 'bench.db'));
const repos = database.repos;
await seedDemoPartner(repos);
const vault = new CredentialVault('k1', randomBytes(32));
for (const [kind, vendor] of [['psa', 'autotask'], ['rmm', 'datto-rmm'], ['rmm', 'syncro']] as const) {
  const sealed = vault.seal({ secret: 'x' });
  const row = await repos.integrations.create({ partnerId: DEMO_PARTNER_ID, kind, vendor, credentialsSealed: sealed.sealed, credentialsKeyId: sealed.keyId, accountLabel: null });
  await repos.integrations.update(DEMO_PARTNER_ID, row.id, { status: kind === 'psa' ? 'active' : 'connected' });
}
const vendors = new VendorGateway(createAdapterContext(REAL_ENDPOINTS), repos, vault, 60_000);
// createHost: the production middleware in front of the API (CORS for an allowed host page), as `npm start` serves it.
const app = createHost({ deps: { database, repos, vault, vendors, logger: createLogger('silent'), auth: { secret }, version: 'bench' }, allowedOrigins: new Set(['https://portal.example']) });
const root = new Hono();
root.get('/bare', (c) => c.json({ ok: true }));
root.route('/', app);

serve({ fetch: root.fetch, hostname: '127.0.0.1', port: 0 }, async (info: AddressInfo) => {
  const admin = await signToken(secret, { sub: 'bench', partner: DEMO_PARTNER_ID, role: 'admin' });
  const router = await signToken(secret, { sub: 'bench', partner: DEMO_PARTNER_ID, role: 'router' });
  process.stdout.write(`${JSON.stringify({ origin: `http://127.0.0.1:${info.port}`, admin, router })}\n`);
});
