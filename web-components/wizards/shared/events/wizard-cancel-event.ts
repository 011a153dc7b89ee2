/** @module `wizard-cancel`: the person left a wizard with Cancel; its draft is discarded. */

export interface WizardCancelDetail {
  /** The integration the wizard was working on, if step 1 had created or opened one. */
  integrationId: string | null;
}

/** Fired (bubbling, composed) after Cancel. A draft integration created by step 1 stays listed as "Setup not finished". */
export class WizardCancelEvent extends CustomEvent<WizardCancelDetail> {
  static readonly eventName = 'wizard-cancel';

  constructor(detail: WizardCancelDetail) {
    super(WizardCancelEvent.eventName, { detail, bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'wizard-cancel': WizardCancelEvent;
  }
}
