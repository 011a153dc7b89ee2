/**
 * @module The base of every wizard field: label, hint and error live in the field's own shadow
 * root with its control, because ARIA id references cannot cross shadow roots (PEERS §4, [WC3]).
 * `aria-invalid` and the error text appear only while the caller shows an error (validate always,
 * show late: the machine decides what is visible, the field only displays it).
 */
import { LitElement, html, nothing, type CSSResultGroup, type PropertyValues, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { FieldChangeEvent } from './field-change-event.js';
import { fieldStyles } from './field.styles.js';

export abstract class FieldBase<V> extends LitElement {
  static override styles: CSSResultGroup = fieldStyles;
  static override shadowRootOptions: ShadowRootInit = { ...LitElement.shadowRootOptions, delegatesFocus: true };

  /** The field's path in the step's values, echoed in `ih-field-change` (e.g. `note.titleTemplate`). */
  @property({ reflect: true }) name = '';
  /** The visible label, in the seeds' words. */
  @property() label = '';
  /** Help text under the control, linked with aria-describedby. */
  @property() hint = '';
  /** The error to show now ('' shows none). The caller passes only errors that should be visible. */
  @property() error = '';
  /** A caution that does not block ('' shows none): shown under the control, announced, and linked like the hint. */
  @property() warning = '';
  /** Marks the control required for assistive technology. */
  @property({ type: Boolean }) required = false;
  /** Adds "(optional)" to the label. */
  @property({ type: Boolean }) optional = false;
  /**
   * Said after the label to assistive technology only, so repeated fields get distinct names while the
   * visible label reads naturally (an override row: "Alert type" shown, "Alert type, alert type override 1" announced).
   */
  @property({ attribute: 'label-detail' }) labelDetail = '';
  /** Keeps the label for assistive technology only (table cells, where the column header says it). */
  @property({ type: Boolean, attribute: 'hide-label' }) hideLabel = false;
  @property({ type: Boolean }) disabled = false;
  /** Reflected while an error is shown, so a step can find the first invalid field (`[invalid]`). */
  @property({ type: Boolean, reflect: true }) invalid = false;

  abstract value: V;

  protected override willUpdate(_changed: PropertyValues<this>): void {
    this.invalid = Boolean(this.error);
  }

  /** Sets the value as the person did and tells the step. */
  protected commit(value: V): void {
    this.value = value;
    this.dispatchEvent(new FieldChangeEvent(this.name, value));
  }

  protected renderLabel(forId: string): TemplateResult {
    return html`<label for=${forId} class=${this.hideLabel ? 'visually-hidden' : ''}>${this.label}${this.labelDetail ? html`<span class="visually-hidden">${this.labelDetail}</span>` : nothing}${this.optional ? html` <span class="optional">(optional)</span>` : nothing}</label>`;
  }

  /** The ids the control's aria-describedby should name ('' when none). */
  protected describedBy(): string {
    return [this.hint ? 'hint' : '', this.warning ? 'warning' : '', this.error ? 'error' : ''].filter(Boolean).join(' ');
  }

  protected renderFeedback(): TemplateResult {
    return html`
      ${this.hint ? html`<p id="hint" class="hint">${this.hint}</p>` : nothing}
      <div role="status" class="warning-region">${this.warning ? html`<p id="warning" class="warning" part="warning">${this.warning}</p>` : nothing}</div>
      ${this.error ? html`<p id="error" class="error" part="error">${this.error}</p>` : nothing}`;
  }
}
