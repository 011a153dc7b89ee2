/** @module `integration-add`: the person asked to add an integration of a kind; the host offers the vendors. */
import type { IntegrationKind } from '../api/client.js';

export interface IntegrationAddDetail {
  kind: IntegrationKind;
}

/** Fired (bubbling, composed) when "Add PSA" / "Add RMM" is chosen. The host opens a wizard for that kind. */
export class IntegrationAddEvent extends CustomEvent<IntegrationAddDetail> {
  static readonly eventName = 'integration-add';

  constructor(detail: IntegrationAddDetail) {
    super(IntegrationAddEvent.eventName, { detail, bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'integration-add': IntegrationAddEvent;
  }
}
