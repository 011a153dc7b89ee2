/** @module The HaloPSA sandbox's kit (psa-sandbox-kit.ts): demo credentials, closing a ticket, writes in neutral words. */
import { str, type PsaSandboxKit } from '../psa-sandbox-kit.js';
import { SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET, SANDBOX_GRANTED_SCOPES, SANDBOX_TENANT, buildCategories } from './halopsa.seed.js';

/** Halo writes the category path (`Parent>Child`); the tests speak of issue and sub-issue type ids. */
const CATEGORY_IDS = new Map(buildCategories().map((c) => [c.value, String(c.id)]));
function issueTypesOf(value: unknown): { issueTypeId: string | null; subIssueTypeId: string | null } {
  if (typeof value !== 'string' || !value) return { issueTypeId: null, subIssueTypeId: null };
  const parent = value.split('>')[0]!;
  return value.includes('>')
    ? { issueTypeId: CATEGORY_IDS.get(parent) ?? null, subIssueTypeId: CATEGORY_IDS.get(value) ?? null }
    : { issueTypeId: CATEGORY_IDS.get(value) ?? null, subIssueTypeId: null };
}

export const halopsaKit: PsaSandboxKit<'halopsa'> = {
  vendor: 'halopsa',
  credentials: { url: `https://${SANDBOX_TENANT}.halopsa.com`, tenant: SANDBOX_TENANT, clientId: SANDBOX_CLIENT_ID, clientSecret: SANDBOX_CLIENT_SECRET },
  wrongCredentials: { url: `https://${SANDBOX_TENANT}.halopsa.com`, tenant: SANDBOX_TENANT, clientId: SANDBOX_CLIENT_ID, clientSecret: 'not-the-secret' },
  catchAll: { withContacts: 'Default Customer', noContacts: 'Quarry Lane Clinic (No Contacts)' },
  ticketPath: 'Tickets',
  notePath: '/api/Actions',
  async closeTicket(base, ticketId) {
    const auth = await fetch(`${base}/auth/token?tenant=${SANDBOX_TENANT}`, {
      method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: SANDBOX_CLIENT_ID, client_secret: SANDBOX_CLIENT_SECRET, scope: SANDBOX_GRANTED_SCOPES.join(' ') }),
    });
    const token = ((await auth.json()) as { access_token: string }).access_token;
    // A technician closes it in Halo: the ticket posted back with the built-in Closed status.
    const res = await fetch(`${base}/api/Tickets`, {
      method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify([{ id: Number(ticketId), status_id: 9 }]),
    });
    if (!res.ok) throw new Error(`close ticket: HTTP ${res.status}`);
  },
  ticketWrite: ({ id, data }) => {
    const d = data as Record<string, unknown>;
    return {
      id, title: String(d.summary), text: String(d.details ?? ''), accountId: String(d.client_id), contactId: str(d.user_id),
      priorityId: String(d.priority_id), ...issueTypesOf(d.category_1), contractId: str(d.contract_id),
    };
  },
  noteWrite: ({ id, data }) => {
    const d = data as Record<string, unknown>;
    return { id, ticketId: String(d.ticket_id), text: String(d.note ?? '') };
  },
};
