/** @module The ConnectWise PSA sandbox's kit (psa-sandbox-kit.ts): demo credentials, closing a ticket, writes in neutral words. */
import { str, type PsaSandboxKit } from '../psa-sandbox-kit.js';
import { SANDBOX_CLIENT_ID, SANDBOX_CODEBASE, SANDBOX_COMPANY_ID, SANDBOX_PRIVATE_KEY, SANDBOX_PUBLIC_KEY } from './connectwise.seed.js';

const refId = (v: unknown) => str((v as { id?: unknown } | null | undefined)?.id);

export const connectwiseKit: PsaSandboxKit<'connectwise'> = {
  vendor: 'connectwise',
  credentials: { site: 'na', host: '', companyId: SANDBOX_COMPANY_ID, publicKey: SANDBOX_PUBLIC_KEY, privateKey: SANDBOX_PRIVATE_KEY },
  wrongCredentials: { site: 'na', host: '', companyId: SANDBOX_COMPANY_ID, publicKey: SANDBOX_PUBLIC_KEY, privateKey: 'not-the-private-key' },
  catchAll: { withContacts: 'Catch-All Alerts', noContacts: 'Quarry Lane Clinic (No Contacts)' },
  ticketPath: 'service/tickets',
  async closeTicket(base, ticketId) {
    const api = `${base}/${SANDBOX_CODEBASE}apis/3.0`;
    const headers = {
      clientId: SANDBOX_CLIENT_ID,
      Authorization: `Basic ${Buffer.from(`${SANDBOX_COMPANY_ID}+${SANDBOX_PUBLIC_KEY}:${SANDBOX_PRIVATE_KEY}`).toString('base64')}`,
      'Content-Type': 'application/json',
    };
    const ticket = (await (await fetch(`${api}/service/tickets/${ticketId}`, { headers })).json()) as { board: { id: number } };
    const statuses = (await (await fetch(`${api}/service/boards/${ticket.board.id}/statuses?conditions=closedStatus=true`, { headers })).json()) as Array<{ id: number }>;
    const res = await fetch(`${api}/service/tickets/${ticketId}`, {
      method: 'PATCH', headers, body: JSON.stringify([{ op: 'replace', path: 'status', value: { id: statuses[0]!.id } }]),
    });
    if (!res.ok) throw new Error(`close ticket: HTTP ${res.status}`);
  },
  ticketWrite: ({ id, data }) => {
    const d = data as Record<string, unknown>;
    return {
      id, title: String(d.summary), text: String(d.initialDescription ?? ''), accountId: String(refId(d.company)), contactId: refId(d.contact),
      priorityId: String(refId(d.priority)), issueTypeId: refId(d.type), subIssueTypeId: refId(d.subType), contractId: refId(d.agreement),
    };
  },
  noteWrite: ({ id, data }) => {
    const d = data as Record<string, unknown>;
    return { id, ticketId: String(d.ticketId), text: String(d.text ?? '') };
  },
};
