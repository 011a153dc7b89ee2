/** @module `wizard-complete`: a wizard finished and the integration is live. */
import type { IntegrationStatus, Vendor } from '../../../api/client.js';

export interface WizardCompleteDetail {
  integrationId: string;
  vendor: Vendor;
  /** The integration's status after completion (`active`, or `paused` when it was paused before an edit; `connected` for RMM). */
  status: IntegrationStatus;
}

/** Fired (bubbling, composed) once the BFF accepted the last step. The host closes the wizard and refreshes its lists. */
export class WizardCompleteEvent extends CustomEvent<WizardCompleteDetail> {
  static readonly eventName = 'wizard-complete';

  constructor(detail: WizardCompleteDetail) {
    super(WizardCompleteEvent.eventName, { detail, bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'wizard-complete': WizardCompleteEvent;
  }
}
