/**
 * @module The real BFF for the browser tests, inside @web/test-runner's Node process: a Koa
 * middleware forwards `/api/*` to the app's fetch handler, and `/__test/*` offers what a test needs
 * but the product API must not (tokens, rows in a given status, faults, a look at what is stored,
 * PSA/RMM integrations configured through the real setup API, seeded delivery and sync history).
 *
 * Test files run in parallel pages against this one BFF, so each test works as its own partner
 * (`uniquePartner()` in the browser helper) and every `/__test` route is scoped by partner.
 *
 * The vendor sandboxes run on their own loopback port in this process (test/helpers/sandbox-server.ts)
 * and the BFF's vendor endpoints point there, so the wizards' credential checks and lists are real.
 */
import type { IncomingMessage } from 'node:http';
import { Hono } from 'hono';
import { z } from 'zod';
import { createTestApp, SANDBOX_INTEGRATION_CODE, type TestApp } from './create-test-app.js';
import { startSandboxServer } from './sandbox-server.js';
import { REAL_ENDPOINTS, sandboxEndpoints, type VendorEndpoints } from '../../bff/vendors/adapter-context.js';
import { toIntegrationView } from '../../bff/routes/integrations.js';
import { INTEGRATION_STATUSES } from '../../db/schema/integrations.js';
import { VENDORS } from '../../bff/contracts/integration-view.js';
import { isPsaVendor, PSA_VENDORS, type PsaVendor } from '../../bff/contracts/vendor-catalog.js';
import { registerPush } from '../../bff/services/two-way/push-register.js';
import { and, eq, sql } from 'drizzle-orm';
import { DEMO_CATALOG, DEMO_ORGANIZATIONS } from '../../bff/demo/demo-organizations.js';
import { classifyFailure, FAILURE_ADVICE, isTransient, type FailureCode } from '../../bff/routing/failure.js';
import { CircuitBreaker } from '../../bff/services/routing/circuit-breaker.js';
import { alertDeliveries } from '../../db/schema/index.js';
import { alert, setupPsa } from '../bff/routing/routing-harness.js';
import { connectRmm } from '../bff/rmm-sync/rmm-sync.helpers.js';
import type { SyncClaim } from '../../db/repositories/devices.repo.js';
import { deactivationTag } from '../../bff/vendors/webhooks/webhook-facts.js';

/** The slice of a Koa context this middleware uses (WTR's dev server is Koa). */
export interface KoaLikeContext {
  method: string;
  url: string;
  path: string;
  req: IncomingMessage;
  status: number;
  body: unknown;
  set(field: string, value: string): void;
}

const KIND_OF_VENDOR = Object.fromEntries(VENDORS.map((v) => [v, isPsaVendor(v) ? 'psa' : 'rmm'])) as Record<(typeof VENDORS)[number], 'psa' | 'rmm'>;

const tokenBody = z.object({ partner: z.string().min(1), role: z.enum(['admin', 'router']).default('admin') });
const createBody = z.object({
  partner: z.string().min(1),
  vendor: z.enum(VENDORS),
  status: z.enum(INTEGRATION_STATUSES).default('draft'),
  accountLabel: z.string().nullable().default(null),
});
const patchBody = z.object({ partner: z.string().min(1), status: z.enum(INTEGRATION_STATUSES) });
const faultBody = z.object({
  partner: z.string().min(1), status: z.number().int().min(400).max(599), count: z.number().int().min(1).default(1),
  /** Only `/api` calls whose path ends with this fail (e.g. `/health`); others pass untouched. */
  pathEndsWith: z.string().min(1).optional(),
});

const outageBody = z.object({ partner: z.string().min(1), integrationId: z.string().min(1), phase: z.enum(['start', 'end']) });
/** A ticket id no PSA sandbox has: the outage's 503s are aimed at calls for it only, so other tests' calls pass. */
const OUTAGE_TICKET = '424242';

const psaSetupBody = z.object({
  partner: z.string().min(1),
  vendor: z.enum(PSA_VENDORS),
  /** Billable-user sync on, for Acme Dental Group's contract. */
  billableSync: z.boolean().default(false),
  complete: z.boolean().default(true),
});
const rmmSetupBody = z.object({ partner: z.string().min(1), vendor: z.enum(['datto-rmm', 'syncro']) });
/** A seeded delivery's alert (the log shows its organization and title). */
const seededAlert = { organizationId: z.string().optional(), title: z.string().optional() };
const deliveriesBody = z.object({
  partner: z.string().min(1),
  integrationId: z.string().min(1),
  delivered: z.array(z.object({ minutesAgo: z.number().min(0), vendorTicketId: z.string().default('seeded-ticket'), ...seededAlert })).default([]),
  failed: z.array(z.object({ code: z.enum(Object.keys(FAILURE_ADVICE) as [FailureCode, ...FailureCode[]]), lastError: z.string().default('Seeded failure'), ...seededAlert })).default([]),
});
const pushRegisterBody = z.object({
  partner: z.string().min(1), integrationId: z.string().min(1),
  /** The PSA refuses to create the webhook (its API user lacks the permission): the sandbox's own 403. */
  refuse: z.boolean().default(false),
});
/** The vendor call that creates the webhook, which a refusal is aimed at. */
const HOOK_CREATE_PATH: Record<PsaVendor, string> = { autotask: '/TicketWebhooks', 'kaseya-bms': '/admin/webhooks', connectwise: '/system/callbacks', halopsa: '/Webhook' };
/** Where registered webhooks point: nothing listens (no test here reads pushes). */
const PUSH_RECEIVER = 'http://127.0.0.1:9';
const deliverQueuedBody = z.object({ partner: z.string().min(1), integrationId: z.string().min(1) });
const syncHoldBody = z.object({ partner: z.string().min(1), integrationId: z.string().min(1), release: z.boolean().default(false) });
const syncFailureBody = z.object({ partner: z.string().min(1), integrationId: z.string().min(1), lastError: z.string().min(1), minutesAgo: z.number().min(0).default(2) });

export type TestTokenRequest = z.input<typeof tokenBody>;
export type TestPsaSetupRequest = z.input<typeof psaSetupBody>;
export type TestRmmSetupRequest = z.input<typeof rmmSetupBody>;
export type TestDeliveriesRequest = z.input<typeof deliveriesBody>;
export type TestSyncFailureRequest = z.input<typeof syncFailureBody>;
export type TestSyncHoldRequest = z.input<typeof syncHoldBody>;
export type TestDeliverQueuedRequest = z.input<typeof deliverQueuedBody>;
export type TestIntegrationRequest = z.input<typeof createBody>;
export type TestFaultRequest = z.input<typeof faultBody>;
export type TestOutageRequest = z.input<typeof outageBody>;
export type TestPushRegisterRequest = z.input<typeof pushRegisterBody>;

export interface BrowserBff {
  middleware(ctx: KoaLikeContext, next: () => Promise<unknown>): Promise<unknown>;
  close(): void;
}

export function createBrowserBff(): BrowserBff {
  // Filled in once the sandbox server listens; requests wait for it (see `middleware`).
  const endpoints: VendorEndpoints = { ...REAL_ENDPOINTS };
  const sandbox = startSandboxServer().then((server) => {
    Object.assign(endpoints, sandboxEndpoints(server.origin, SANDBOX_INTEGRATION_CODE));
    return server;
  });
  const newBff = () => createTestApp({ adapterContext: { endpoints } });
  // Opened before the first request (requests wait for `ready`, see `middleware`).
  let bff!: TestApp;
  const ready = newBff().then((app) => { bff = app; });
  /** Remaining injected failures of `/api` calls, per partner. */
  const faults = new Map<string, { status: number; count: number; pathEndsWith?: string }>();
  /** Device syncs held "running" by /rmm-sync-hold, by integration id. */
  const heldSyncs = new Map<string, SyncClaim>();

  const testRoutes = new Hono()
    .post('/token', async (c) => {
      const { partner, role } = tokenBody.parse(await c.req.json());
      return c.json({ token: await bff.token(partner, role, `admin@${partner}.example`) });
    })
    .post('/integrations', async (c) => {
      const input = createBody.parse(await c.req.json());
      const { repos, vault } = bff.deps;
      await repos.partners.ensure(input.partner);
      // A sealed dummy credential: the list never opens it, but "has credentials" must be true like a real row.
      const sealed = vault.seal({ dummy: true });
      const created = await repos.integrations.create({
        partnerId: input.partner, kind: KIND_OF_VENDOR[input.vendor], vendor: input.vendor,
        credentialsSealed: sealed.sealed, credentialsKeyId: sealed.keyId, accountLabel: input.accountLabel,
      });
      const row = input.status === 'draft' ? created : (await repos.integrations.update(input.partner, created.id, { status: input.status }))!;
      return c.json(toIntegrationView(row), 201);
    })
    .patch('/integrations/:id', async (c) => {
      const { partner, status } = patchBody.parse(await c.req.json());
      const row = await bff.deps.repos.integrations.update(partner, c.req.param('id'), { status });
      return row ? c.json(toIntegrationView(row)) : c.json({ error: 'no such integration' }, 404);
    })
    // What is stored, deleted rows included (a list can only say a row is gone; this says it was soft-deleted).
    .get('/integrations/:id', async (c) => {
      const row = await bff.deps.repos.integrations.getIncludingDeleted(c.req.query('partner') ?? '', c.req.param('id'));
      return row ? c.json({ ...toIntegrationView(row), deletedAt: row.deletedAt }) : c.json({ error: 'no such integration' }, 404);
    })
    // A PSA configured through the product's own setup API against the sandboxes, as the wizard saves it.
    .post('/psa-integrations', async (c) => {
      const { partner, vendor, billableSync, complete } = psaSetupBody.parse(await c.req.json());
      const scoped = await asPartner(partner);
      const contract = billableSync ? { addContractsToTickets: false, syncBillableUsers: true, userSyncDay: 5, organizations: ['org-acme'] } : undefined;
      const { id } = await setupPsa(scoped, vendor, { contract, complete });
      return c.json(toIntegrationView((await bff.deps.repos.integrations.get(partner, id))!), 201);
    })
    // A connected RMM through the product's setup API (exact-name auto-mapping); answered once the
    // first sync, which Finish starts, has ended.
    .post('/rmm-integrations', async (c) => {
      const { partner, vendor } = rmmSetupBody.parse(await c.req.json());
      await asPartner(partner);
      const { id } = await connectRmm(bff, vendor, { partner });
      return c.json(toIntegrationView((await bff.deps.repos.integrations.get(partner, id))!), 201);
    })
    // Delivery history a PSA's health reads: delivered alerts (so long ago) and failed ones with the advice of a failure code.
    .post('/deliveries', async (c) => {
      const input = deliveriesBody.parse(await c.req.json());
      const { repos, database } = bff.deps;
      if (!await repos.integrations.get(input.partner, input.integrationId)) return c.json({ error: 'no such integration' }, 404);
      const seed = async (set: Partial<typeof alertDeliveries.$inferInsert>, shown: { organizationId?: string; title?: string }) => {
        const a = alert(Object.fromEntries(Object.entries(shown).filter(([, v]) => v !== undefined)));
        await repos.routing.accept(input.partner, a);
        if (database.dialect !== 'sqlite') throw new Error('the browser BFF runs on SQLite');
        database.db.update(alertDeliveries).set({ integrationId: input.integrationId, groupKey: `seed:${a.id}`, updatedAt: new Date().toISOString(), ...set })
          .where(and(eq(alertDeliveries.partnerId, input.partner), eq(alertDeliveries.alertId, a.id))).run();
      };
      for (const d of input.delivered) {
        await seed({ state: 'delivered', outcome: 'ticket_created', vendorTicketId: d.vendorTicketId, attempts: 1, deliveredAt: new Date(Date.now() - d.minutesAgo * 60_000).toISOString() }, d);
      }
      for (const f of input.failed) await seed({ state: 'failed', attempts: 1, lastError: f.lastError, reason: FAILURE_ADVICE[f.code] }, f);
      return c.json({ ok: true });
    })
    // The routing worker's part, for a BFF that runs none: every queued alert of the integration becomes a created ticket.
    .post('/deliver-queued', async (c) => {
      const input = deliverQueuedBody.parse(await c.req.json());
      const { database } = bff.deps;
      if (database.dialect !== 'sqlite') throw new Error('the browser BFF runs on SQLite');
      const done = database.db.update(alertDeliveries).set({ state: 'delivered', outcome: 'ticket_created', vendorTicketId: 'retried-ticket', deliveredAt: new Date().toISOString() })
        .where(and(eq(alertDeliveries.partnerId, input.partner), eq(alertDeliveries.integrationId, input.integrationId), eq(alertDeliveries.state, 'queued'))).run();
      return c.json({ delivered: done.changes });
    })
    // An RMM sync that ended in an error, recorded as the sync service records one.
    .post('/rmm-sync-failures', async (c) => {
      const input = syncFailureBody.parse(await c.req.json());
      const { repos } = bff.deps;
      if (!await repos.integrations.get(input.partner, input.integrationId)) return c.json({ error: 'no such integration' }, 404);
      const at = Date.now() - input.minutesAgo * 60_000;
      const claim = await repos.devices.claim(input.integrationId, Date.now(), Date.now() + 60_000);
      if (!claim) return c.json({ error: 'a sync is running' }, 409);
      await repos.devices.finish(claim, { finishedAt: new Date(at).toISOString(), succeeded: false, lastError: input.lastError, nextSyncAt: Date.now() + 120_000 });
      return c.json({ ok: true });
    })
    // A device sync in progress, held as a run in another process holds it (its claim), until released
    // with a success: the list shows "Syncing now…" meanwhile and must find the result by itself.
    .post('/rmm-sync-hold', async (c) => {
      const input = syncHoldBody.parse(await c.req.json());
      const { repos } = bff.deps;
      if (!await repos.integrations.get(input.partner, input.integrationId)) return c.json({ error: 'no such integration' }, 404);
      if (input.release) {
        const claim = heldSyncs.get(input.integrationId);
        if (!claim) return c.json({ error: 'no sync held' }, 409);
        heldSyncs.delete(input.integrationId);
        await repos.devices.finish(claim, { finishedAt: new Date().toISOString(), succeeded: true, lastError: null, nextSyncAt: Date.now() + 15 * 60_000 });
        return c.json({ ok: true });
      }
      const claim = await repos.devices.claim(input.integrationId, Date.now(), Date.now() + 5 * 60_000);
      if (!claim) return c.json({ error: 'a sync is running' }, 409);
      heldSyncs.set(input.integrationId, claim);
      return c.json({ ok: true });
    })
    // A PSA outage as the list sees it: the partner's PSA sandbox answers 503 to a real adapter call and
    // the real circuit breaker opens; at 'end' the call is answered, the breaker closes, and (standing
    // in for the routing worker, which the browser BFF does not run) the partner's waiting alerts are delivered.
    .post('/outage', async (c) => {
      const { partner, integrationId, phase } = outageBody.parse(await c.req.json());
      const { repos, vendors, database } = bff.deps;
      const row = await repos.integrations.get(partner, integrationId);
      if (!row || database.dialect !== 'sqlite') return c.json({ error: 'no such integration' }, 404);
      const { origin } = await sandbox;
      const breaker = new CircuitBreaker(repos.integrationHealth, { breakerThreshold: 1, probeBaseMs: 600_000, probeMaxMs: 600_000 }, Date.now);
      const subject = { partnerId: partner, integrationId };
      const { adapter } = await vendors.psa(partner, integrationId);
      const faultsUrl = `${origin}/sandbox/${row.vendor}/_control/faults`;
      const mine = and(eq(alertDeliveries.partnerId, partner), eq(alertDeliveries.state, 'queued'));
      if (phase === 'start') {
        // Waiting for this PSA, as the worker's resolve step leaves them.
        database.db.update(alertDeliveries).set({ integrationId, groupKey: sql`'outage:' || ${alertDeliveries.alertId}` }).where(mine).run();
        await fetch(faultsUrl, { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify([{ kind: '5xx', status: 503, count: 10_000, pathIncludes: `/${OUTAGE_TICKET}` }]) });
        const failure = await adapter.getTicket(OUTAGE_TICKET).then(() => null, (error: unknown) => classifyFailure(error));
        if (!failure || !isTransient(failure)) return c.json({ error: `the sandbox answered: ${failure?.message ?? 'ok'}` }, 409);
        await breaker.failed(subject, { ...failure, status: failure.status ?? 503 }, false);
      } else {
        await fetch(faultsUrl, { method: 'DELETE' });
        await adapter.getTicket(OUTAGE_TICKET).catch(() => undefined); // a 404 is an answer too
        await breaker.answered(subject);
        database.db.update(alertDeliveries).set({ state: 'delivered', outcome: 'ticket_created', deliveredAt: new Date().toISOString() }).where(mine).run();
      }
      return c.json({ ok: true });
    })
    // One pass of the two-way worker's registration (the browser BFF runs no worker), brought forward
    // like "Try again now" so it need not wait out an earlier failure's retry time.
    .post('/push-register', async (c) => {
      const { partner, integrationId, refuse } = pushRegisterBody.parse(await c.req.json());
      const { repos } = bff.deps;
      const row = await repos.integrations.get(partner, integrationId);
      if (!row || !isPsaVendor(row.vendor)) return c.json({ error: 'no such integration' }, 404);
      if (refuse) {
        const { origin } = await sandbox;
        await fetch(`${origin}/sandbox/${row.vendor}/_control/faults`, {
          method: 'POST', headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ kind: '403', count: 1, method: 'POST', pathEndsWith: HOOK_CREATE_PATH[row.vendor] }),
        });
      }
      await repos.twoWay.retryPushNow(partner, integrationId, Date.now());
      const outcome = await registerPush(bff.deps, row, { origin: PUSH_RECEIVER, leaseMs: 60_000, now: Date.now, signal: new AbortController().signal });
      return c.json({ outcome });
    })
    // The PSA's notice that it turned the webhook off, at the deactivation URL the current hook was given (Autotask's deactivationUrl).
    .post('/push-deactivated', async (c) => {
      const { partner, integrationId } = pushRegisterBody.parse(await c.req.json());
      if (!await bff.deps.repos.integrations.get(partner, integrationId)) return c.json({ error: 'no such integration' }, 404);
      const push = await bff.deps.repos.twoWay.getPush(integrationId);
      const tag = push ? `/${deactivationTag(bff.deps.vault.open<string>({ sealed: push.secretSealed, keyId: push.secretKeyId }))}` : '';
      const res = await bff.app.fetch(new Request(`http://bff.test/webhooks/psa/${integrationId}/deactivated${tag}`, { method: 'POST' }));
      return c.json({ status: res.status });
    })
    .post('/faults', async (c) => {
      const { partner, status, count, pathEndsWith } = faultBody.parse(await c.req.json());
      faults.set(partner, { status, count, pathEndsWith });
      return c.json({ ok: true });
    })
    // With a partner: deletes that partner's integrations and faults (safe while other files run).
    // Without: a fresh BFF on a fresh database (only when nothing else is running).
    .post('/reset', async (c) => {
      const { partner } = z.object({ partner: z.string().optional() }).parse(await c.req.json().catch(() => ({})));
      if (partner) {
        faults.delete(partner);
        for (const row of await bff.deps.repos.integrations.list(partner)) await bff.deps.repos.integrations.softDelete(partner, row.id);
      } else {
        faults.clear();
        await bff.close();
        bff = await newBff();
      }
      return c.json({ ok: true });
    });

  /** The BFF as one partner (its token on every call), with the demo organizations and catalog saved. */
  async function asPartner(partner: string): Promise<TestApp> {
    const token = await bff.token(partner, 'admin', `admin@${partner}.example`);
    const scoped: TestApp = { ...bff, call: (method, path, options = {}) => bff.call(method, path, { token, ...options }) };
    const saved = await scoped.call('PUT', '/api/organizations', {
      body: { organizations: DEMO_ORGANIZATIONS.map((o) => ({ id: o.id, name: o.name, billableUsers: o.billableUsers })), catalog: DEMO_CATALOG },
    });
    if (saved.status !== 200) throw new Error(`organizations for ${partner}: HTTP ${saved.status}`);
    return scoped;
  }

  const router = new Hono()
    .route('/__test', testRoutes)
    .all('/api/*', (c) => {
      const fault = faults.get(partnerOf(c.req.header('Authorization')) ?? '');
      if (fault && fault.count > 0 && (!fault.pathEndsWith || c.req.path.endsWith(fault.pathEndsWith))) {
        fault.count -= 1;
        return c.json({ type: 'urn:integration-hub:problem:injected', title: 'Injected fault', status: fault.status, code: 'injected', detail: `Injected ${fault.status} for this test.` },
          fault.status as 500, { 'Content-Type': 'application/problem+json' });
      }
      return bff.app.fetch(c.req.raw);
    });

  return {
    async middleware(ctx, next) {
      if (!ctx.path.startsWith('/api/') && !ctx.path.startsWith('/__test/')) return next();
      await sandbox;
      await ready;
      const response = await router.fetch(await toRequest(ctx));
      ctx.status = response.status;
      response.headers.forEach((value, name) => { if (name !== 'content-length') ctx.set(name, value); });
      // The dev server's etag middleware sits after ours, but the browser's own cache must not answer either.
      ctx.set('Cache-Control', 'no-store');
      ctx.body = response.status === 204 ? null : Buffer.from(await response.arrayBuffer());
    },
    close() {
      void bff?.close();
      void sandbox.then((server) => server.close());
    },
  };
}

async function toRequest(ctx: KoaLikeContext): Promise<Request> {
  const headers = new Headers();
  for (const [name, value] of Object.entries(ctx.req.headers)) {
    if (typeof value === 'string') headers.set(name, value);
    else if (Array.isArray(value)) value.forEach((v) => headers.append(name, v));
  }
  let body: Uint8Array | undefined;
  if (ctx.method !== 'GET' && ctx.method !== 'HEAD') {
    const chunks: Buffer[] = [];
    for await (const chunk of ctx.req) chunks.push(chunk as Buffer);
    body = new Uint8Array(Buffer.concat(chunks));
  }
  return new Request(new URL(ctx.url, 'http://localhost'), { method: ctx.method, headers, body: body as BodyInit | undefined });
}

/** The partner claim of a bearer token, read without verifying (the BFF verifies; this only routes a test fault). */
function partnerOf(authorization: string | undefined): string | undefined {
  const payload = authorization?.replace(/^Bearer /, '').split('.')[1];
  if (!payload) return undefined;
  try {
    return (JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { partner?: string }).partner;
  } catch {
    return undefined;
  }
}
