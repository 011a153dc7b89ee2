/**
 * @module The duplicate-connection warning both RMM wizards show (a second connection of the same
 * vendor duplicates data; seeds 002 and 004): the explanation and the explicit confirmation.
 */
import { html, nothing } from 'lit';
import { COPY } from '../rmm-wizard.copy.js';
import type { RmmVendor, RmmWizardEvent } from '../rmm-wizard.types.js';

/**
 * The warning with its checkbox. Label, description and error sit in the caller's shadow root, so
 * `aria-describedby` resolves; `invalid` marks the checkbox for "focus the first invalid field".
 */
export function duplicateWarning(vendor: RmmVendor, confirmed: boolean, error: string, send: (e: RmmWizardEvent) => void) {
  return html`
    <div class="warning" part="duplicate-warning" role="group" aria-labelledby="dup-title">
      <p id="dup-title"><strong>${COPY.duplicateTitle(vendor)}</strong></p>
      <p id="dup-text">${COPY.duplicateText(vendor)}</p>
      <label class="check">
        <input type="checkbox" name="confirmSeparateInstance" .checked=${confirmed} ?invalid=${Boolean(error)}
          aria-invalid=${error ? 'true' : nothing} aria-describedby=${error ? 'dup-text dup-error' : 'dup-text'}
          @change=${(e: Event) => send({ type: 'duplicate.confirm', confirmed: (e.target as HTMLInputElement).checked })}>
        <span>${COPY.duplicateConfirm(vendor)}</span>
      </label>
      ${error ? html`<p id="dup-error" class="check-error">${error}</p>` : nothing}
    </div>`;
}
