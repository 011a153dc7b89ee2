/** @module `<ih-switch-field>` (internal): an on/off setting as a button with role="switch". */
import { css, html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import { space, token } from '../../../styles/tokens.js';
import { FieldBase } from './field-base.js';
import { fieldStyles } from './field.styles.js';

/**
 * Internal. A switch whose label is its visible text; Space and Enter flip it (it is a button).
 *
 * @internal
 * @fires ih-field-change - {name, value: boolean}
 * @csspart switch - The switch button.
 */
export class IhSwitchField extends FieldBase<boolean> {
  static override styles = [fieldStyles, css`
    .switch { display: inline-flex; align-items: center; gap: ${space(1)}; border-color: transparent; background: transparent; padding-inline: 0; text-align: start; }
    .switch:hover { background: transparent; }
    .track {
      flex: none; position: relative; inline-size: 2.5rem; block-size: 1.4rem; border-radius: 999px;
      background: ${token('--ih-color-text-muted')}; transition: background 120ms;
    }
    .thumb {
      position: absolute; inset-block-start: 0.2rem; inset-inline-start: 0.2rem; inline-size: 1rem; block-size: 1rem;
      border-radius: 50%; background: ${token('--ih-color-surface')}; transition: transform 120ms;
    }
    [aria-checked='true'] .track { background: ${token('--ih-color-accent')}; }
    [aria-checked='true'] .thumb { transform: translateX(1.1rem); }
    .label-text { font-weight: 600; }
  `];

  @property({ type: Boolean }) value = false;

  protected override render() {
    const describedBy = this.describedBy();
    return html`
      <div class="field ih-root">
        <button type="button" role="switch" class="switch" part="switch" aria-checked=${this.value ? 'true' : 'false'}
          ?disabled=${this.disabled} aria-describedby=${describedBy || nothing} @click=${() => this.commit(!this.value)}>
          <span class="track" aria-hidden="true"><span class="thumb"></span></span>
          <span class="label-text">${this.label}</span>
        </button>
        ${this.renderFeedback()}
      </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ih-switch-field': IhSwitchField;
  }
}
