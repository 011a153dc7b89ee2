/** @module `<ih-text-field>` (internal): a labelled text, password, e-mail or number input. */
import { html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { live } from 'lit/directives/live.js';
import { FieldBase } from './field-base.js';

/**
 * Internal. A text input with its label, hint and error. Fires `ih-field-change` on every keystroke
 * with the text as typed (numbers too: the step converts, so "1." is not lost mid-typing).
 *
 * @internal
 * @fires ih-field-change - {name, value: string}
 * @csspart input - The `<input>`.
 * @csspart error - The error text.
 */
export class IhTextField extends FieldBase<string> {
  @property() value = '';
  @property() type: 'text' | 'password' | 'email' | 'number' | 'url' = 'text';
  @property() autocomplete?: string;
  @property() inputmode?: string;
  @property() min?: string;
  @property() max?: string;
  @property() step?: string;
  @property({ type: Number }) maxlength?: number;

  protected override render() {
    const describedBy = this.describedBy();
    return html`
      <div class="field ih-root">
        ${this.renderLabel('control')}
        <input id="control" part="input" name=${this.name} type=${this.type} .value=${live(this.value ?? '')}
          autocomplete=${ifDefined(this.autocomplete)} inputmode=${ifDefined(this.inputmode)}
          min=${ifDefined(this.min)} max=${ifDefined(this.max)} step=${ifDefined(this.step)} maxlength=${ifDefined(this.maxlength)}
          spellcheck=${this.type === 'password' ? 'false' : nothing}
          ?disabled=${this.disabled} aria-required=${this.required ? 'true' : nothing}
          aria-invalid=${this.error ? 'true' : nothing} aria-describedby=${describedBy || nothing}
          @input=${(e: Event) => this.commit((e.target as HTMLInputElement).value)}>
        ${this.renderFeedback()}
      </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ih-text-field': IhTextField;
  }
}
