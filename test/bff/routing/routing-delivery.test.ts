/**
 * What reaches the PSA, over real HTTP to the Autotask sandbox (and BMS where the vendor matters):
 * contacts by e-mail and their fallbacks, the catch-all account, issue-type precedence, contracts
 * on tickets, every skip reason, idempotent re-posts, intake validation and roles.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PSA_VENDORS, type PsaVendor } from '../../../bff/contracts/model.js';
import { startSandboxServer } from '../../helpers/sandbox-server.js';
import { control, type RunningServer } from '../../helpers/serve.js';
import {
  alert, createRoutingTestApp, deliverAll, getDelivery, postAlert, settled, setupPsa, ticketWrites, type Picklists, type RoutingTestApp,
} from './routing-harness.js';

const CEDAR = { 'org-cedar': { account: 'Cedar Ridge Law' } };

let sandbox: RunningServer;
let t: RoutingTestApp;
beforeAll(async () => { sandbox = await startSandboxServer(); });
afterAll(() => sandbox.close());
afterEach(() => t.shutdown());

/** Issue types that go with the harness's queue (ConnectWise types belong to one board). */
const onFirstQueue = (lists: Picklists) => lists.issueType.filter((v) => !v.parentId || v.parentId === (lists.queue as Array<{ id: string }>)[0]?.id);

/** Groups are delivered concurrently, so tickets are matched to alerts by the alert id in their text. */
async function byAlert(vendor: PsaVendor) {
  return new Map((await ticketWrites(sandbox.origin, vendor)).map((w) => [/Alert id: (\S+)/.exec(w.text)?.[1] ?? '', w]));
}

for (const vendor of PSA_VENDORS) {
  describe(`contacts and accounts: ${vendor}`, () => {
    beforeEach(async () => {
      await control(sandbox.origin, vendor, 'reset');
      t = await createRoutingTestApp(sandbox.origin);
    });

    it('attaches the account’s contact whose e-mail matches the alert’s user, never another account’s', async () => {
      const psa = await setupPsa(t, vendor, { subjectTemplate: '{user}', mappings: CEDAR });
      const cedar = await psa.contacts('Cedar Ridge Law');
      const known = cedar.find((c) => c.email && !c.isPrimary)!;
      const primary = cedar.find((c) => c.isPrimary) ?? cedar[0]!;
      const foreign = (await psa.contacts('Kestrel Aviation Services')).find((c) => c.email)!;
      const [matched, other] = await deliverAll(t, [
        alert({ organizationId: 'org-cedar', user: { email: known.email!.toUpperCase(), name: null } }),
        alert({ organizationId: 'org-cedar', user: { email: foreign.email!, name: null } }),
      ]);
      expect(matched.decision.contact).toMatchObject({ id: known.id, source: 'email-match' });
      expect(other.decision.contact).toMatchObject({ id: primary.id, source: 'primary' });
      const account = psa.accounts.get('Cedar Ridge Law')!.id;
      const tickets = await byAlert(vendor);
      expect([tickets.get(matched.id), tickets.get(other.id)].map((w) => [w?.accountId, w?.contactId])).toEqual([[account, known.id], [account, primary.id]]);
    });

    it('uses the mapping’s contact when no e-mail matches', async () => {
      const psa = await setupPsa(t, vendor, { mappings: { 'org-cedar': { account: 'Cedar Ridge Law', contactIndex: 1 } } });
      const chosen = (await psa.contacts('Cedar Ridge Law'))[1]!;
      const [record] = await deliverAll(t, [alert({ organizationId: 'org-cedar', user: { email: 'nobody@elsewhere.example', name: null } })]);
      expect(record.decision.contact).toMatchObject({ id: chosen.id, source: 'mapping' });
      expect((await ticketWrites(sandbox.origin, vendor))[0]!.contactId).toBe(chosen.id);
    });

    it('sends an unmapped organization’s alert to the catch-all account with the catch-all contact', async () => {
      const psa = await setupPsa(t, vendor);
      const catchAllContact = (await psa.contacts('Northwind MSP (Internal)'))[0]!;
      const [record] = await deliverAll(t, [alert({ organizationId: 'org-ironwood', user: { email: 'someone@ironwood.example', name: null } })]);
      expect(record.decision.account).toMatchObject({ id: psa.accounts.get('Northwind MSP (Internal)')!.id, source: 'catch-all' });
      expect(record.decision.contact).toMatchObject({ id: catchAllContact.id, source: 'catch-all' });
      expect((await ticketWrites(sandbox.origin, vendor))[0]).toMatchObject({ accountId: psa.accounts.get('Northwind MSP (Internal)')!.id, contactId: catchAllContact.id });
    });

    it('attaches no contact when Attach Contacts is off', async () => {
      await setupPsa(t, vendor, { attachContacts: false });
      const [record] = await deliverAll(t, [alert()]);
      expect(record.decision.contact).toBeNull();
      expect((await ticketWrites(sandbox.origin, vendor))[0]!.contactId).toBeNull();
    });

    it('applies issue-type overrides by precedence and the contract of a mapped organization', async () => {
      const psa = await setupPsa(t, vendor, {
        subjectTemplate: '{user} – {alert}', issueTypeDefault: true,
        overrides: (lists) => {
          const types = onFirstQueue(lists);
          const [a, b, c] = [types[1] ?? types[0]!, types[2] ?? types[0]!, types[3] ?? types[0]!];
          return {
            alertTypes: [{ key: 'at-malware', keyName: 'Malware Detected', issueTypeId: a.id, subIssueTypeId: null }],
            respondRules: [{ key: 'rr-disable-user', keyName: 'Disable user', issueTypeId: b.id, subIssueTypeId: null }],
            iocRules: [{ key: 'ioc-known-bad-ip', keyName: 'Known bad IP', issueTypeId: c.id, subIssueTypeId: null }],
          };
        },
        contract: { addContractsToTickets: true, syncBillableUsers: false, userSyncDay: null, organizations: ['org-acme'] },
      });
      const l = onFirstQueue(psa.lists);
      const [a, b, c, d] = [l[1] ?? l[0]!, l[2] ?? l[0]!, l[3] ?? l[0]!, l[0]!];
      const records = await deliverAll(t, [
        alert({ alertType: 'at-malware', respondRuleId: 'rr-disable-user', iocRuleId: 'ioc-known-bad-ip', user: { email: 'u1@x.example' } }),
        alert({ alertType: 'at-malware', respondRuleId: 'rr-disable-user', user: { email: 'u2@x.example' } }),
        alert({ alertType: 'at-malware', user: { email: 'u3@x.example' } }),
        alert({ alertType: 'at-impossible-travel', user: { email: 'u4@x.example' } }),
        alert({ organizationId: 'org-ironwood', user: { email: 'u5@x.example' } }),
      ]);
      expect(records.map((r) => r.decision.issue.source)).toEqual(['ioc-rule', 'respond-rule', 'alert-type', 'default', 'default']);
      const written = await byAlert(vendor);
      const tickets = records.map((r) => written.get(r.id)!);
      expect(tickets.map((w) => w.issueTypeId)).toEqual([c.id, b.id, a.id, d.id, d.id]);
      const contractId = records[0].decision.contract.id as string;
      expect(tickets.map((w) => w.contractId)).toEqual([contractId, contractId, contractId, contractId, null]);
      expect(tickets.map((w) => w.priorityId)).toEqual(Array(5).fill(psa.priorityFor.high));
    });
  });
}

for (const vendor of PSA_VENDORS) {
  describe(`skips, idempotency and intake: ${vendor}`, () => {
    beforeEach(async () => {
      await control(sandbox.origin, vendor, 'reset');
      t = await createRoutingTestApp(sandbox.origin);
    });

    async function expectSkipped(code: string, pattern: RegExp) {
      const a = alert();
      await postAlert(t, a);
      const [record] = await settled(t, [a.id]);
      expect(record).toMatchObject({ state: 'skipped', outcome: null, decision: { action: 'skip', code } });
      expect(record.reason).toMatch(pattern);
      expect(await ticketWrites(sandbox.origin, vendor)).toEqual([]);
    }

    it('skips without a PSA integration', () => expectSkipped('no_psa_integration', /No PSA integration/));

    it('skips while the integration’s setup is not finished', async () => {
      await setupPsa(t, vendor, { complete: false });
      await expectSkipped('integration_not_finished', /not finished/);
    });

    it('skips while the integration is paused', async () => {
      const psa = await setupPsa(t, vendor);
      expect((await t.call('POST', `/api/integrations/${psa.id}/pause`)).status).toBe(200);
      await expectSkipped('integration_paused', /paused/);
    });

    it('skips after the integration was deleted', async () => {
      const psa = await setupPsa(t, vendor);
      expect((await t.call('DELETE', `/api/integrations/${psa.id}`)).status).toBe(204);
      await expectSkipped('integration_deleted', /deleted/);
    });

    it('skips an organization whose ticket delivery is off', async () => {
      await setupPsa(t, vendor);
      expect((await t.call('PATCH', '/api/organizations/org-acme', { body: { ticketDelivery: false } })).status).toBe(200);
      await expectSkipped('ticket_delivery_off', /Acme Dental Group/);
    });

    it('skips alerts queued before a pause instead of sending them', async () => {
      const psa = await setupPsa(t, vendor);
      await t.worker.stop();
      const a = alert();
      await postAlert(t, a);
      expect(await t.worker.resolvePending()).toBe(1); // resolved while active…
      await t.call('POST', `/api/integrations/${psa.id}/pause`);
      t.worker.start(); // …delivered after the pause
      const [record] = await settled(t, [a.id]);
      expect(record).toMatchObject({ state: 'skipped', decision: { code: 'integration_paused' } });
    });

    it('answers a re-posted alert with the same record and never a second ticket or note', async () => {
      await setupPsa(t, vendor);
      const a = alert();
      const first = await postAlert(t, a, 202);
      expect(first).toMatchObject({ id: a.id, state: 'queued', attempts: 0 });
      const again = await postAlert(t, { ...a, title: 'changed' }, 200);
      expect(again.receivedAt).toBe(first.receivedAt);
      const [delivered] = await settled(t, [a.id]);
      expect(await postAlert(t, a, 200)).toEqual(delivered);
      await new Promise((r) => setTimeout(r, 50));
      expect(await ticketWrites(sandbox.origin, vendor)).toHaveLength(1);
      expect((await control(sandbox.origin, vendor, 'writes?kind=note')).writes).toEqual([]);
      expect(delivered).toMatchObject({ state: 'delivered', outcome: 'ticket_created', attempts: 0, lastError: null, reason: null });
    });

    it('answers the same alert posted several times at once (one intake batch) with one record and one ticket', async () => {
      await setupPsa(t, vendor);
      const a = alert();
      const others = [alert(), alert()];
      const answers = await Promise.all([a, a, ...others, a, a].map((x) => t.call('POST', '/api/routing/alerts', { token: t.router, body: x })));
      const statuses = answers.map((r) => r.status);
      expect(statuses.filter((s, i) => [0, 1, 4, 5].includes(i) && s === 202)).toHaveLength(1);
      expect([statuses[2], statuses[3]]).toEqual([202, 202]);
      const records = await Promise.all(answers.map((r) => r.json() as Promise<{ id: string; receivedAt: string }>));
      expect(new Set([0, 1, 4, 5].map((i) => `${records[i]!.id} ${records[i]!.receivedAt}`)).size).toBe(1);
      await settled(t, [a.id, ...others.map((o) => o.id)]);
      await new Promise((r) => setTimeout(r, 50));
      const tickets = await byAlert(vendor);
      expect([...tickets.keys()].filter((id) => id === a.id)).toHaveLength(1);
      expect((await ticketWrites(sandbox.origin, vendor)).filter((w) => w.text.includes(a.id))).toHaveLength(1);
    });

    it('refuses invalid alerts with a field list, and callers without the router role', async () => {
      const bad = await t.call('POST', '/api/routing/alerts', { token: t.router, body: { id: '', organizationId: 'org-acme', severity: 'urgent', title: 'x', description: 'y', user: { email: 'not-an-email' }, occurredAt: 'yesterday' } });
      expect(bad.status).toBe(400);
      expect(bad.headers.get('content-type')).toContain('application/problem+json');
      const fields = ((await bad.json()) as { errors: Array<{ field: string }> }).errors.map((e) => e.field);
      expect(fields).toEqual(expect.arrayContaining(['id', 'severity', 'alertType', 'user.email', 'occurredAt']));
      const admin = await t.call('POST', '/api/routing/alerts', { body: alert() });
      expect(admin.status).toBe(403);
      expect((await t.call('GET', '/api/routing/alerts/nope', { token: t.router })).status).toBe(404);
      const doc = (await (await t.call('GET', '/api/openapi.json', { token: null })).json()) as { paths: Record<string, unknown> };
      expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/routing/alerts', '/api/routing/alerts/{id}', '/api/routing/preview', '/api/routing/alerts/{id}/retry', '/api/integrations/{id}/psa/test-ticket', '/api/integrations/{id}/psa/billable-sync', '/api/integrations/{id}/health']));
    });

    it('keeps partners apart: another partner cannot read the record', async () => {
      await setupPsa(t, vendor);
      const a = alert();
      await postAlert(t, a);
      const otherRouter = await t.token('partner-b', 'router');
      expect((await t.call('GET', `/api/routing/alerts/${a.id}`, { token: otherRouter })).status).toBe(404);
      expect((await getDelivery(t, a.id)).id).toBe(a.id);
    });
  });
}

describe('a mapped contract or contact the PSA no longer accepts (Kaseya BMS)', () => {
  beforeEach(async () => {
    await control(sandbox.origin, 'kaseya-bms', 'reset');
    t = await createRoutingTestApp(sandbox.origin);
  });

  it('still becomes a ticket: refused as mapped, it is created once more without them, and the decision says why', async () => {
    const psa = await setupPsa(t, 'kaseya-bms', {
      mappings: { 'org-cedar': { account: 'Cedar Ridge Law', contactIndex: 1 } },
      contract: { addContractsToTickets: true, syncBillableUsers: false, userSyncDay: null, organizations: ['org-cedar'] },
    });
    const contact = (await psa.contacts('Cedar Ridge Law'))[1]!;
    const [first] = await deliverAll(t, [alert({ organizationId: 'org-cedar', user: { email: 'nobody@elsewhere.example', name: null } })]);
    expect(first.state).toBe('delivered');
    const contractId = first.decision.contract.id as string;
    expect((await ticketWrites(sandbox.origin, 'kaseya-bms'))[0]).toMatchObject({ contractId, contactId: contact.id });

    // Since the mapping was saved, the contract ended and the contact was deactivated in BMS.
    await control(sandbox.origin, 'kaseya-bms', `contracts/${contractId}/end`, {});
    await control(sandbox.origin, 'kaseya-bms', `contacts/${contact.id}/deactivate`, {});
    const [later] = await deliverAll(t, [alert({ organizationId: 'org-cedar', alertType: 'at-impossible-travel', title: 'Impossible travel', user: { email: 'other@elsewhere.example', name: null } })]);
    expect(later).toMatchObject({ state: 'delivered', outcome: 'ticket_created' });
    expect(later.decision).toMatchObject({ contract: null, contact: null });
    expect(later.decision.contractNote).toMatch(/^Created without the contract and contact: the PSA refused the ticket as mapped \(.*(contract|contact).*\)$/);
    const tickets = await byAlert('kaseya-bms');
    expect(tickets.get(later.id)).toMatchObject({ accountId: psa.accounts.get('Cedar Ridge Law')!.id, contractId: null, contactId: null });
    // One ticket for the alert, not two.
    expect([...(await ticketWrites(sandbox.origin, 'kaseya-bms'))].filter((w) => w.text.includes(later.id))).toHaveLength(1);
  });

  it('a refusal of something else fails as before, after one try without them', async () => {
    const psa = await setupPsa(t, 'kaseya-bms', { mappings: { 'org-cedar': { account: 'Cedar Ridge Law', contactIndex: 1 } } });
    // The account itself is gone: without the contact the PSA still refuses, and the alert fails with its words.
    await control(sandbox.origin, 'kaseya-bms', `accounts/${psa.accounts.get('Cedar Ridge Law')!.id}/delete`, {});
    const [record] = await deliverAll(t, [alert({ organizationId: 'org-cedar' })]);
    expect(record.state).toBe('failed');
    expect(record.lastError).toMatch(/Account not found/);
  });
});
