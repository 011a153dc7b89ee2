/** @module `<ih-select-field>` (internal): a labelled native select (keyboard type-ahead and arrows for free). */
import { html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { FieldBase } from './field-base.js';

export interface SelectOption {
  value: string;
  label: string;
  disabled?: boolean;
}

/**
 * Internal. A native `<select>` with its label, hint and error. `null` is "nothing chosen" and is
 * offered as the first option with the `placeholder` text. While `loading`, it says so and is busy.
 *
 * @internal
 * @fires ih-field-change - {name, value: string | null}
 * @csspart select - The `<select>`.
 * @csspart error - The error text.
 */
export class IhSelectField extends FieldBase<string | null> {
  @property() value: string | null = null;
  @property({ attribute: false }) options: ReadonlyArray<SelectOption> = [];
  /** Text of the empty choice. */
  @property() placeholder = 'Choose…';
  /** Whether the empty choice stays selectable once a value is chosen (optional fields). */
  @property({ type: Boolean, attribute: 'allow-empty' }) allowEmpty = false;
  @property({ type: Boolean }) loading = false;

  protected override updated(): void {
    // Set after the options exist: a value bound before its <option> renders would be dropped by the browser.
    const select = this.renderRoot.querySelector('select');
    if (select && select.value !== (this.value ?? '')) select.value = this.value ?? '';
  }

  protected override render() {
    const describedBy = this.describedBy();
    const known = this.value === null || this.options.some((o) => o.value === this.value);
    // A narrow column cuts a long choice ("Priya Murphy (priya.murphy@…"): the title shows it whole on hover.
    const chosen = this.options.find((o) => o.value === this.value)?.label;
    return html`
      <div class="field ih-root">
        ${this.renderLabel('control')}
        <select id="control" part="select" name=${this.name} ?disabled=${this.disabled} title=${chosen ?? nothing}
          aria-required=${this.required ? 'true' : nothing} aria-invalid=${this.error ? 'true' : nothing}
          aria-describedby=${describedBy || nothing} aria-busy=${this.loading ? 'true' : nothing}
          @change=${(e: Event) => this.commit((e.target as HTMLSelectElement).value || null)}>
          <option value="" ?disabled=${!this.allowEmpty && this.value !== null}>${this.loading ? 'Loading…' : this.placeholder}</option>
          ${known ? nothing : html`<option value=${this.value!}>${this.value} (no longer offered)</option>`}
          ${repeat(this.options, (o) => o.value, (o) => html`<option value=${o.value} ?disabled=${o.disabled}>${o.label}</option>`)}
        </select>
        ${this.renderFeedback()}
      </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ih-select-field': IhSelectField;
  }
}
