/**
 * @module `<psa-wizard>`'s step elements: the tag of each step (its code loads when the step is first
 * shown, registry/psa-steps.ts) and the element bound to the machine's snapshot, its `send` and the
 * wizard's shared data.
 */
import { html } from 'lit';
import type { PsaWizardData } from './psa-wizard.api.js';
import type { PsaWizardSnapshot } from './psa-wizard.machine.js';
import type { PsaStep, PsaWizardEvent } from './psa-wizard.types.js';

/** Each step's element (its code arrives with the step: LazyStepsController). */
export const STEP_TAGS = {
  credentials: 'ih-psa-credentials-step',
  'account-mapping': 'ih-psa-account-mapping-step',
  'service-parameters': 'ih-psa-service-parameters-step',
  'contract-mapping': 'ih-psa-contract-mapping-step',
  finish: 'ih-psa-finish-step',
} as const;

/** The step's element, bound to the wizard. */
export function stepElement(step: PsaStep, s: PsaWizardSnapshot, send: (event: PsaWizardEvent) => void, data: PsaWizardData | undefined) {
  switch (STEP_TAGS[step]) {
    case 'ih-psa-credentials-step':
      return html`<ih-psa-credentials-step part="step" exportparts="problem" .snapshot=${s} .send=${send} .data=${data}></ih-psa-credentials-step>`;
    case 'ih-psa-account-mapping-step':
      return html`<ih-psa-account-mapping-step part="step" exportparts="problem" .snapshot=${s} .send=${send} .data=${data}></ih-psa-account-mapping-step>`;
    case 'ih-psa-service-parameters-step':
      return html`<ih-psa-service-parameters-step part="step" exportparts="problem" .snapshot=${s} .send=${send} .data=${data}></ih-psa-service-parameters-step>`;
    case 'ih-psa-contract-mapping-step':
      return html`<ih-psa-contract-mapping-step part="step" exportparts="problem" .snapshot=${s} .send=${send} .data=${data}></ih-psa-contract-mapping-step>`;
    case 'ih-psa-finish-step':
      return html`<ih-psa-finish-step part="step" exportparts="problem" .snapshot=${s} .send=${send} .data=${data}></ih-psa-finish-step>`;
  }
}
