/**
 * @module `<ih-combobox-field>` (internal): choose one of thousands (a PSA account) by typing part of
 * its name. The ARIA 1.2 combobox pattern: an input with a popup listbox, the active option named
 * by aria-activedescendant, all inside one shadow root so every id reference resolves.
 */
import { css, html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { space, token } from '../../../styles/tokens.js';
import { FieldBase } from './field-base.js';
import { fieldStyles } from './field.styles.js';

export interface ComboboxOption {
  value: string;
  label: string;
  /** A second, muted line (account type, classification). */
  description?: string;
}

/**
 * Internal. Typing filters the options (by any part of the label, case-insensitive); ArrowDown/Up
 * move through them, Enter chooses, Escape closes and restores the chosen label. At most
 * `max-results` options are shown; the list says how many more there are.
 *
 * @internal
 * @fires ih-field-change - {name, value: string | null} when an option is chosen.
 * @csspart input - The text input.
 * @csspart listbox - The popup list.
 * @csspart option - Each option.
 */
export class IhComboboxField extends FieldBase<string | null> {
  static override styles = [fieldStyles, css`
    .wrap { position: relative; max-inline-size: var(--ih-field-max-width, 32rem); }
    .popup[hidden] { display: none; }
    .popup {
      position: absolute; z-index: 10; inset-inline: 0; margin-block-start: ${space(0.25)};
      background: ${token('--ih-color-surface')}; border: 1px solid ${token('--ih-color-border')};
      border-radius: ${token('--ih-radius')}; box-shadow: ${token('--ih-shadow')};
    }
    [role='listbox'] { list-style: none; margin: 0; padding: ${space(0.25)} 0; max-block-size: 16rem; overflow-y: auto; }
    [role='option'] { padding: ${space(0.5)} ${space(1)}; cursor: pointer; }
    [role='option'] small { display: block; color: ${token('--ih-color-text-muted')}; }
    [role='option'][data-active] { background: ${token('--ih-color-surface-muted')}; outline: 2px solid ${token('--ih-color-focus')}; outline-offset: -2px; }
    [role='option'][aria-selected='true'] { font-weight: 600; }
    .more { margin: 0; padding: ${space(0.5)} ${space(1)}; border-block-start: 1px solid ${token('--ih-color-border')}; font-size: 0.9em; color: ${token('--ih-color-text-muted')}; }
    .more:empty { display: none; }
  `];

  @property() value: string | null = null;
  @property({ attribute: false }) options: ReadonlyArray<ComboboxOption> = [];
  @property({ type: Number, attribute: 'max-results' }) maxResults = 50;
  @property() placeholder = 'Type to search';
  @property({ type: Boolean }) loading = false;

  @state() private query = '';
  @state() private open = false;
  @state() private active = -1;
  private editing = false;

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    // Show the chosen option's label unless the person is typing.
    if (!this.editing && (changed.has('value') || changed.has('options'))) this.query = this.labelOf(this.value);
  }

  private labelOf(value: string | null): string {
    return value === null ? '' : this.options.find((o) => o.value === value)?.label ?? '';
  }

  /** The options matching what is typed; everything when the text is the chosen label (just browsing). */
  private matching(): { shown: ComboboxOption[]; total: number } {
    const q = this.query.trim().toLowerCase();
    const all = !q || q === this.labelOf(this.value).toLowerCase() ? this.options : this.options.filter((o) => o.label.toLowerCase().includes(q));
    return { shown: all.slice(0, this.maxResults), total: all.length };
  }

  private choose(option: ComboboxOption): void {
    this.editing = false;
    this.open = false;
    this.active = -1;
    this.query = option.label;
    if (option.value !== this.value) this.commit(option.value);
  }

  private onInput(e: Event): void {
    this.editing = true;
    this.query = (e.target as HTMLInputElement).value;
    this.open = true;
    this.active = this.matching().shown.length ? 0 : -1;
  }

  private onKeydown(e: KeyboardEvent): void {
    const { shown } = this.matching();
    switch (e.key) {
      case 'ArrowDown':
        e.preventDefault();
        if (!this.open) { this.open = true; this.active = Math.max(0, shown.findIndex((o) => o.value === this.value)); return; }
        this.active = Math.min(shown.length - 1, this.active + 1);
        break;
      case 'ArrowUp':
        e.preventDefault();
        if (this.open) this.active = Math.max(0, this.active - 1);
        break;
      case 'Enter':
        if (this.open && shown[this.active]) {
          e.preventDefault();
          this.choose(shown[this.active]!);
        }
        break;
      case 'Escape':
        if (this.open) {
          e.preventDefault();
          e.stopPropagation();
          this.close();
        }
        break;
      default:
        return;
    }
    void this.updateComplete.then(() => this.renderRoot.querySelector('[data-active]')?.scrollIntoView({ block: 'nearest' }));
  }

  private close(): void {
    this.open = false;
    this.active = -1;
    this.editing = false;
    this.query = this.labelOf(this.value);
  }

  private summary(total: number, shown: number): string {
    if (total === 0) return `No match for “${this.query}”.`;
    return total > shown ? `${shown} of ${total.toLocaleString('en')} shown: keep typing to narrow the list.` : `${total} ${total === 1 ? 'match' : 'matches'}.`;
  }

  protected override render() {
    const describedBy = this.describedBy();
    const { shown, total } = this.open ? this.matching() : { shown: [], total: 0 };
    const activeId = this.open && shown[this.active] ? `option-${this.active}` : undefined;
    return html`
      <div class="field ih-root">
        ${this.renderLabel('control')}
        <div class="wrap">
          <input id="control" part="input" name=${this.name} role="combobox" autocomplete="off" .value=${this.query}
            placeholder=${this.loading ? 'Loading…' : this.placeholder} ?disabled=${this.disabled}
            aria-autocomplete="list" aria-expanded=${this.open ? 'true' : 'false'} aria-controls="listbox"
            aria-activedescendant=${activeId ?? nothing} aria-required=${this.required ? 'true' : nothing}
            aria-invalid=${this.error ? 'true' : nothing} aria-describedby=${describedBy || nothing} aria-busy=${this.loading ? 'true' : nothing}
            @input=${this.onInput} @keydown=${this.onKeydown} @blur=${() => this.close()}
            @click=${() => { if (!this.open) { this.open = true; this.active = -1; } }}>
          <div class="popup" ?hidden=${!this.open}>
          <ul id="listbox" role="listbox" part="listbox" aria-label=${this.label}>
            ${repeat(shown, (o) => o.value, (o, i) => html`
              <li id="option-${i}" role="option" part="option" aria-selected=${o.value === this.value ? 'true' : 'false'}
                ?data-active=${i === this.active} @mousedown=${(e: Event) => { e.preventDefault(); this.choose(o); }}>
                ${o.label}${o.description ? html`<small>${o.description}</small>` : nothing}
              </li>`)}
          </ul>
          <p class="more">${this.open ? this.summary(total, shown.length) : ''}</p>
          </div>
          <p class="visually-hidden" role="status">${this.open ? this.summary(total, shown.length) : ''}</p>
        </div>
        ${this.renderFeedback()}
      </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ih-combobox-field': IhComboboxField;
  }
}
