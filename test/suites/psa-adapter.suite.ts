/**
 * @module The shared PSA adapter suite: every PSA adapter runs it against its sandbox over real
 * HTTP, so all adapters are held to one contract (neutral model, typed errors, faults, budgets).
 */
import type { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import type { AdapterContext } from '../../bff/vendors/adapter-context.js';
import type { PsaAdapter } from '../../bff/vendors/psa-adapter.js';
import type { PsaVendor } from '../../bff/contracts/model.js';
import { VendorError } from '../../bff/vendors/vendor-errors.js';
import { vendorNamesForDemoOrganizations } from '../../bff/demo/demo-organizations.js';
import { control } from '../helpers/serve.js';
import { useSandboxedAdapter } from './sandboxed-adapter.js';
import { PSA_SANDBOX_KITS } from '../../bff/sandboxes/index.js';

export { SANDBOX_INTEGRATION_CODE } from './sandboxed-adapter.js';

export interface PsaSuiteTarget {
  vendor: PsaVendor;
  /** The vendor's sandbox app, mounted at /sandbox/<vendor>. */
  createSandboxApp(): Hono;
  /** An adapter with the sandbox's valid credentials, or with a wrong secret/password. */
  createAdapter(ctx: AdapterContext, credentials: 'valid' | 'wrong'): PsaAdapter;
  /** Closes a ticket the way a technician would, through the vendor API itself; default: the sandbox kit's. */
  closeTicketAsTechnician?(origin: string, ticketId: string): Promise<void>;
  /** Makes the sandbox treat every issued access token as expired (vendors with tokens only). */
  expireTokens?(origin: string): Promise<void>;
}

export function runPsaAdapterSuite(target: PsaSuiteTarget): void {
  const closeTicketAsTechnician = target.closeTicketAsTechnician
    ?? ((origin: string, ticketId: string) => PSA_SANDBOX_KITS[target.vendor].closeTicket(`${origin}/sandbox/${target.vendor}`, ticketId));
  describe(`PSA adapter contract: ${target.vendor}`, () => {
    const sandbox = useSandboxedAdapter(target);
    const adapter = sandbox.adapter;

    it('validates good credentials and names the account', async () => {
      const result = await adapter().validateCredentials();
      expect(result).toHaveProperty('accountLabel');
    });

    it('rejects wrong credentials with invalid_credentials', async () => {
      const error = await adapter({}, 'wrong').validateCredentials().catch((e) => e);
      expect(error).toBeInstanceOf(VendorError);
      expect(error.code).toBe('invalid_credentials');
      expect(error.message.length).toBeGreaterThan(10);
    });

    it('lists every account, with exact and near names of the demo organizations', async () => {
      const accounts = await adapter().listAccounts();
      expect(accounts.length).toBeGreaterThanOrEqual(60);
      const names = new Set(accounts.map((a) => a.name));
      for (const name of vendorNamesForDemoOrganizations()) expect(names).toContain(name);
      expect(new Set(accounts.map((a) => a.id)).size).toBe(accounts.length);
      expect(accounts.some((a) => a.type)).toBe(true);
    });

    it('searches accounts by name', async () => {
      const found = await adapter().listAccounts({ search: 'acme dental' });
      expect(found.map((a) => a.name)).toContain('Acme Dental Group');
      expect(found.every((a) => a.name.toLowerCase().includes('acme dental'))).toBe(true);
    });

    it('lists contacts of an account and matches one by e-mail only inside that account', async () => {
      const accounts = await adapter().listAccounts();
      const acme = accounts.find((a) => a.name === 'Acme Dental Group')!;
      const other = accounts.find((a) => a.name === 'Bluebird Logistics')!;
      const contacts = await adapter().listContacts(acme.id);
      expect(contacts.length).toBeGreaterThan(0);
      const withEmail = contacts.find((c) => c.email)!;
      expect(withEmail.accountId).toBe(acme.id);
      const match = await adapter().findContactByEmail(acme.id, withEmail.email!.toUpperCase());
      expect(match?.id).toBe(withEmail.id);
      expect(await adapter().findContactByEmail(other.id, withEmail.email!)).toBeNull();
    });

    it('has at least one account without contacts (the wizard must refuse it as catch-all)', async () => {
      const accounts = await adapter().listAccounts({ search: 'No Contacts' });
      expect(accounts.length).toBeGreaterThan(0);
      expect(await adapter().listContacts(accounts[0]!.id)).toEqual([]);
    });

    it('offers the picklists the wizard needs', async () => {
      const lists = await adapter().getPicklists();
      for (const key of ['ticketStatus', 'priority', 'queue', 'noteType', 'issueType'] as const) {
        expect(lists[key].length, key).toBeGreaterThan(0);
      }
      expect(lists.closedStatusIds.length).toBeGreaterThan(0);
      const someIssue = lists.issueType[0]!;
      expect(lists.subIssueType.every((s) => s.parentId)).toBe(true);
      expect(lists.subIssueType.some((s) => s.parentId === someIssue.id) || lists.subIssueType.length === 0).toBe(true);
    });

    it('creates a ticket, finds it by marker, adds a note, and sees it closed by a technician', async () => {
      const a = adapter();
      const accounts = await a.listAccounts({ search: 'Acme Dental' });
      const lists = await a.getPicklists();
      const openStatus = lists.ticketStatus.find((s) => !lists.closedStatusIds.includes(s.id))!;
      const marker = `iw-test-${Date.now()}`;
      const ticket = await a.createTicket({
        accountId: accounts[0]!.id, contactId: null, title: 'Too Many Downloads: user@acme.example', description: 'test',
        statusId: openStatus.id, priorityId: lists.priority[0]!.id, queueId: lists.queue[0]?.id ?? null,
        typeId: lists.ticketType[0]?.id ?? null, sourceId: lists.source[0]?.id ?? null, categoryId: lists.ticketCategory[0]?.id ?? null,
        issueTypeId: null, subIssueTypeId: null, contractId: null, marker,
      });
      expect(ticket.isOpen).toBe(true);
      expect((await a.findTicketByMarker(marker))?.id).toBe(ticket.id);
      expect(await a.findTicketByMarker(`${marker}-other`)).toBeNull();
      const noteMarker = `${marker}-n1`;
      await a.addNote({ ticketId: ticket.id, title: 'Too Many Uploads', body: 'second alert', noteTypeId: lists.noteType[0]!.id, visibilityId: lists.noteVisibility[0]?.id ?? 'internal', marker: noteMarker });
      expect(await a.hasNoteWithMarker(ticket.id, noteMarker)).toBe(true);
      expect(await a.hasNoteWithMarker(ticket.id, `${marker}-n2`)).toBe(false);
      await closeTicketAsTechnician(sandbox.origin(), ticket.id);
      expect((await a.getTicket(ticket.id)).isOpen).toBe(false);
    });

    it('creates a contract service and sets its quantity on a contract', async () => {
      const a = adapter();
      const service = await a.createService({ name: 'Security Monitoring per User', description: null, unitCost: 2.5, unitPrice: 6 });
      expect((await a.listServices()).map((s) => s.id)).toContain(service.id);
      const accounts = await a.listAccounts();
      let contract = null;
      for (const account of accounts) {
        const contracts = await a.listContracts(account.id);
        if (contracts.length) { contract = contracts[0]!; break; }
      }
      expect(contract).not.toBeNull();
      await a.setContractServiceUnits({ contractId: contract!.id, serviceId: service.id, units: 42, unitCost: 2.5, unitPrice: 6 });
      const writes = (await control(sandbox.origin(), target.vendor, 'writes')).writes as Array<{ kind: string; data: unknown }>;
      expect(JSON.stringify(writes)).toContain('42');
    });

    it('waits out a 429 with Retry-After and then succeeds', async () => {
      await control(sandbox.origin(), target.vendor, 'faults', { kind: '429', count: 1, retryAfterSeconds: 1 });
      const started = Date.now();
      await adapter().getPicklists();
      expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    });

    it('reports a long Retry-After as rate_limited with the wait', async () => {
      await control(sandbox.origin(), target.vendor, 'faults', { kind: '429', count: 5, retryAfterSeconds: 120 });
      const error = await adapter({ maxRetryWaitMs: 1_000 }).listAccounts().catch((e) => e);
      expect(error).toBeInstanceOf(VendorError);
      expect(error.code).toBe('rate_limited');
      expect(error.details.retryAfterMs).toBeGreaterThanOrEqual(100_000);
    });

    it('retries reads after a 5xx', async () => {
      await control(sandbox.origin(), target.vendor, 'faults', { kind: '5xx', count: 2, status: 503 });
      const accounts = await adapter().listAccounts({ search: 'Acme' });
      expect(accounts.length).toBeGreaterThan(0);
    });

    it('gives up on a hanging vendor with unavailable, within the time-out', async () => {
      await control(sandbox.origin(), target.vendor, 'faults', { kind: 'hang', count: 10, ms: 5_000 });
      const started = Date.now();
      const error = await adapter({ timeoutMs: 300, maxAttempts: 2 }).getPicklists().catch((e) => e);
      expect(error).toBeInstanceOf(VendorError);
      expect(error.code).toBe('unavailable');
      expect(Date.now() - started).toBeLessThan(4_000);
    });

    it('does not blindly repeat a ticket create after a 5xx', async () => {
      const a = adapter();
      const accounts = await a.listAccounts({ search: 'Acme Dental' });
      const lists = await a.getPicklists();
      await control(sandbox.origin(), target.vendor, 'faults', { kind: '5xx', count: 1, status: 500, pathIncludes: 'icket' });
      const error = await a.createTicket({
        accountId: accounts[0]!.id, contactId: null, title: 't', description: 'd', statusId: lists.ticketStatus[0]!.id,
        priorityId: lists.priority[0]!.id, queueId: lists.queue[0]?.id ?? null, typeId: lists.ticketType[0]?.id ?? null,
        sourceId: lists.source[0]?.id ?? null, categoryId: null, issueTypeId: null, subIssueTypeId: null, contractId: null, marker: 'm-5xx',
      }).catch((e) => e);
      expect(error).toBeInstanceOf(VendorError);
      expect(error.code).toBe('unavailable');
    });

    if (target.expireTokens) {
      it('renews an expired access token without bothering the caller', async () => {
        const a = adapter();
        await a.validateCredentials();
        await target.expireTokens!(sandbox.origin());
        const accounts = await a.listAccounts({ search: 'Acme' });
        expect(accounts.length).toBeGreaterThan(0);
      });
    }
  });
}
