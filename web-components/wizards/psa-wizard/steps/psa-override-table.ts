/**
 * @module `<ih-psa-override-table>` (internal): one optional table of issue / sub-issue overrides
 * (by alert type, respond rule or IOC rule, named from the platform's catalog). Each row is a
 * catalog entry with an issue type and, following it, a sub-issue type.
 */
import { LitElement, css, html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import type { PicklistValue } from '../../../../bff/contracts/model.js';
import { space } from '../../../styles/tokens.js';
import { FieldChangeEvent } from '../../shared/fields/field-change-event.js';
import type { FieldErrors } from '../../shared/form-state.js';
import { COPY } from '../psa-wizard.copy.js';
import { stepStyles } from '../psa-wizard.styles.js';
import type { CatalogEntry, IssueOverrideDraft, OverrideTable } from '../psa-wizard.types.js';
import { optionsOf } from '../psa-wizard.values.js';

/**
 * Internal. Emits `ih-field-change` named `ticket.overrides.<table>` with the whole new row list.
 *
 * @internal
 * @fires ih-field-change - {name: 'ticket.overrides.<table>', value: IssueOverrideDraft[]}
 */
export class IhPsaOverrideTable extends LitElement {
  static override styles = [stepStyles, css`
    .cells { display: grid; grid-template-columns: repeat(3, minmax(10rem, 1fr)) auto; gap: ${space(1)}; align-items: end; }
    .cells button { align-self: end; }
  `];

  @property() table: OverrideTable = 'alertTypes';
  @property({ attribute: false }) rows: IssueOverrideDraft[] = [];
  @property({ attribute: false }) catalog: CatalogEntry[] = [];
  @property({ attribute: false }) issueTypes: PicklistValue[] = [];
  @property({ attribute: false }) subIssueTypes: PicklistValue[] = [];
  @property({ attribute: false }) errors: FieldErrors = {};
  /** The vendor's words for the two columns (ConnectWise: Type, Subtype). */
  @property({ attribute: false }) terms: { issueType: string; subIssueType: string } = { issueType: 'Issue Type', subIssueType: 'Sub-Issue Type' };

  private get path(): string {
    return `ticket.overrides.${this.table}`;
  }

  private emit(rows: IssueOverrideDraft[]): void {
    this.dispatchEvent(new FieldChangeEvent(this.path, rows));
  }

  private add(): void {
    const used = new Set(this.rows.map((r) => r.key));
    const next = this.catalog.find((c) => !used.has(c.id)) ?? this.catalog[0];
    if (!next) return;
    this.emit([...this.rows, { key: next.id, keyName: next.name, issueTypeId: null, subIssueTypeId: null }]);
    // Focus the new row's first field, so a keyboard user continues where the row appeared.
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`[data-row="${this.rows.length - 1}"] ih-select-field`)?.focus());
  }

  private change(index: number, patch: Partial<IssueOverrideDraft>): void {
    const rows = this.rows.map((r, i) => {
      if (i !== index) return r;
      const next = { ...r, ...patch };
      if ('issueTypeId' in patch && !this.subIssueTypes.some((s) => s.id === next.subIssueTypeId && s.parentId === next.issueTypeId)) next.subIssueTypeId = null;
      return next;
    });
    this.emit(rows);
  }

  private removeRow(index: number): void {
    this.emit(this.rows.filter((_, i) => i !== index));
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('[part~="add-button"]')?.focus());
  }

  /** A row's field change: handled here (its name is local), never passed up as is. */
  private onRowField(index: number, key: 'key' | 'issueTypeId' | 'subIssueTypeId', e: FieldChangeEvent): void {
    e.stopPropagation();
    const value = e.value as string | null;
    if (key === 'key') this.change(index, { key: value ?? '', keyName: this.catalog.find((c) => c.id === value)?.name ?? '' });
    else this.change(index, { [key]: value });
  }

  protected override render() {
    const copy = COPY.service.tables[this.table];
    const catalogOptions = this.catalog.map((c) => ({ value: c.id, label: c.name }));
    const issueOptions = optionsOf(this.issueTypes);
    return html`
      <fieldset>
        <legend>${copy.title} <span class="note">(optional)</span></legend>
        ${this.rows.length === 0 ? html`<p class="note">${copy.empty}</p>` : nothing}
        ${this.rows.map((row, i) => {
          const err = (field: string) => this.errors[`${this.path}.${i}.${field}`] ?? '';
          const n = i + 1;
          return html`
            <div class="cells" data-row=${i}>
              <ih-select-field label=${copy.key} label-detail=${COPY.service.overrideDetail(copy.row, n)} .options=${catalogOptions} .value=${row.key || null} error=${err('key')} required
                @ih-field-change=${(e: FieldChangeEvent) => this.onRowField(i, 'key', e)}></ih-select-field>
              <ih-select-field label=${this.terms.issueType} label-detail=${COPY.service.overrideDetail(copy.row, n)} .options=${issueOptions} .value=${row.issueTypeId} error=${err('issueTypeId')} required
                @ih-field-change=${(e: FieldChangeEvent) => this.onRowField(i, 'issueTypeId', e)}></ih-select-field>
              <ih-select-field label=${this.terms.subIssueType} label-detail=${COPY.service.overrideDetail(copy.row, n)} optional allow-empty placeholder="None"
                .options=${row.issueTypeId ? optionsOf(this.subIssueTypes, row.issueTypeId) : []} .value=${row.subIssueTypeId} error=${err('subIssueTypeId')}
                @ih-field-change=${(e: FieldChangeEvent) => this.onRowField(i, 'subIssueTypeId', e)}></ih-select-field>
              <button type="button" part="button remove-button" aria-label=${COPY.service.overrideRemove(copy.row, n)} @click=${() => this.removeRow(i)}>${COPY.service.remove}</button>
            </div>`;
        })}
        <p><button type="button" part="button add-button" ?disabled=${this.catalog.length === 0} @click=${this.add}>${COPY.service.addMapping}: ${copy.title.replace(' mappings', '').toLowerCase()}</button></p>
      </fieldset>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ih-psa-override-table': IhPsaOverrideTable;
  }
}
