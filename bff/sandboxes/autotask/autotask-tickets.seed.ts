/**
 * @module A few tickets with notes on the demo companies, open and complete, so the tenant looks
 * lived-in and ticket queries have something to find before the product writes its own.
 */
import type { AutotaskDb } from './autotask-db.js';
import { TICKET_COMPLETE_STATUS } from './autotask-picklists.js';

const SEEDED: Array<[company: string, title: string, status: number, issue: number, subIssue: number, notes: string[]]> = [
  ['Acme Dental Group', 'Printer offline in reception', 8, 15, 151, ['Driver reinstalled, waiting for confirmation.']],
  ['Acme Dental Group', 'Suspicious sign-in: front desk account', TICKET_COMPLETE_STATUS, 11, 111, ['Password reset and sessions revoked.', 'Closed after user confirmation.']],
  ['Bluebird Logistics', 'VPN drops every hour', 7, 14, 142, ['Asked the customer for a maintenance window.']],
  ['Bluebird Logistics', 'New user setup: warehouse lead', 1, 15, 152, []],
  ['Cedar Ridge Law', 'Mailbox forwarding rule to external address', 8, 12, 123, ['Rule removed; checking other mailboxes.']],
  ['Delta Veterinary Clinics', 'Antivirus alert on exam room PC', TICKET_COMPLETE_STATUS, 13, 133, ['Quarantined, full scan clean.']],
  ['Harbor View Hotels', 'Guest Wi-Fi slow on floor 3', 1, 14, 141, []],
  ['Kestrel Aviation Services', 'Patch failure on hangar kiosk', 8, 13, 132, ['Retrying after reboot tonight.']],
];

export function seedTickets(db: AutotaskDb, companyIds: Map<string, number>, random: () => number): void {
  const base = Date.UTC(2025, 4, 5, 14, 0);
  SEEDED.forEach(([company, title, status, issueType, subIssueType, notes], i) => {
    const companyID = companyIds.get(company);
    if (companyID === undefined) return;
    const created = new Date(base + i * 36 * 3_600_000);
    const contact = db.rows('Contacts').find((c) => c.companyID === companyID && c.primaryContact);
    const done = status === TICKET_COMPLETE_STATUS;
    const ticket = db.insert('Tickets', {
      companyID, contactID: contact?.id ?? null, title, description: `${title}. Reported by phone.`, status, priority: 1 + Math.floor(random() * 3),
      queueID: 29682833, ticketType: 2, source: 2, ticketCategory: 2, issueType, subIssueType, ticketNumber: db.nextTicketNumber(created),
      createDate: created.toISOString(), creatorResourceID: 29682886, creatorType: 1, dueDateTime: new Date(created.getTime() + 48 * 3_600_000).toISOString(),
      completedDate: done ? new Date(created.getTime() + 20 * 3_600_000).toISOString() : null, completedByResourceID: done ? 29682886 : null,
      lastActivityDate: created.toISOString(), lastTrackedModificationDateTime: created.toISOString(), serviceLevelAgreementID: 1,
    });
    notes.forEach((description, n) => {
      db.insert('TicketNotes', {
        ticketID: ticket.id, title: n === 0 ? 'Update' : 'Resolution', description, noteType: 1, publish: 1,
        createDateTime: new Date(created.getTime() + (n + 1) * 3_600_000).toISOString(), creatorResourceID: 29682886,
        lastActivityDate: new Date(created.getTime() + (n + 1) * 3_600_000).toISOString(),
      });
    });
  });
}
