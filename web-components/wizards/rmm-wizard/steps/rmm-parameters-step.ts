/**
 * @module `<ih-rmm-parameters-step>` (internal): Datto RMM's optional Parameters step: which custom
 * field (UDF) holds the Microsoft Entra Device ID. Each field is offered with its label and sample
 * values from the account's devices; the field whose values look like device ids (GUIDs) is
 * suggested, and a pick whose values do not look like device ids is warned about next to the field.
 * It improves correlation and can be set later, so a field list that fails to load does not block.
 */
import { html, nothing } from 'lit';
import { entraFieldVerdict, suggestedEntraField, type RmmCustomField } from '../../../../bff/contracts/entra-field.js';
import { COPY } from '../rmm-wizard.copy.js';
import { RmmStepBase } from './rmm-step-base.js';

/** Internal. @internal */
export class IhRmmParametersStep extends RmmStepBase {
  private option(field: RmmCustomField) {
    return { value: field.name, label: COPY.entraOption(field) };
  }

  /** Why the chosen field may not be the right one ('' when its values look like device ids). */
  private warningFor(field: RmmCustomField | undefined): string {
    if (!field) return '';
    const verdict = entraFieldVerdict(field);
    if (verdict === 'other-values') return COPY.entraNotDeviceIds(field);
    if (verdict === 'no-values') return COPY.entraNoValuesYet(field);
    return '';
  }

  private renderSuggestion(suggested: RmmCustomField | null) {
    if (!suggested || this.context.entraDeviceIdField === suggested.name) return nothing;
    return html`
      <p class="note" part="entra-suggestion">
        <span>${COPY.entraSuggestion(suggested)}</span>
        <button type="button" part="button suggestion-button"
          @click=${() => this.send({ type: 'parameters.entraField', field: suggested.name })}>${COPY.entraUseSuggestion(suggested)}</button>
      </p>`;
  }

  protected override render() {
    const ctx = this.context;
    const load = ctx.customFieldsLoad;
    const chosen = ctx.customFields.find((f) => f.name === ctx.entraDeviceIdField);
    const suggested = suggestedEntraField(ctx.customFields);
    return html`
      <div class="step ih-root" @ih-field-change=${this.onFieldChange} @focusout=${this.onFocusOut}>
        <ih-select-field name="entraDeviceIdField" label=${COPY.entraLabel} hint=${COPY.entraHint} optional allow-empty
          placeholder=${COPY.entraNone} ?loading=${load.status === 'loading'} .value=${ctx.entraDeviceIdField}
          .options=${ctx.customFields.map((f) => this.option(f))} .error=${this.errorFor('entraDeviceIdField')}
          .warning=${this.warningFor(chosen)}></ih-select-field>
        ${load.status === 'loaded' ? this.renderSuggestion(suggested) : nothing}
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
