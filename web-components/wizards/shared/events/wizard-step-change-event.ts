/** @module `wizard-step-change`: a wizard moved to another step. */

export interface WizardStepChangeDetail {
  /** The step now shown, e.g. `credentials`, `account-mapping`, `service-parameters`, `contract-mapping`, `finish`. */
  step: string;
}

/** Fired (bubbling, composed) when a wizard shows another step, whether by Next, Back or a resumed draft. */
export class WizardStepChangeEvent extends CustomEvent<WizardStepChangeDetail> {
  static readonly eventName = 'wizard-step-change';

  constructor(detail: WizardStepChangeDetail) {
    super(WizardStepChangeEvent.eventName, { detail, bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'wizard-step-change': WizardStepChangeEvent;
  }
}
