/**
 * @module The calls that register, find and remove a ticket push (ticket-push.ts) and close a
 * ticket (ticket-close.ts), over real HTTP against every PSA sandbox, held to each vendor's own
 * document: every call is an operation the document has, every body the BFF sends fits the
 * document's request model (names, casing, types; Halo's and BMS's models refuse unknown names),
 * every query parameter is one the operation declares, and every answer the sandbox gives has the
 * status and the shape the document gives that operation.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PSA_VENDORS, type PsaVendor } from '../../../bff/contracts/model.js';
import { PSA_SANDBOX_KITS } from '../../../bff/sandboxes/index.js';
import { SANDBOX_INTEGRATION_CODE as AUTOTASK_INTEGRATION_CODE, SANDBOX_SECRET as AUTOTASK_SECRET, SANDBOX_USERNAME as AUTOTASK_USERNAME } from '../../../bff/sandboxes/autotask/autotask.sandbox.js';
import { TICKET_COMPLETE_STATUS } from '../../../bff/sandboxes/autotask/autotask-picklists.js';
import { connectwiseKit } from '../../../bff/sandboxes/connectwise/connectwise.kit.js';
import { SANDBOX_CLIENT_ID as CW_CLIENT_ID, SANDBOX_CODEBASE } from '../../../bff/sandboxes/connectwise/connectwise.seed.js';
import { kaseyaBmsKit } from '../../../bff/sandboxes/kaseya-bms/kaseya-bms.kit.js';
import { createAdapterContext, sandboxEndpoints } from '../../../bff/vendors/adapter-context.js';
import { closeTicket } from '../../../bff/vendors/webhooks/ticket-close.js';
import { findTicketPushes, registerTicketPush, unregisterTicketPush } from '../../../bff/vendors/webhooks/ticket-push.js';
import { SANDBOX_INTEGRATION_CODE } from '../../helpers/create-test-app.js';
import { loadSpec, SPECS_DIR } from '../../helpers/openapi-conformance.js';
import { startSandboxServer } from '../../helpers/sandbox-server.js';
import { control, type RunningServer } from '../../helpers/serve.js';
import { CONNECTWISE_SPEC_FILE, connectWiseConditionFields, connectWiseDocument, connectWiseOperationOf, connectWiseModelOf, connectWisePropertyAt } from './connectwise-operation.js';
import { normalise, normaliseQuery } from './autotask-spec-case.js';
import { BMS_SPEC_FILE, responseSchema, toSpecCase } from './kaseya-bms-spec-case.js';

/** One call below the vendor's API base (`/V1.0/TicketWebhooks`, `/v2/admin/webhooks`, `/system/callbacks`, `/Webhook`). */
interface Exchange { method: string; path: string; query: Record<string, string>; request: unknown; status: number; answer: unknown }

type Json = Record<string, any>;

const autotask = loadSpec('autotask-rest-v1.0-swagger.json');
const autotaskDocument: Json = JSON.parse(readFileSync(SPECS_DIR + 'autotask-rest-v1.0-swagger.json', 'utf8').replace(/^\uFEFF/, ''));
const bms = loadSpec(BMS_SPEC_FILE);
const connectwise = loadSpec(CONNECTWISE_SPEC_FILE);
/** For answers trimmed by `fields=`, where a required field not asked for is absent by design. */
const connectwiseTrimmed = loadSpec(CONNECTWISE_SPEC_FILE, { ignoreRequired: true });
const halo = loadSpec('halopsa-api-v2-openapi-3.0.1-swagger.json');

interface VendorDocument {
  /** The API base's end in the sandbox's paths; what follows it is the document's path. */
  base: RegExp;
  /** The document's name for the call, or null when it has none. */
  operation(x: Exchange): string | null;
  /** Everything wrong with the call against the document. */
  problems(x: Exchange, operation: string): string[];
}

const DOCUMENTS: Record<PsaVendor, VendorDocument> = {
  // Swagger 2.0: the body is the `in: body` parameter; nulls and System.Object members are brought into what it can validate (autotask-spec-case.ts).
  autotask: {
    base: /^.*?(?=\/V1\.0\/)/i,
    operation: (x) => autotask.templateOf(x.method, x.path),
    problems(x, template) {
      const problems: string[] = [];
      const op: Json = autotaskDocument.paths[template][x.method.toLowerCase()];
      problems.push(...autotask.check(x.method, template, x.status, normalise(x.answer, problems)).map((p) => `answer ${p}`));
      const body = (op.parameters as Json[]).find((p) => p.in === 'body');
      const model = body ? String(body.schema.$ref).replace('#/definitions/', '') : null;
      if (model) problems.push(...autotask.checkComponent(model, model === 'QueryModel' ? normaliseQuery(x.request, problems) : normalise(x.request, problems)).map((p) => `request ${p}`));
      return problems;
    },
  },
  // The wire answers camelCase while the document spells PascalCase (psa-apis.md B4); requests are sent in the document's own casing.
  'kaseya-bms': {
    base: /^\/sandbox\/kaseya-bms/,
    operation: (x) => (x.path.startsWith('/v2/security/') ? null : bms.templateOf(x.method, x.path)),
    problems(x, template) {
      const problems = x.status === 200 ? [] : [`answered ${x.status}, the document says 200`];
      if (responseSchema(x.method, template)) problems.push(...bms.check(x.method, template, 200, toSpecCase(x.answer, responseSchema(x.method, template))).map((p) => `answer ${p}`));
      if (x.request !== null) problems.push(...bms.checkRequest(x.method, template, x.request).map((p) => `request ${p}`));
      return problems;
    },
  },
  connectwise: {
    base: /^.*?\/apis\/3\.0/,
    operation: (x) => connectWiseOperationOf(x.method, x.path),
    problems(x, operation) {
      const documented = connectWiseOperationStatus(operation);
      if (x.status !== documented) return [`answered ${x.status}, the document says ${documented}`];
      if (documented === 204) return x.answer === null ? [] : ['a 204 carries no body'];
      const template = operation.slice(x.method.length + 1);
      const problems = (x.query.fields ? connectwiseTrimmed : connectwise).check(x.method, template, documented, x.answer).map((p) => `answer ${p}`);
      const model = connectWiseModelOf(operation);
      for (const field of x.query.fields?.split(',') ?? []) if (!model || !connectWisePropertyAt(model, field)) problems.push(`fields=${field} is not a field of ${model}`);
      for (const field of connectWiseConditionFields(x.query.conditions ?? '')) if (!model || !connectWisePropertyAt(model, field)) problems.push(`conditions name ${field}, not a field of ${model}`);
      if (x.method === 'POST' && model) problems.push(...connectwise.checkComponent(model, x.request).map((p) => `request ${p}`));
      if (x.method === 'PATCH' && model) {
        for (const op of x.request as Array<{ op: string; path: string; value: unknown }>) {
          if (!connectWisePropertyAt(model, op.path)) problems.push(`patch path ${op.path} is not a field of ${model}`);
          else problems.push(...connectwise.checkComponent(`${model}/properties/${op.path}`, op.value).map((p) => `request ${op.path}: ${p}`));
        }
      }
      return problems;
    },
  },
  // Halo documents what is sent (every create an array of the resource's model), answers 200 to every operation, and answers with the same models.
  halopsa: {
    base: /^\/sandbox\/halopsa\/api/,
    operation: (x) => halo.templateOf(x.method, x.path),
    problems(x, template) {
      const problems = x.status === 200 ? [] : [`answered ${x.status}, the document says 200`];
      const declared = halo.queryParameters(x.method, template);
      problems.push(...Object.keys(x.query).filter((name) => !declared.has(name.toLowerCase())).map((name) => `query ${name} is not declared`));
      problems.push(...Object.entries(x.query).flatMap(([name, value]) => halo.checkQueryValue(x.method, template, name, value)));
      if (x.method === 'POST') problems.push(...halo.checkRequest(x.method, template, x.request).map((p) => `request ${p}`));
      const model = template.startsWith('/Webhook') ? 'Webhook' : template.startsWith('/Tickets') ? 'Faults' : null;
      if (model && x.method !== 'DELETE') {
        const records = Array.isArray(x.answer) ? x.answer : [x.answer];
        problems.push(...records.flatMap((r) => halo.checkComponent(model, r)).map((p) => `answer ${model}${p}`));
      }
      return problems;
    },
  },
};

/** ConnectWise's status for an operation: its derived document keeps the 200/201 ones; a DELETE answers 204 No Content (ticket-push.ts). */
function connectWiseOperationStatus(operation: string): number {
  return operation.startsWith('DELETE ') ? 204 : (connectWiseDocument['x-operations'][operation]?.status ?? 0);
}

/** What registering, finding and removing a push, then closing a ticket, calls at each PSA, in that order. */
const OPERATIONS: Record<PsaVendor, string[]> = {
  autotask: ['POST /V1.0/TicketWebhooks', 'POST /V1.0/TicketWebhooks/{parentId}/Fields', 'POST /V1.0/TicketWebhooks/query', 'DELETE /V1.0/TicketWebhooks/{id}', 'PATCH /V1.0/Tickets'],
  'kaseya-bms': ['POST /v2/admin/webhooks', 'POST /v2/admin/webhooks/search', 'DELETE /v2/admin/webhooks/{id}', 'PATCH /v2/servicedesk/tickets/{ticketId}'],
  connectwise: ['POST /system/callbacks', 'GET /system/callbacks', 'DELETE /system/callbacks/{id}', 'PATCH /service/tickets/{id}'],
  halopsa: ['POST /Webhook', 'GET /Webhook', 'DELETE /Webhook/{id}', 'POST /Tickets'],
};

/** An open ticket of each sandbox and a status that closes it, fetched past the recorder (the setup is not under test). */
const TO_CLOSE: Record<PsaVendor, (sandbox: string) => Promise<{ ticketId: string; statusId: string }>> = {
  async autotask(sandbox) {
    const res = await fetch(`${sandbox}/ATServicesRest/V1.0/Tickets/query`, {
      method: 'POST', headers: { ApiIntegrationCode: AUTOTASK_INTEGRATION_CODE, UserName: AUTOTASK_USERNAME, Secret: AUTOTASK_SECRET, 'Content-Type': 'application/json' },
      body: JSON.stringify({ filter: [{ op: 'gt', field: 'id', value: 0 }] }),
    });
    const { items } = (await res.json()) as { items: Array<{ id: number; status: number }> };
    return { ticketId: String(items.find((t) => t.status !== TICKET_COMPLETE_STATUS)!.id), statusId: String(TICKET_COMPLETE_STATUS) };
  },
  async 'kaseya-bms'(sandbox) {
    const auth = await fetch(`${sandbox}/v2/security/authenticate`, {
      method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grantType: 'password', userName: kaseyaBmsKit.credentials.username, password: kaseyaBmsKit.credentials.password, tenant: kaseyaBmsKit.credentials.tenant }),
    });
    const headers = { Authorization: `Bearer ${((await auth.json()) as { result: { accessToken: string } }).result.accessToken}` };
    const tickets = (await (await fetch(`${sandbox}/v2/servicedesk/tickets`, { headers })).json()) as { result: Array<{ id: number }> };
    const statuses = (await (await fetch(`${sandbox}/v2/system/statuses/lookup`, { headers })).json()) as { result: Array<{ id: number; name: string }> };
    return { ticketId: String(tickets.result[0]!.id), statusId: String(statuses.result.find((st) => st.name === 'Completed')!.id) };
  },
  async connectwise(sandbox) {
    const api = `${sandbox}/${SANDBOX_CODEBASE}apis/3.0`;
    const { credentials } = connectwiseKit;
    const headers = { clientId: CW_CLIENT_ID, Authorization: `Basic ${Buffer.from(`${credentials.companyId}+${credentials.publicKey}:${credentials.privateKey}`).toString('base64')}`, 'Content-Type': 'application/json' };
    const ticket = (await (await fetch(`${api}/service/tickets`, { method: 'POST', headers, body: JSON.stringify({ summary: 'To close', board: { id: 1 }, company: { id: 250 } }) })).json()) as { id: number };
    const [closed] = (await (await fetch(`${api}/service/boards/1/statuses?conditions=closedStatus=true`, { headers })).json()) as Array<{ id: number }>;
    return { ticketId: String(ticket.id), statusId: String(closed!.id) };
  },
  // Seeded ticket 3001 is open; status 9 is Halo's built-in Closed.
  halopsa: async () => ({ ticketId: '3001', statusId: '9' }),
};

describe('registering, finding and removing a ticket push, and closing a ticket, as each PSA documents them', () => {
  let server: RunningServer;
  beforeAll(async () => { server = await startSandboxServer(); });
  afterAll(() => server.close());

  for (const vendor of PSA_VENDORS) {
    it(`${vendor}: every call is documented, sends what the document's models accept and is answered as the document says`, async () => {
      await control(server.origin, vendor, 'reset');
      const document = DOCUMENTS[vendor];
      const exchanges: Exchange[] = [];
      const fetchImpl: typeof fetch = async (input, init) => {
        const res = await fetch(input, init);
        const url = new URL(String(input));
        const text = await res.clone().text();
        const sent = typeof init?.body === 'string' ? init.body : null;
        let request: unknown = null;
        try { request = sent ? JSON.parse(sent) : null; } catch { request = null; }
        exchanges.push({
          method: init?.method ?? 'GET', path: url.pathname.replace(document.base, ''), query: Object.fromEntries(url.searchParams), request, status: res.status,
          answer: text ? (() => { try { return JSON.parse(text); } catch { return text; } })() : null,
        });
        return res;
      };
      const ctx = createAdapterContext(sandboxEndpoints(server.origin, SANDBOX_INTEGRATION_CODE), { fetchImpl, timeoutMs: 5_000 });
      const credentials = PSA_SANDBOX_KITS[vendor].credentials;
      const url = 'https://bff.example/webhooks/psa/int-1';
      const { hookId } = await registerTicketPush(ctx, vendor, credentials, { integrationId: 'int-1', url, secret: 'a-secret-that-is-long-enough' });
      expect(await findTicketPushes(ctx, vendor, credentials, url)).toEqual([hookId]);
      await unregisterTicketPush(ctx, vendor, credentials, hookId);
      expect(await findTicketPushes(ctx, vendor, credentials, url)).toEqual([]);
      const { ticketId, statusId } = await TO_CLOSE[vendor](`${server.origin}/sandbox/${vendor}`);
      await closeTicket(ctx, vendor, credentials, ticketId, statusId);

      const judged = exchanges.filter((x) => document.operation(x) !== null || !/token|authenticate|zoneInformation|companyinfo/i.test(x.path));
      expect(judged.length).toBeGreaterThan(3);
      const problems = judged.flatMap((x) => {
        const operation = document.operation(x);
        if (!operation) return [`${x.method} ${x.path} is not in the document`];
        return document.problems(x, operation).map((p) => `${x.method} ${x.path}: ${p}`);
      });
      expect([...new Set(judged.map((x) => `${x.method} ${document.operation(x)?.replace(/^[A-Z]+ /, '')}`))]).toEqual(OPERATIONS[vendor]);
      expect(problems).toEqual([]);
    });
  }
});
