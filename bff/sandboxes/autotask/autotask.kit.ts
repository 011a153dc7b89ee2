/** @module The Autotask sandbox's kit (psa-sandbox-kit.ts): demo credentials, closing a ticket, writes in neutral words. */
import { str, type PsaSandboxKit } from '../psa-sandbox-kit.js';
import { SANDBOX_INTEGRATION_CODE, SANDBOX_SECRET, SANDBOX_USERNAME } from './autotask.seed.js';

/** Autotask's "Complete" ticket status in the sandbox's picklist. */
const COMPLETE_STATUS = 5;

export const autotaskKit: PsaSandboxKit<'autotask'> = {
  vendor: 'autotask',
  credentials: { username: SANDBOX_USERNAME, secret: SANDBOX_SECRET },
  wrongCredentials: { username: SANDBOX_USERNAME, secret: 'not-the-secret' },
  catchAll: { withContacts: 'Northwind MSP (Internal)', noContacts: 'Unassigned Alerts (No Contacts)' },
  async closeTicket(base, ticketId) {
    const res = await fetch(`${base}/ATServicesRest/V1.0/Tickets`, {
      method: 'PATCH',
      headers: { ApiIntegrationCode: SANDBOX_INTEGRATION_CODE, UserName: SANDBOX_USERNAME, Secret: SANDBOX_SECRET, 'Content-Type': 'application/json' },
      body: JSON.stringify({ id: Number(ticketId), status: COMPLETE_STATUS }),
    });
    if (!res.ok) throw new Error(`close ticket: HTTP ${res.status}`);
  },
  ticketPath: 'Tickets',
  ticketWrite: ({ id, data }) => {
    const d = data as Record<string, unknown>;
    return { id, title: String(d.title), text: String(d.description ?? ''), accountId: String(d.companyID), contactId: str(d.contactID), priorityId: String(d.priority), issueTypeId: str(d.issueType), subIssueTypeId: str(d.subIssueType), contractId: str(d.contractID) };
  },
  noteWrite: ({ id, data }) => {
    const d = data as Record<string, unknown>;
    return { id, ticketId: String(d.ticketID), text: `${d.title ?? ''}\n${d.description ?? ''}` };
  },
};
