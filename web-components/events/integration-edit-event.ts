/** @module `integration-edit`: the person asked to edit an integration; the host opens its wizard. */
import type { IntegrationKind, Vendor } from '../api/client.js';

export interface IntegrationEditDetail {
  integrationId: string;
  vendor: Vendor;
  kind: IntegrationKind;
}

/** Fired (bubbling, composed) when Edit is chosen on a row. The host opens the matching wizard with `integration-id`. */
export class IntegrationEditEvent extends CustomEvent<IntegrationEditDetail> {
  static readonly eventName = 'integration-edit';

  constructor(detail: IntegrationEditDetail) {
    super(IntegrationEditEvent.eventName, { detail, bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'integration-edit': IntegrationEditEvent;
  }
}
