/**
 * The calls that find a ticket push again (ticket-push.ts `findTicketPushes`), over real HTTP
 * against the sandboxes: each vendor's documented list or search answers as its own document
 * describes, finds exactly the hooks posting to the address asked for, and a found hook can be
 * deleted. HaloPSA's document describes no response bodies; its records are held to the Webhook model it takes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PSA_VENDORS, type PsaVendor } from '../../../bff/contracts/model.js';
import { PSA_SANDBOX_KITS } from '../../../bff/sandboxes/index.js';
import { createAdapterContext, sandboxEndpoints } from '../../../bff/vendors/adapter-context.js';
import { findTicketPushes, registerTicketPush, unregisterTicketPush } from '../../../bff/vendors/webhooks/ticket-push.js';
import { SANDBOX_INTEGRATION_CODE } from '../../helpers/create-test-app.js';
import { loadSpec } from '../../helpers/openapi-conformance.js';
import { startSandboxServer } from '../../helpers/sandbox-server.js';
import { control, type RunningServer } from '../../helpers/serve.js';
import { BMS_SPEC_FILE, responseSchema, toSpecCase } from './kaseya-bms-spec-case.js';

interface Exchange { method: string; path: string; status: number; body: unknown }

/** Each vendor's list call (the document's template) and how its answer is checked. */
const LISTS: Record<PsaVendor, { method: string; pathEnd: string; check: ((body: unknown) => string[]) | null }> = {
  // The swagger declares no nullability while Autotask sends null for what is unset (psa-apis.md A6): nulls are left out first.
  autotask: {
    method: 'POST', pathEnd: '/TicketWebhooks/query',
    check: (body) => loadSpec('autotask-rest-v1.0-swagger.json').check('POST', '/V1.0/TicketWebhooks/query', 200, JSON.parse(JSON.stringify(body), (_key, v: unknown) => (v === null ? undefined : v))),
  },
  'kaseya-bms': {
    method: 'POST', pathEnd: '/v2/admin/webhooks/search',
    check: (body) => loadSpec(BMS_SPEC_FILE).check('POST', '/v2/admin/webhooks/search', 200, toSpecCase(body, responseSchema('POST', '/v2/admin/webhooks/search'))),
  },
  // Answered with the fields asked for (`fields=id,url`), so required members may be absent by design.
  connectwise: { method: 'GET', pathEnd: '/system/callbacks', check: (body) => loadSpec('connectwise-manage-2022.1-schemas-derived-from-connectwise-rest-1.3.0.json', { ignoreRequired: true }).check('GET', '/system/callbacks', 200, body) },
  // Halo's document describes what is sent, and Halo answers with the same models: each record is a Webhook.
  halopsa: {
    method: 'GET', pathEnd: '/api/Webhook',
    check: (body) => {
      const halo = loadSpec('halopsa-api-v2-openapi-3.0.1-swagger.json');
      return Array.isArray(body) ? body.flatMap((r) => halo.checkComponent('Webhook', r)) : ['not an array'];
    },
  },
};

describe('finding a ticket push again at each PSA', () => {
  let server: RunningServer;
  beforeAll(async () => { server = await startSandboxServer(); });
  afterAll(() => server.close());

  for (const vendor of PSA_VENDORS) {
    it(`${vendor}: the documented list finds the hooks posting to one address, as the document describes the answer`, async () => {
      await control(server.origin, vendor, 'reset');
      const exchanges: Exchange[] = [];
      const fetchImpl: typeof fetch = async (input, init) => {
        const res = await fetch(input, init);
        const text = await res.clone().text();
        exchanges.push({ method: init?.method ?? 'GET', path: new URL(String(input)).pathname, status: res.status, body: text ? JSON.parse(text) : null });
        return res;
      };
      const ctx = createAdapterContext(sandboxEndpoints(server.origin, SANDBOX_INTEGRATION_CODE), { fetchImpl, timeoutMs: 5_000 });
      const credentials = PSA_SANDBOX_KITS[vendor].credentials;
      const url = (n: number) => `https://bff.example/webhooks/psa/int-${n}`;
      const first = await registerTicketPush(ctx, vendor, credentials, { integrationId: 'int-1', url: url(1), secret: 'secret-one-that-is-long' });
      const second = await registerTicketPush(ctx, vendor, credentials, { integrationId: 'int-1', url: url(1), secret: 'secret-two-that-is-long' });
      await registerTicketPush(ctx, vendor, credentials, { integrationId: 'int-2', url: url(2), secret: 'secret-three-that-is-long' });

      expect((await findTicketPushes(ctx, vendor, credentials, url(1))).sort()).toEqual([first.hookId, second.hookId].sort());
      const list = LISTS[vendor];
      const answers = exchanges.filter((x) => x.method === list.method && x.path.endsWith(list.pathEnd));
      expect(answers.length).toBeGreaterThan(0);
      for (const answer of answers) {
        expect(answer.status).toBe(200);
        if (list.check) expect(list.check(answer.body), `${list.method} ${list.pathEnd}`).toEqual([]);
      }

      await unregisterTicketPush(ctx, vendor, credentials, first.hookId);
      expect(await findTicketPushes(ctx, vendor, credentials, url(1))).toEqual([second.hookId]);
      expect(await findTicketPushes(ctx, vendor, credentials, url(3))).toEqual([]);
    });
  }
});
