/** @module `integration-change`: an integration was paused, resumed, changed or deleted on this page. */
import type { IntegrationKind, IntegrationStatus } from '../api/client.js';

export interface IntegrationChangeDetail {
  integrationId: string;
  kind: IntegrationKind;
  /** The integration's status after the change, or `deleted`. */
  status: IntegrationStatus | 'deleted';
}

/**
 * Fired (bubbling, composed) by the element that changed an integration: a list's switch, Disconnect,
 * Reconnect or Delete, an organization's delivery switch, a wizard's section Save. `<integration-hub>`
 * hears it and every element inside refreshes what it shows (one source of state per hub).
 */
export class IntegrationChangeEvent extends CustomEvent<IntegrationChangeDetail> {
  static readonly eventName = 'integration-change';

  constructor(detail: IntegrationChangeDetail) {
    super(IntegrationChangeEvent.eventName, { detail, bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'integration-change': IntegrationChangeEvent;
  }
}
