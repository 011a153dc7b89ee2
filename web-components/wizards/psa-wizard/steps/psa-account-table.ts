/**
 * @module `<ih-psa-account-table>` (internal): the mapping table of PSA accounts, smooth with
 * 10,000 of them: filters and search run over the loaded list in memory, and only the rows in view
 * exist in the DOM (@lit-labs/virtualizer). Per row: a selection box, the platform organization,
 * the contact for that account (optional, loaded for it), Ignore, the suggested match with its reason
 * (shared/name-match.ts) and "+ Add to platform", which warns first when a near-identical
 * organization exists. With Attach Contacts on, a mapped account that has no contacts in the PSA is
 * flagged on its row. Selected rows take bulk actions (map to suggestions or new organizations,
 * ignore, clear); "Accept all N suggestions" opens a review before anything is mapped.
 *
 * Keyboard: the table is one Tab stop (a roving row, as in the ARIA grid pattern): arrows, Page
 * Up/Down, Home and End move between rows; Space selects the row, Shift+Space or Shift+arrows select
 * a range; Tab goes through the current row's controls and then on past the table, so 10,000
 * accounts never mean 40,000 Tab presses. Below 38rem of width each row is a card.
 */
import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { guard } from 'lit/directives/guard.js';
import { virtualize } from '@lit-labs/virtualizer/virtualize.js';
import type { AccountMappingRow } from '../../../../bff/contracts/psa-settings.js';
import type { PsaAccount } from '../../../../bff/contracts/model.js';
import { FieldChangeEvent } from '../../shared/fields/field-change-event.js';
import type { FieldErrors } from '../../shared/form-state.js';
import type { OrganizationOption, PsaWizardData } from '../psa-wizard.api.js';
import type { NameIndex, Suggestion } from '../../shared/name-match.js';
import { fixedRows } from '../../shared/fixed-row-layout.js';
import { AfterPaint } from '../../shared/after-paint.js';
import {
  NO_FILTERS, countMappings, currentSuggestions, emptyRow, indexAccounts, nearOrganization, refilterAccounts, rowsByAccount, suggestionCandidates,
  rowErrorsByAccount, withRow, withRowsPatched, type AccountFilters, type RowErrors, type AccountIndex, type FilteredAccounts, type MappingCounts,
} from './account-mapping.model.js';
import { accountTableStyles } from './psa-account-table.styles.js';
import { renderSuggestionReview } from './psa-suggestion-review.js';
import { renderFilters } from './psa-account-filters.js';
import { renderBulkBar, withRange, withSelection, type BulkTarget } from './psa-account-bulk-bar.js';
import { RovingRows } from './roving-rows.js';
import { AccountContacts } from './psa-account-contacts.js';

type AccountSuggestion = Suggestion<PsaAccount, OrganizationOption>;
/** "+ Add to platform" held back: an organization of nearly the same name exists. */
interface TwinWarning { accountId: string; organization: OrganizationOption; reason: string }

/**
 * Rows have one fixed height (styles), so the virtualizer does not measure them; a row showing a
 * message (an error, a warning, the twin warning, a failed contact load) is marked and measured.
 */
const rowLayout = (table: IhPsaAccountTable) => fixedRows({
  grows: (row) => row.classList.contains('grows'),
  // Before any row exists: an empty element of the rows' height (styles), read once.
  firstHeight: () => table.renderRoot.querySelector('.row-probe')?.getBoundingClientRect().height ?? 0,
  overhangRows: 4,
});

/**
 * Internal. Emits `ih-field-change` named `accountMapping.mappings` with the whole new list of rows.
 *
 * @internal
 * @fires ih-field-change - {name: 'accountMapping.mappings', value: AccountMappingRow[]}
 * @csspart table - The table.
 * @csspart row - Each account's row.
 * @csspart suggestion - A row's suggested organization and why.
 * @csspart bulk-bar - The actions for selected rows.
 */
export class IhPsaAccountTable extends LitElement {
  static override styles = accountTableStyles;

  @property({ attribute: false }) accounts: PsaAccount[] = [];
  @property({ attribute: false }) organizations: OrganizationOption[] = [];
  @property({ attribute: false }) mappings: ReadonlyArray<AccountMappingRow> = [];
  /** Visible errors by context path (`accountMapping.mappings.3.organizationId`). */
  @property({ attribute: false }) errors: FieldErrors = {};
  /** Kaseya BMS models parent/child accounts: the Parent/Child filter is offered then. */
  @property({ type: Boolean, attribute: 'parent-child' }) parentChild = false;
  @property({ attribute: false }) data?: PsaWizardData;
  /** Attach Contacts is on: a mapped account without contacts gets a warning on its row (seeds 000/003 prerequisite). */
  @property({ type: Boolean, attribute: 'attach-contacts' }) attachContacts = false;
  /** "+ Add to platform" for one account; the step creates the pending organization and maps it. */
  @property({ attribute: false }) addToPlatform?: (account: PsaAccount) => Promise<void>;

  @state() filters: AccountFilters = NO_FILTERS;
  /** The search box's text waits here until the keystroke's frame is painted (setFilter). */
  private readonly searchLater = new AfterPaint();
  private readonly contacts = new AccountContacts(this);
  @state() private adding = new Set<string>();
  /** Selected account ids (bulk actions), and the row a Shift range starts from. */
  @state() selected: ReadonlySet<string> = new Set();
  private anchor = 0;
  /** The "Accept all" review: the ids still ticked, or null while closed. */
  @state() private reviewChosen: Set<string> | null = null;
  @state() private twin: TwinWarning | null = null;
  @state() private bulkTarget: BulkTarget = 'suggestions';
  /** What the last bulk action did, for the live region ("Mapped 3 accounts"). */
  @state() private bulkNote = '';

  private index: AccountIndex = indexAccounts([]);
  private rows = new Map<string, AccountMappingRow>();
  /** The last filtering: a keystroke that narrows the query starts from its matches. */
  private filtering: FilteredAccounts | null = null;
  private filtered: PsaAccount[] = [];
  /** Derived when the list, mappings, organizations or errors change, not on every keystroke. */
  private counts: MappingCounts = countMappings([], new Map());
  private orgNames = new Map<string, string>();
  private errorsByAccount = new Map<string, RowErrors>();
  private readonly rowLayout = rowLayout(this);
  /** The one Tab stop over the rendered rows, and the keys that move between rows. */
  private readonly roving = new RovingRows(this, {
    count: () => this.filtered.length,
    selectRow: (index, range) => this.selectRow(index, range),
    extendSelection: (from, to) => {
      if (!this.selected.has(this.filtered[from]!.id)) this.selectRow(from, false);
      this.select([this.filtered[to]!.id], true);
    },
  });
  private matching = suggestionCandidates([], []);
  private suggestions = new Map<string, AccountSuggestion>();

  /** The accounts shown after filtering (tests and the benchmark read it). */
  get visibleAccounts(): PsaAccount[] {
    return this.filtered;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('accounts')) this.index = indexAccounts(this.accounts);
    if (changed.has('mappings')) this.rows = rowsByAccount(this.mappings);
    if (changed.has('accounts') || changed.has('mappings') || changed.has('filters')) {
      this.filtering = refilterAccounts(this.filtering, this.index, this.filters, this.rows);
      this.filtered = this.filtering.accounts;
    }
    if (changed.has('accounts') || changed.has('mappings')) this.counts = countMappings(this.accounts, this.rows);
    if (changed.has('organizations')) this.orgNames = new Map(this.organizations.map((o) => [o.id, o.name]));
    if (changed.has('errors') || changed.has('mappings')) this.errorsByAccount = rowErrorsByAccount(this.errors, this.mappings);
    this.roving.resetIfOutside(changed.has('filters'));
    // Scoring names is the slow part: once per list; choosing among the candidates follows every mapping change.
    if (changed.has('accounts') || changed.has('organizations')) this.matching = suggestionCandidates(this.accounts, this.organizations);
    if (changed.has('accounts') || changed.has('mappings') || changed.has('organizations')) this.suggestions = currentSuggestions(this.matching.candidates, this.rows);
    if (changed.has('accounts')) this.selected = new Set();
  }

  /** The organizations' name index (the step's "+ Add to platform" checks it too). */
  get organizationNames(): NameIndex<OrganizationOption> {
    return this.matching.organizations;
  }

  /**
   * A keystroke in the search box only schedules the filtering: the box paints its character first,
   * and the rows and the count follow in a task after that paint (a quicker key replaces the waiting
   * one, so a burst of keys filters once, by the last text). Another filter applies at once, with
   * any text still waiting.
   */
  private setFilter<K extends keyof AccountFilters>(key: K, value: AccountFilters[K]): void {
    if (key === 'search') {
      this.searchLater.schedule(() => { this.filters = { ...this.filters, search: value as string }; });
      return;
    }
    this.searchLater.flush();
    this.filters = { ...this.filters, [key]: value };
  }

  /** Complete once the text typed last is filtered and rendered too (tests and focus moves await it). */
  protected override async getUpdateComplete(): Promise<boolean> {
    let done = await super.getUpdateComplete();
    while (this.searchLater.pending) {
      await this.searchLater.whenRun();
      done = await super.getUpdateComplete();
    }
    return done;
  }

  private emit(mappings: AccountMappingRow[]): void {
    this.dispatchEvent(new FieldChangeEvent('accountMapping.mappings', mappings));
  }

  private update1(account: PsaAccount, patch: Partial<AccountMappingRow>): void {
    const current = this.rows.get(account.id) ?? emptyRow(account);
    this.emit(withRow(this.mappings, { ...current, ...patch }));
  }

  private mapTo(account: PsaAccount, organizationId: string | null): void {
    const current = this.rows.get(account.id);
    // A contact belongs to the account's mapping: unmapping drops it.
    this.update1(account, organizationId ? { organizationId } : { organizationId: null, contactId: null, contactName: null });
    if (organizationId && current?.organizationId !== organizationId) this.contacts.load(account.id);
  }

  private openReview(): void {
    this.reviewChosen = new Set(this.suggestions.keys());
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('#review-title')?.focus());
  }

  private closeReview(): void {
    this.reviewChosen = null;
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('[part~="accept-all-button"]')?.focus());
  }

  private acceptReviewed(): void {
    const chosen = [...this.suggestions.values()].filter((s) => this.reviewChosen?.has(s.account.id));
    this.acceptSuggestions(chosen);
    this.bulkNote = `Mapped ${chosen.length} ${chosen.length === 1 ? 'account' : 'accounts'} to the suggested organizations.`;
    this.closeReview();
  }

  private acceptSuggestions(chosen: AccountSuggestion[]): void {
    const orgOf = new Map(chosen.map((s) => [s.account.id, s.organization.id]));
    this.emit(withRowsPatched(this.mappings, chosen.map((s) => s.account), (row) => ({ ...row, organizationId: orgOf.get(row.psaAccountId)!, ignored: false })));
    for (const s of chosen) this.contacts.load(s.account.id);
  }

  private get selectedAccounts(): PsaAccount[] {
    return this.index.accounts.filter((a) => this.selected.has(a.id));
  }

  private select(ids: Iterable<string>, on: boolean): void {
    this.selected = withSelection(this.selected, ids, on);
  }

  /** Space toggles the row (and makes it the anchor); Shift+Space selects the range from the anchor. */
  private selectRow(index: number, range: boolean): void {
    const account = this.filtered[index];
    if (!account) return;
    if (range) {
      this.selected = withRange(this.selected, this.filtered, this.anchor, index);
      return;
    }
    this.select([account.id], !this.selected.has(account.id));
    this.anchor = index;
  }

  private applyBulkMap(): void {
    const accounts = this.selectedAccounts;
    if (this.bulkTarget === 'suggestions') {
      const chosen = accounts.map((a) => this.suggestions.get(a.id)).filter((s): s is AccountSuggestion => Boolean(s));
      this.acceptSuggestions(chosen);
      const left = accounts.length - chosen.length;
      this.bulkNote = `Mapped ${chosen.length} of ${accounts.length} selected to the suggested organizations${left ? `; ${left} had no suggestion` : ''}.`;
      return;
    }
    void this.addSelectedToPlatform(accounts);
  }

  /** One new organization per selected account that is free, none where a near-identical organization exists. */
  private async addSelectedToPlatform(accounts: PsaAccount[]): Promise<void> {
    const free = accounts.filter((a) => !this.rows.get(a.id)?.organizationId && !this.rows.get(a.id)?.ignored);
    const twins = free.filter((a) => nearOrganization(this.matching.organizations, a.name));
    let added = 0;
    for (const account of free.filter((a) => !twins.includes(a))) {
      await this.add(account);
      added++;
    }
    this.bulkNote = `Added ${added} ${added === 1 ? 'organization' : 'organizations'} to the platform${twins.length ? `; skipped ${twins.map((a) => a.name).join(', ')}: an organization of nearly the same name exists` : ''}.`;
  }

  private bulkPatch(patch: Partial<AccountMappingRow>, note: string): void {
    const accounts = this.selectedAccounts;
    this.emit(withRowsPatched(this.mappings, accounts, (row) => ({ ...row, ...patch })));
    this.bulkNote = note.replace('N', `${accounts.length} ${accounts.length === 1 ? 'account' : 'accounts'}`);
  }

  /** "+ Add to platform" on a row: held back with a warning when an organization of nearly the same name exists. */
  private requestAdd(account: PsaAccount): void {
    const near = nearOrganization(this.matching.organizations, account.name);
    if (near && this.twin?.accountId !== account.id) {
      this.twin = { accountId: account.id, organization: near.organization, reason: near.reason };
      void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`#twin-${CSS.escape(account.id)} button`)?.focus());
      return;
    }
    this.twin = null;
    void this.add(account);
  }

  private async add(account: PsaAccount): Promise<void> {
    if (!this.addToPlatform || this.adding.has(account.id)) return;
    this.adding = new Set(this.adding).add(account.id);
    try {
      await this.addToPlatform(account);
      this.contacts.load(account.id);
    } finally {
      const next = new Set(this.adding);
      next.delete(account.id);
      this.adding = next;
    }
  }

  protected override render() {
    const shownSelected = this.selected.size >= this.filtered.length && this.filtered.length > 0 && this.filtered.every((a) => this.selected.has(a.id));
    return html`
      ${renderFilters({ facets: this.index.facets, filters: this.filters, parentChild: this.parentChild, set: (key, value) => this.setFilter(key, value) })}
      <div class="bar">
        <span class="count" role="status">Showing ${this.filtered.length.toLocaleString('en')} of ${this.accounts.length.toLocaleString('en')} PSA accounts · ${this.counts.mapped.toLocaleString('en')} mapped</span>
        ${this.suggestions.size && !this.reviewChosen ? html`<button type="button" part="accept-all-button" @click=${this.openReview}>Accept all ${this.suggestions.size} ${this.suggestions.size === 1 ? 'suggestion' : 'suggestions'}</button>` : nothing}
      </div>
      ${this.reviewChosen ? renderSuggestionReview({
        suggestions: [...this.suggestions.values()], chosen: this.reviewChosen,
        toggle: (id, on) => { const next = new Set(this.reviewChosen); if (on) next.add(id); else next.delete(id); this.reviewChosen = next; },
        accept: () => this.acceptReviewed(), cancel: () => this.closeReview(),
      }) : nothing}
      ${renderBulkBar({
        count: this.selected.size, note: this.bulkNote, target: this.bulkTarget, setTarget: (t) => { this.bulkTarget = t; }, map: () => this.applyBulkMap(),
        ignore: () => this.bulkPatch({ ignored: true, organizationId: null, contactId: null, contactName: null }, 'Ignored N.'),
        clear: () => this.bulkPatch({ ignored: false, organizationId: null, contactId: null, contactName: null }, 'Cleared the mapping of N.'),
        deselect: () => { this.selected = new Set(); },
      })}
      <p class="count" id="keys">Arrow keys move between accounts, Space selects one, Shift selects a range; Tab goes through the current account’s controls.</p>
      <div class="table" part="table" role="table" aria-label="Mapping PSA accounts to organizations" aria-rowcount=${this.filtered.length + 1}>
        <div role="rowgroup" class="head-group">
          <div class="row head" role="row" aria-rowindex="1">
            <span role="columnheader" class="pick"><input type="checkbox" aria-label="Select all ${this.filtered.length} shown accounts" .checked=${shownSelected}
              @change=${(e: Event) => this.select(this.filtered.map((a) => a.id), (e.target as HTMLInputElement).checked)}></span>
            <span role="columnheader">PSA account</span><span role="columnheader">Platform organization</span>
            <span role="columnheader">Contact (optional)</span><span role="columnheader">Ignore</span>
          </div>
        </div>
        <div class="row-probe" aria-hidden="true"></div>
        <!-- The body is the Tab stop only while the active row is not rendered (the virtualizer renders rows near the view only). -->
        <div class="viewport" role="rowgroup" tabindex=${this.roving.bodyTabIndex} aria-label="PSA accounts" aria-describedby="keys"
          @focus=${this.roving.onBodyFocus} @rangeChanged=${this.roving.onRangeChanged}>
          ${virtualize({ items: this.filtered, scroller: true, layout: this.rowLayout,
            // Keyed by position: when the filter changes, the rows in view keep their elements and only their values change
            // (every part of a row follows the account it shows now), instead of ~20 rows built anew per keystroke.
            keyFunction: (_a: PsaAccount | undefined, i: number) => i,
            // The directive renders its previous range once more after the list shrank (virtualizer 2.1.1), so items can be missing.
            renderItem: (a: PsaAccount | undefined, i: number) => (a ? this.renderRow(a, i, this.errorsByAccount.get(a.id) ?? {}) : html``) })}
        </div>
      </div>`;
  }

  private renderRow(account: PsaAccount, i: number, errors: RowErrors) {
    const row = this.rows.get(account.id);
    const suggestion = this.suggestions.get(account.id);
    const mapped = Boolean(row?.organizationId);
    const ignored = Boolean(row?.ignored);
    const selected = this.selected.has(account.id);
    const details = [account.type, account.classification, account.marketSegment, account.parentId ? 'child account' : null].filter(Boolean).join(' · ');
    const orgError = errors.organizationId;
    const tab = this.roving.tabIndexOf(i);
    const twin = this.twin?.accountId === account.id ? this.twin : null;
    const orgLabel = this.orgNames.get(row?.organizationId ?? '');
    const contacts = mapped ? this.contacts.get(account.id) : undefined;
    // A message makes the row taller than the fixed height: the layout measures such rows.
    const grows = Boolean(orgError || errors.contactId || twin || contacts === 'error' || (this.attachContacts && Array.isArray(contacts) && contacts.length === 0));
    return html`
      <div class="row ${ignored ? 'ignored' : ''} ${selected ? 'selected' : ''} ${grows ? 'grows' : ''}" role="row" part="row" aria-rowindex=${i + 2} data-account-id=${account.id} data-index=${i}
        tabindex=${tab} @keydown=${(e: KeyboardEvent) => this.roving.onRowKeydown(e, i)} @focusin=${() => this.roving.onRowFocusin(i)}>
        <div class="cell pick" role="cell">
          <input type="checkbox" tabindex=${tab} aria-label="Select ${account.name}" .checked=${selected}
            @click=${(e: MouseEvent) => { e.preventDefault(); this.selectRow(i, e.shiftKey); }}>
        </div>
        <div class="cell" role="cell"><span class="name" title=${account.name}>${account.name}</span>${details ? html`<small class="details" title=${details}>${details}</small>` : nothing}</div>
        <div class="cell" role="cell">
          <span class="card-label" aria-hidden="true">Platform organization</span>
          <div class="org-line">
            <select tabindex=${tab} aria-label="Platform organization for ${account.name}" title=${orgLabel ?? 'Not mapped (catch-all)'} ?disabled=${ignored} ?invalid=${Boolean(orgError)}
              aria-invalid=${orgError ? 'true' : nothing} aria-describedby=${orgError ? `org-error-${account.id}` : nothing}
              @change=${(e: Event) => this.mapTo(account, (e.target as HTMLSelectElement).value || null)}>
              <option value="" .selected=${!mapped}>Not mapped (catch-all)</option>
              ${guard([this.organizations, row?.organizationId], () => this.organizations.map((o) => html`<option value=${o.id} .selected=${row?.organizationId === o.id}>${o.name}${o.status === 'pending' ? ' (pending)' : ''}</option>`))}
            </select>
            ${suggestion ? html`<button type="button" tabindex=${tab} aria-label="Accept “${suggestion.organization.name}” for ${account.name}: ${suggestion.reason}"
              @click=${() => this.mapTo(account, suggestion.organization.id)}>Accept</button>` : nothing}
            ${!mapped && !ignored && !suggestion ? html`<button type="button" tabindex=${tab} aria-label="Add to platform: ${account.name}" aria-disabled=${this.adding.has(account.id) ? 'true' : 'false'}
              @click=${() => this.requestAdd(account)}><span aria-hidden="true">+ </span>Add to platform</button>` : nothing}
          </div>
          ${orgError ? html`<p class="error" id="org-error-${account.id}">${orgError}</p>` : nothing}
          ${suggestion ? html`<small class="suggestion" part="suggestion" title="Suggested “${suggestion.organization.name}”: ${suggestion.reason}">Suggested “${suggestion.organization.name}”: ${suggestion.reason}</small>` : nothing}
          ${twin ? html`
            <div class="warning twin" part="twin-warning" id="twin-${account.id}" role="alert">
              <span>“${twin.organization.name}” is already on the platform (${twin.reason}).</span>
              <button type="button" tabindex=${tab} @click=${() => { this.twin = null; this.mapTo(account, twin.organization.id); }}>Map to “${twin.organization.name}”</button>
              <button type="button" tabindex=${tab} @click=${() => this.requestAdd(account)}>Add anyway</button>
            </div>` : nothing}
        </div>
        <div class="cell ${mapped ? '' : 'no-contact'}" role="cell"><span class="card-label" aria-hidden="true">Contact</span>${mapped ? this.contacts.render({
          account, row: row!, error: errors.contactId, tab, attachContacts: this.attachContacts, choose: (contactId, contactName) => this.update1(account, { contactId, contactName }),
        }) : html`<small>—</small>`}</div>
        <div class="cell center" role="cell">
          <label class="ignore"><input type="checkbox" tabindex=${tab} aria-label="Ignore ${account.name}" .checked=${ignored}
            @change=${(e: Event) => this.update1(account, (e.target as HTMLInputElement).checked ? { ignored: true, organizationId: null, contactId: null, contactName: null } : { ignored: false })}><span class="card-label" aria-hidden="true">Ignore</span></label>
        </div>
      </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ih-psa-account-table': IhPsaAccountTable;
  }
}
