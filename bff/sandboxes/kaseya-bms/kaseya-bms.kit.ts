/** @module The Kaseya BMS sandbox's kit (psa-sandbox-kit.ts): demo credentials, closing a ticket, writes in neutral words. */
import { str, type PsaSandboxKit } from '../psa-sandbox-kit.js';
import { SANDBOX_PASSWORD, SANDBOX_TENANT, SANDBOX_USERNAME } from './kaseya-bms.seed.js';

export const kaseyaBmsKit: PsaSandboxKit<'kaseya-bms'> = {
  vendor: 'kaseya-bms',
  credentials: { server: 'na', tenant: SANDBOX_TENANT, username: SANDBOX_USERNAME, password: SANDBOX_PASSWORD },
  wrongCredentials: { server: 'na', tenant: SANDBOX_TENANT, username: SANDBOX_USERNAME, password: 'not-the-password' },
  catchAll: { withContacts: 'Default Customer', noContacts: 'Quarry Lane Clinic (No Contacts)' },
  async closeTicket(base, ticketId) {
    const auth = await fetch(`${base}/v2/security/authenticate`, {
      method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grantType: 'password', userName: SANDBOX_USERNAME, password: SANDBOX_PASSWORD, tenant: SANDBOX_TENANT }),
    });
    const headers = { Authorization: `Bearer ${((await auth.json()) as { result: { accessToken: string } }).result.accessToken}` };
    const statuses = (await (await fetch(`${base}/v2/system/statuses/lookup`, { headers })).json()) as { result: Array<{ id: number; name: string }> };
    const completed = statuses.result.find((s) => s.name === 'Completed')!;
    const res = await fetch(`${base}/v2/servicedesk/tickets/${ticketId}`, {
      method: 'PATCH', headers: { ...headers, 'Content-Type': 'application/json-patch+json' },
      body: JSON.stringify([{ op: 'replace', path: '/StatusId', value: completed.id }]),
    });
    if (!res.ok) throw new Error(`close ticket: HTTP ${res.status}`);
  },
  ticketPath: 'servicedesk/tickets',
  ticketWrite: ({ id, data }) => {
    const d = data as Record<string, unknown>;
    return { id, title: String(d.title), text: String(d.details ?? ''), accountId: String(d.accountId), contactId: str(d.contactId), priorityId: String(d.priorityId), issueTypeId: str(d.issueTypeId), subIssueTypeId: str(d.subIssueTypeId), contractId: str(d.contractId) };
  },
  noteWrite: ({ id, data }) => {
    const d = data as Record<string, unknown>;
    return { id, ticketId: String(d.ticketId), text: String(d.details ?? '') };
  },
};
