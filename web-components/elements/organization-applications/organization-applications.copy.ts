/** @module Every sentence `<organization-applications>` shows, in one place. */
import type { ApiProblem } from '../../api/api-problem.js';
import type { SyncSummary } from './organization-applications.data.js';

export const COPY = {
  heading: 'MSP Tools',
  listLabel: (org: string) => `MSP tools connected to ${org}`,
  loading: 'Loading connected applications…',
  waitingForToken: 'Waiting for sign-in…',
  noOrganizationId: 'No organization chosen.',
  unknownOrganization: (id: string) => `There is no organization with the id “${id}”.`,
  empty: (org: string) => `No MSP tools are connected to ${org} yet. Connect an RMM or a PSA under Settings › Integrations and map it to this organization.`,
  retry: 'Retry',
  edit: 'Edit',
  kindRmm: 'RMM',
  kindPsa: 'PSA',
  /** Whether the RMM's API gives user activity at all (Syncro's gives none: issue 17 item 8, RMM_USER_ACTIVITY). */
  userActivity: (vendor: string, recorded: boolean) => (recorded
    ? `User activity organization: all ${vendor} user activity is recorded here.`
    : `User activity organization of ${vendor}: the ${vendor} connection is filed here. ${vendor}’s API offers no user-activity feed, so no ${vendor} user activity is recorded.`),
  devicesFrom: (count: number) => (count === 1 ? 'Devices from 1 mapped site:' : `Devices from ${count} mapped sites:`),
  noDevices: 'No site is mapped to this organization, so no device data arrives here.',
  ticketsTo: (account: string) => `Tickets go to the PSA account ${account}.`,
  ticketsToCatchAll: (account: string) => `No PSA account is mapped to this organization: tickets go to the catch-all account ${account}.`,
  deliverTickets: 'Deliver tickets',
  deliverTicketsLabel: (vendor: string, org: string) => `Deliver tickets to ${vendor} for ${org}`,
  deliveryOn: (org: string) => `Tickets are delivered for ${org} again.`,
  deliveryOff: (org: string) => `Ticket delivery for ${org} is off. Alerts of this organization will not create tickets.`,
  deliveryPausedNote: 'Ticket delivery of the whole PSA integration is paused.',
  actionFailed: (problem: ApiProblem) => `${problem.title}: ${problem.detail ?? 'the request failed.'}`,
  loadFailed: 'The connected applications could not be loaded.',
  /** The device sync line; the device count is this organization's (issue 17 item 10), not the whole connection's. */
  lastSync: (summary: SyncSummary, organizationDevices: number) => {
    const when = (at: string | null) => (at ? new Date(at).toLocaleString() : null);
    const devices = `${organizationDevices} ${organizationDevices === 1 ? 'device' : 'devices'} in this organization`;
    switch (summary.state) {
      case 'never':
        return 'Not synchronized yet: devices appear within 10–30 minutes of connecting.';
      case 'running':
        return `Synchronizing devices now…${summary.lastSuccessAt ? ` (last success ${when(summary.lastSuccessAt)})` : ''}`;
      case 'failed':
        return `Last sync failed${summary.lastSyncAt ? ` (${when(summary.lastSyncAt)})` : ''}: ${summary.lastError ?? 'unknown error'}.${summary.lastSuccessAt ? ` Last success ${when(summary.lastSuccessAt)}.` : ''}`;
      default:
        return `Last sync ${when(summary.lastSyncAt) ?? ''} · ${devices}`;
    }
  },
};
