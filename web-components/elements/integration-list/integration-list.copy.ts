/**
 * @module Every sentence `<integration-list>` shows, per integration kind, in one place, so wording
 * stays consistent between buttons, dialogs and toasts (and a later translation has one file to do).
 */
import type { ApiProblem } from '../../api/api-problem.js';
import type { IntegrationKind } from '../../api/client.js';
import { count } from './integration-list.format.js';

interface KindCopy {
  noun: string;
  add: string;
  listLabel: string;
  empty: string;
  /** `userActivity`: the RMM's API gives user activity (Syncro's does not, so it is not named). */
  deleteConsequence: (vendor: string, userActivity: boolean) => string;
}

export const KIND_COPY: Record<IntegrationKind, KindCopy> = {
  psa: {
    noun: 'PSA',
    add: 'Add PSA',
    listLabel: 'PSA integrations',
    empty: 'No PSA is connected yet. Add one to deliver alerts as tickets.',
    deleteConsequence: (vendor) =>
      `Tickets stop being created in ${vendor} and its stored credentials are erased. Tickets already in ${vendor} stay there. This cannot be undone.`,
  },
  rmm: {
    noun: 'RMM',
    add: 'Add RMM',
    listLabel: 'RMM integrations',
    empty: 'No RMM is connected yet. Add one to bring in devices and user activity.',
    deleteConsequence: (vendor, userActivity) =>
      `${userActivity ? 'Devices and user activity stop' : 'Devices stop'} arriving from ${vendor} and its stored credentials are erased. This cannot be undone.`,
  },
};

export const COPY = {
  loading: 'Loading integrations…',
  waitingForToken: 'Waiting for sign-in…',
  retry: 'Retry',
  edit: 'Edit',
  finishSetup: 'Finish setup',
  delete: 'Delete',
  deliverTickets: 'Deliver tickets',
  disconnect: 'Disconnect',
  reconnect: 'Reconnect',
  deleteTitle: (vendor: string) => `Delete the ${vendor} integration?`,
  deleted: (vendor: string) => `The ${vendor} integration was deleted.`,
  paused: (vendor: string) => `Ticket delivery to ${vendor} is paused. Alerts will not create tickets until you resume it.`,
  resumed: (vendor: string) => `Ticket delivery to ${vendor} is on again.`,
  disconnectTitle: (vendor: string) => `Disconnect ${vendor}?`,
  disconnectMessage: (vendor: string, userActivity: boolean) =>
    `The history already collected stays. Ingestion of ${userActivity ? 'devices and user activity' : 'devices'} from ${vendor} stops until you reconnect.`,
  disconnected: (vendor: string) => `${vendor} is disconnected. Its history stays; ingestion has stopped.`,
  reconnected: (vendor: string) => `${vendor} is connected again.`,
  actionFailed: (problem: ApiProblem) => `${problem.title}: ${problem.detail ?? 'the request failed.'}`,
};

/** The health line of a PSA row, its actions and their toasts. */
export const PSA_HEALTH_COPY = {
  lastDelivery: (ago: string) => `Last delivery ${ago}`,
  noDelivery: 'No deliveries yet',
  queued: (n: number) => `${n.toLocaleString('en')} queued`,
  failed: (n: number) => `${n.toLocaleString('en')} failed`,
  adviceLabel: (vendor: string) => `What to do about failed deliveries to ${vendor}`,
  adviceCount: (n: number) => `(${count(n, 'alert')})`,
  nextBillableSync: (date: string) => `Next billable-user sync: ${date}`,
  pushLive: (vendor: string) => `Ticket status: by push from ${vendor}`,
  /** Every state but a live push: `why` says why, after a dash. */
  polled: (minutes: number, why: string) => `Ticket status: checked every ${count(minutes, 'minute')} — ${why}`,
  pushPending: (vendor: string) => `the webhook at ${vendor} is not registered yet.`,
  pushDeactivated: (vendor: string) => `${vendor} turned the webhook off.`,
  /** After pushDeactivated: when the hub registers a new webhook (null: at its next pass). */
  pushReplaced: (time: string | null) => (time ? `A new one will be registered at about ${time}.` : 'A new one is being registered.'),
  pushOff: (vendor: string) => `webhooks from ${vendor} are not set up on this hub.`,
  /** A refusal (`refused`) or a failure to answer, with the reason in a word or two. */
  pushFailed: (vendor: string, refused: boolean, reason: string) => `${refused ? `${vendor} refused the webhook` : `the webhook could not be registered at ${vendor}`} (${reason}):`,
  pushNextTry: (time: string | null) => (time ? `Tried again at ${time}.` : 'Trying again now.'),
  retryPush: 'Try again now',
  retryPushLabel: (vendor: string) => `Try again now to register the ${vendor} webhook`,
  unavailable: 'Health unavailable',
  sendTestTicket: 'Send test ticket',
  sendTestTicketLabel: (vendor: string) => `Send test ticket to ${vendor}`,
  sendingTestTicket: 'Sending test ticket…',
  sendingTestTicketLabel: (vendor: string) => `Sending test ticket to ${vendor}…`,
  sendingTestTicketStatus: (vendor: string) => `Sending a test ticket to ${vendor}; waiting for ${vendor} to answer…`,
  testTicketSent: (vendor: string, ticket: { vendorTicketId: string; ticketNumber: string | null }) =>
    `Test ticket ${ticket.ticketNumber ? `${ticket.ticketNumber} ` : ''}created in ${vendor} (ticket id ${ticket.vendorTicketId}). It is marked [TEST]; you can close it.`,
  syncBillableUsers: 'Sync billable users now',
  syncBillableUsersLabel: (vendor: string) => `Sync billable users now to ${vendor}`,
  billableSynced: (vendor: string, sent: number, failed: number, skipped: number) =>
    `Billable users synced to ${vendor}. Sent ${sent}, failed ${failed}${skipped ? `, skipped ${skipped}` : ''}.`,
  billableFirstFailure: (organization: string, error: string | null) => `${organization}: ${error ?? 'the PSA refused the update.'}`,
};

/** The device sync line of an RMM row, its "Sync now" and its toasts. */
export const RMM_SYNC_COPY = {
  lastSync: (ago: string) => `Last sync ${ago}`,
  lastSuccess: (ago: string) => `Last successful sync ${ago}`,
  noSuccess: 'No successful sync yet',
  neverSynced: 'Not synced yet',
  running: 'Syncing now…',
  failed: (ago: string | null, error: string) => `Sync failed${ago ? ` ${ago}` : ''}: ${error}`,
  devices: (n: number) => count(n, 'device'),
  activity: (n: number) => count(n, 'activity entry', 'activity entries'),
  activityNotOffered: (vendor: string) => `User activity: not offered by ${vendor}`,
  syncNow: 'Sync now',
  syncNowLabel: (vendor: string) => `Sync now ${vendor}`,
  /** `autoMapped`: sites the run mapped to the organization of their exact name (the standing auto-map rule). */
  synced: (vendor: string, devices: number, activity: number, offered: boolean, autoMapped: number) =>
    `${vendor} synced: ${count(devices, 'device')}${offered ? `, ${count(activity, 'activity entry', 'activity entries')}` : ''}.${autoMapped ? ` ${count(autoMapped, 'new site')} mapped by exact name.` : ''}`,
  syncFailed: (vendor: string, message: string) => `The ${vendor} sync failed: ${message} What was read before the failure is kept.`,
};

/** The heading and sentence for a list that could not load, worded for the person, not the developer. */
export function loadErrorCopy(problem: ApiProblem, kind: IntegrationKind): { heading: string; detail: string } {
  const noun = KIND_COPY[kind].noun;
  if (problem.status === 401) {
    return { heading: 'You are not signed in.', detail: `The ${noun} integrations cannot be shown without a valid sign-in (${problem.detail ?? problem.title}). Sign in again, then choose Retry.` };
  }
  if (problem.status === 403) {
    return { heading: 'You may not manage integrations.', detail: problem.detail ?? 'Your role does not allow this. Ask an administrator.' };
  }
  return { heading: `The ${noun} integrations could not be loaded.`, detail: problem.detail ?? problem.title };
}
