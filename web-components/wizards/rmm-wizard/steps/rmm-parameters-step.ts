/**
 * @module `<ih-rmm-parameters-step>` (internal): Datto RMM's optional Parameters step: which custom
 * field (UDF) holds the Microsoft Entra Device ID. It improves correlation and can be set later, so
 * a field list that fails to load does not block the wizard.
 */
import { html } from 'lit';
import { COPY } from '../rmm-wizard.copy.js';
import { RmmStepBase } from './rmm-step-base.js';

/** Internal. @internal */
export class IhRmmParametersStep extends RmmStepBase {
  protected override render() {
    const ctx = this.context;
    const load = ctx.customFieldsLoad;
    return html`
      <div class="step ih-root" @ih-field-change=${this.onFieldChange} @focusout=${this.onFocusOut}>
        <ih-select-field name="entraDeviceIdField" label=${COPY.entraLabel} hint=${COPY.entraHint} optional allow-empty
          placeholder=${COPY.entraNone} ?loading=${load.status === 'loading'} .value=${ctx.entraDeviceIdField}
          .options=${ctx.customFields.map((f) => ({ value: f, label: f }))} .error=${this.errorFor('entraDeviceIdField')}></ih-select-field>
        <ih-load-status label=${COPY.customFields} status=${load.status === 'failed' ? 'error' : load.status === 'loading' ? 'loading' : 'idle'}
          problem-detail=${load.problem?.detail ?? load.problem?.title ?? ''} @ih-load-retry=${() => this.send({ type: 'customFields.retry' })}></ih-load-status>
      </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ih-rmm-parameters-step': IhRmmParametersStep;
  }
}
