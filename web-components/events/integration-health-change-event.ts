/** @module `integration-health-change`: a PSA integration stopped answering, its waiting alerts changed, or it answers again. */
import type { Vendor } from '../api/client.js';

export interface IntegrationHealthChangeDetail {
  integrationId: string;
  vendor: Vendor;
  vendorLabel: string;
  /** `unavailable` while the PSA does not answer (its alerts wait); `available` otherwise. */
  state: 'available' | 'unavailable';
  /** ISO: the first unanswered call of the outage (null while available). */
  since: string | null;
  /** The last failure's HTTP status (0: no answer), while unavailable. */
  lastStatus: number | null;
  /** Alerts waiting for delivery. */
  waiting: number;
  /** ISO: the next try while unavailable. */
  nextTryAt: string | null;
  /** Alerts the last outage delayed (delivered after it started). */
  deliveredLate: number;
}

/**
 * Fired (bubbling, composed) by `<integration-list>` and `<organization-applications>` when a PSA
 * integration's availability changes: it became unavailable, its waiting alerts or next try
 * changed, or it answers again. A host can show its own banner from it.
 */
export class IntegrationHealthChangeEvent extends CustomEvent<IntegrationHealthChangeDetail> {
  static readonly eventName = 'integration-health-change';

  constructor(detail: IntegrationHealthChangeDetail) {
    super(IntegrationHealthChangeEvent.eventName, { detail, bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'integration-health-change': IntegrationHealthChangeEvent;
  }
}
