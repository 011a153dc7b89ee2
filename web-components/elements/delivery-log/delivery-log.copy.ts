/** @module Every word `<delivery-log>` and `<audit-log>` show, in one place. */
import type { DeliveryOutcome, DeliveryStateFilter } from './integration-logs.api.js';

export const OUTCOME_LABELS: Record<DeliveryOutcome, string> = {
  ticket_created: 'Ticket created',
  note_added: 'Note added',
  skipped: 'Skipped',
  failed: 'Failed',
  waiting: 'Waiting',
};

export const STATE_FILTER_LABELS: Record<DeliveryStateFilter | '', string> = {
  '': 'All states',
  waiting: 'Waiting',
  delivered: 'Delivered',
  skipped: 'Skipped',
  failed: 'Failed',
};

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en')} ${n === 1 ? one : many}`;

/** "5 Dec 2026, 10:42" in the reader's time zone. */
export function formatTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });
}

export const DELIVERY_COPY = {
  noIntegration: 'Choose an integration to see its deliveries.',
  waitingForToken: 'Waiting for sign-in…',
  loading: 'Loading deliveries…',
  loadFailed: 'The deliveries could not be loaded.',
  retry: 'Retry',
  filtersLabel: 'Filter deliveries',
  stateLabel: 'State',
  organizationLabel: 'Organization',
  allOrganizations: 'All organizations',
  feedLabel: 'Deliveries, newest first',
  keysHint: 'Page Down and Page Up move between deliveries.',
  empty: 'No deliveries match these filters.',
  none: 'No alerts have been sent to this PSA yet.',
  loadMore: 'Load more deliveries',
  loadingMore: 'Loading more deliveries…',
  counts: (c: { failed: number; waiting: number; delivered: number; skipped: number }) =>
    [[c.failed, 'failed'], [c.waiting, 'waiting'], [c.delivered, 'delivered'], [c.skipped, 'skipped']].map(([n, word]) => `${n.toLocaleString('en')} ${word}`).join(' · '),
  retryAll: (failed: number) => `Retry all failed (${failed.toLocaleString('en')})`,
  retryOne: 'Retry',
  retryOneLabel: (title: string) => `Retry ${title}`,
  ticket: (number: string) => `Ticket ${number}`,
  ticketLabel: (number: string, vendorHint: string) => `Ticket ${number} (opens ${vendorHint} in a new tab)`,
  rowLabel: (title: string, outcome: string, organization: string) => `${title}, ${outcome}, ${organization}`,
  progressLabel: 'Retrying failed deliveries',
  progress: (done: number, total: number) => `Retrying ${plural(total, 'failed delivery', 'failed deliveries')}: ${done.toLocaleString('en')} of ${total.toLocaleString('en')} done.`,
  progressDone: (total: number, failedAgain: number) =>
    `Retried ${plural(total, 'failed delivery', 'failed deliveries')}: ${(total - failedAgain).toLocaleString('en')} delivered${failedAgain ? `, ${failedAgain.toLocaleString('en')} failed again` : ''}.`,
  nothingToRetry: 'Nothing to retry: no delivery is failed now.',
  retryFailed: (detail: string) => `The retry was not accepted. ${detail}`,
};

export const AUDIT_COPY = {
  noIntegration: 'Choose an integration to see its changes.',
  waitingForToken: 'Waiting for sign-in…',
  loading: 'Loading changes…',
  loadFailed: 'The changes could not be loaded.',
  retry: 'Retry',
  listLabel: 'Changes, newest first',
  empty: 'No changes have been recorded for this integration.',
  loadMore: 'Load more changes',
  by: (actor: string) => `by ${actor}`,
  before: 'Before',
  after: 'After',
  unset: '(none)',
};
