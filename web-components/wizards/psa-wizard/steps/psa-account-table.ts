/**
 * @module `<ih-psa-account-table>` (internal): the mapping table of PSA accounts, smooth with
 * 10,000 of them: filters and search run over the loaded list in memory, and only the rows in view
 * exist in the DOM (@lit-labs/virtualizer). Per row: the platform organization, the contact for that
 * account (optional, loaded for it), Ignore, the exact-name suggestion and "+ Add to platform".
 * With Attach Contacts on, a mapped account that has no contacts in the PSA is flagged on its row.
 *
 * Keyboard: the table is one Tab stop (a roving row, as in the ARIA grid pattern): arrows, Page
 * Up/Down, Home and End move between rows; Tab goes through the current row's controls and then on
 * past the table, so 10,000 accounts never mean 40,000 Tab presses.
 */
import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { virtualize, virtualizerRef, type VirtualizerHostElement } from '@lit-labs/virtualizer/virtualize.js';
import type { AccountMappingRow } from '../../../../bff/contracts/psa-settings.js';
import type { PsaAccount, PsaContact } from '../../../../bff/vendors/model.js';
import { FieldChangeEvent } from '../../shared/fields/field-change-event.js';
import type { FieldErrors } from '../../shared/form-state.js';
import type { OrganizationOption, PsaWizardData } from '../psa-wizard.api.js';
import { COPY } from '../psa-wizard.copy.js';
import {
  NO_FILTERS, emptyRow, exactSuggestions, filterAccounts, indexAccounts, rowsByAccount, withRow,
  type AccountFilters, type AccountIndex,
} from './account-mapping.model.js';
import { accountTableStyles } from './psa-account-table.styles.js';

type ContactsState = PsaContact[] | 'loading' | 'error';

/**
 * Internal. Emits `ih-field-change` named `accountMapping.mappings` with the whole new list of rows.
 *
 * @internal
 * @fires ih-field-change - {name: 'accountMapping.mappings', value: AccountMappingRow[]}
 * @csspart table - The table.
 * @csspart row - Each account's row.
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
  @state() private contacts = new Map<string, ContactsState>();
  @state() private adding = new Set<string>();
  /** The row that holds the table's Tab stop (index into the filtered list). */
  @state() private activeIndex = 0;
  /** Whether the active row is rendered now (the virtualizer renders only rows near the view). */
  @state() private activeRendered = false;

  private index: AccountIndex = indexAccounts([]);
  private rows = new Map<string, AccountMappingRow>();
  private filtered: PsaAccount[] = [];
  private suggestions = new Map<string, OrganizationOption>();

  /** The accounts shown after filtering (tests and the benchmark read it). */
  get visibleAccounts(): PsaAccount[] {
    return this.filtered;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('accounts')) this.index = indexAccounts(this.accounts);
    if (changed.has('mappings')) this.rows = rowsByAccount(this.mappings);
    if (changed.has('accounts') || changed.has('mappings') || changed.has('filters')) this.filtered = filterAccounts(this.index, this.filters, this.rows);
    if (changed.has('filters') || this.activeIndex >= this.filtered.length) this.activeIndex = 0;
    if (changed.has('accounts') || changed.has('mappings') || changed.has('organizations')) this.suggestions = exactSuggestions(this.accounts, this.organizations, this.rows);
  }

  private setFilter<K extends keyof AccountFilters>(key: K, value: AccountFilters[K]): void {
    this.filters = { ...this.filters, [key]: value };
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
    if (organizationId && current?.organizationId !== organizationId) this.loadContacts(account.id);
  }

  private acceptAll(): void {
    let next = [...this.mappings];
    for (const [accountId, org] of this.suggestions) {
      const account = this.index.accounts.find((a) => a.id === accountId)!;
      next = withRow(next, { ...(this.rows.get(accountId) ?? emptyRow(account)), organizationId: org.id });
    }
    this.emit(next);
  }

  private loadContacts(accountId: string): void {
    if (!this.data || this.contacts.has(accountId)) return;
    this.contacts = new Map(this.contacts).set(accountId, 'loading');
    this.data.contacts(accountId).then(
      (list) => { this.contacts = new Map(this.contacts).set(accountId, list); },
      () => { this.contacts = new Map(this.contacts).set(accountId, 'error'); },
    );
  }

  /** Retry for one row: asks again for that account's contacts only (failed loads are not cached) and keeps focus in the row. */
  private async retryContacts(accountId: string): Promise<void> {
    const next = new Map(this.contacts);
    next.delete(accountId);
    this.contacts = next;
    this.loadContacts(accountId);
    await this.updateComplete;
    // The Retry button is gone while loading: focus the contact choice it belonged to, not the page.
    this.renderRoot.querySelector<HTMLElement>(`[data-account-id="${CSS.escape(accountId)}"] select[data-contacts]`)?.focus();
  }

  private async add(account: PsaAccount): Promise<void> {
    if (!this.addToPlatform || this.adding.has(account.id)) return;
    this.adding = new Set(this.adding).add(account.id);
    try {
      await this.addToPlatform(account);
      this.loadContacts(account.id);
    } finally {
      const next = new Set(this.adding);
      next.delete(account.id);
      this.adding = next;
    }
  }

  private get viewport(): (HTMLElement & VirtualizerHostElement) | null {
    return this.renderRoot.querySelector('.viewport');
  }

  private rowElement(index: number): HTMLElement | null {
    return this.renderRoot.querySelector(`[role="row"][data-index="${index}"]`);
  }

  protected override updated(): void {
    this.syncTabStop();
  }

  /** The body is the Tab stop while the active row is not rendered (scrolled away, or the table is off screen). */
  private syncTabStop = (): void => {
    const rendered = Boolean(this.rowElement(this.activeIndex));
    if (rendered !== this.activeRendered) this.activeRendered = rendered;
  };

  /** Makes `index` the active row, scrolls it into view and focuses it once rendered. */
  private async moveTo(index: number): Promise<void> {
    const last = this.filtered.length - 1;
    if (last < 0) return;
    this.activeIndex = Math.max(0, Math.min(last, index));
    try {
      this.viewport?.[virtualizerRef]?.element(this.activeIndex)?.scrollIntoView({ block: 'nearest' });
    } catch {
      // Not laid out yet (the table was off screen): bring the body into view; rows follow.
      this.viewport?.scrollIntoView({ block: 'nearest' });
    }
    for (let i = 0; i < 20; i++) {
      await this.updateComplete;
      const row = this.rowElement(this.activeIndex);
      if (row) return row.focus();
      await new Promise((resolve) => requestAnimationFrame(resolve));
    }
  }

  private onRowKeydown(e: KeyboardEvent, index: number): void {
    if (e.target !== e.currentTarget) return; // keys inside a select or button are theirs
    const page = 8;
    const to = { ArrowDown: index + 1, ArrowUp: index - 1, PageDown: index + page, PageUp: index - page, Home: 0, End: this.filtered.length - 1 }[e.key];
    if (to === undefined) return;
    e.preventDefault();
    void this.moveTo(to);
  }

  /** Focus anywhere in a row makes it the active row (so Tab continues through its controls). */
  private onRowFocusin(index: number): void {
    if (this.activeIndex !== index) this.activeIndex = index;
  }

  private onViewportFocus(e: FocusEvent): void {
    if (e.target === e.currentTarget) void this.moveTo(this.activeIndex);
  }

  /** Errors of each account's row, from the row index the mapping list has. */
  private rowErrors(): Map<string, { organizationId?: string; contactId?: string }> {
    const out = new Map<string, { organizationId?: string; contactId?: string }>();
    for (const [path, message] of Object.entries(this.errors)) {
      const m = /^accountMapping\.mappings\.(\d+)\.(organizationId|contactId|ignored)$/.exec(path);
      const row = m ? this.mappings[Number(m[1])] : undefined;
      if (!row) continue;
      const key = m![2] === 'contactId' ? 'contactId' : 'organizationId';
      out.set(row.psaAccountId, { ...out.get(row.psaAccountId), [key]: message });
    }
    return out;
  }

  protected override render() {
    const facets = this.index.facets;
    const select = (label: string, key: 'type' | 'classification' | 'marketSegment', values: string[]) => html`
      <label>${label}
        <select @change=${(e: Event) => this.setFilter(key, (e.target as HTMLSelectElement).value)}>
          <option value="" ?selected=${!this.filters[key]}>All</option>
          ${values.map((v) => html`<option ?selected=${this.filters[key] === v}>${v}</option>`)}
        </select>
      </label>`;
    const errors = this.rowErrors();
    const orgNames = new Map(this.organizations.map((o) => [o.id, o.name]));
    return html`
      <div class="filters" role="search" aria-label="Filter PSA accounts">
        <label>Search PSA accounts
          <input type="search" .value=${this.filters.search} @input=${(e: Event) => this.setFilter('search', (e.target as HTMLInputElement).value)}>
        </label>
        ${select('Account type', 'type', facets.types)}
        ${select('Classification', 'classification', facets.classifications)}
        ${select('Market segment', 'marketSegment', facets.marketSegments)}
        ${this.parentChild ? html`
          <label>Parent/Child
            <select @change=${(e: Event) => this.setFilter('relation', (e.target as HTMLSelectElement).value as AccountFilters['relation'])}>
              <option value="all">All</option><option value="parent">Parent accounts</option><option value="child">Child accounts</option>
            </select>
          </label>` : nothing}
        <label>Show
          <select @change=${(e: Event) => this.setFilter('view', (e.target as HTMLSelectElement).value as AccountFilters['view'])}>
            <option value="all">All accounts</option><option value="mapped">Mapped</option><option value="unmapped">Not mapped</option><option value="ignored">Ignored</option>
          </select>
        </label>
      </div>
      <div class="bar">
        <span class="count" role="status">Showing ${this.filtered.length.toLocaleString('en')} of ${this.accounts.length.toLocaleString('en')} PSA accounts · ${this.mappings.filter((m) => m.organizationId).length.toLocaleString('en')} mapped</span>
        ${this.suggestions.size ? html`<button type="button" part="accept-all-button" @click=${this.acceptAll}>Accept all ${this.suggestions.size} exact matches</button>` : nothing}
      </div>
      <p class="count" id="keys">Arrow keys move between accounts; Tab goes through the current account’s controls.</p>
      <div class="table" part="table" role="table" aria-label="Mapping PSA accounts to organizations" aria-rowcount=${this.filtered.length + 1}>
        <div role="rowgroup">
          <div class="row head" role="row" aria-rowindex="1">
            <span role="columnheader">PSA account</span><span role="columnheader">Platform organization</span>
            <span role="columnheader">Contact (optional)</span><span role="columnheader">Ignore</span>
          </div>
        </div>
        <!-- The body is the Tab stop only while the active row is not rendered (the virtualizer renders rows near the view only). -->
        <div class="viewport" role="rowgroup" tabindex=${this.activeRendered ? '-1' : '0'} aria-label="PSA accounts" aria-describedby="keys"
          @focus=${this.onViewportFocus} @rangeChanged=${this.syncTabStop}>
          ${virtualize({ items: this.filtered, scroller: true,
            // The directive renders its previous range once more after the list shrank (virtualizer 2.1.1), so items can be missing.
            keyFunction: (a: PsaAccount | undefined, i: number) => a?.id ?? `gone-${i}`,
            renderItem: (a: PsaAccount | undefined, i: number) => (a ? this.renderRow(a, i, errors.get(a.id) ?? {}, orgNames) : html``) })}
        </div>
      </div>`;
  }

  private renderRow(account: PsaAccount, i: number, errors: { organizationId?: string; contactId?: string }, orgNames: Map<string, string>) {
    const row = this.rows.get(account.id);
    const suggestion = this.suggestions.get(account.id);
    const mapped = Boolean(row?.organizationId);
    const ignored = Boolean(row?.ignored);
    const details = [account.type, account.classification, account.marketSegment, account.parentId ? 'child account' : null].filter(Boolean).join(' · ');
    const orgError = errors.organizationId;
    const tab = i === this.activeIndex ? '0' : '-1';
    return html`
      <div class="row ${ignored ? 'ignored' : ''}" role="row" part="row" aria-rowindex=${i + 2} data-account-id=${account.id} data-index=${i}
        tabindex=${tab} @keydown=${(e: KeyboardEvent) => this.onRowKeydown(e, i)} @focusin=${() => this.onRowFocusin(i)}>
        <div class="cell" role="cell"><span class="name">${account.name}</span>${details ? html`<small>${details}</small>` : nothing}</div>
        <div class="cell" role="cell">
          <select tabindex=${tab} aria-label="Platform organization for ${account.name}" ?disabled=${ignored} ?invalid=${Boolean(orgError)}
            aria-invalid=${orgError ? 'true' : nothing} aria-describedby=${orgError ? `org-error-${account.id}` : nothing}
            @change=${(e: Event) => this.mapTo(account, (e.target as HTMLSelectElement).value || null)}>
            <option value="" ?selected=${!mapped}>Not mapped (catch-all)</option>
            ${this.organizations.map((o) => html`<option value=${o.id} ?selected=${row?.organizationId === o.id}>${o.name}${o.status === 'pending' ? ' (pending)' : ''}</option>`)}
          </select>
          ${orgError ? html`<p class="error" id="org-error-${account.id}">${orgError}</p>` : nothing}
          ${suggestion ? html`<button type="button" tabindex=${tab} aria-label="Accept “${suggestion.name}” for ${account.name}" @click=${() => this.mapTo(account, suggestion.id)}>Accept “${suggestion.name}”</button>` : nothing}
          ${!mapped && !ignored ? html`<button type="button" tabindex=${tab} aria-label="Add to platform: ${account.name}" aria-disabled=${this.adding.has(account.id) ? 'true' : 'false'}
            @click=${() => void this.add(account)}><span aria-hidden="true">+ </span>Add to platform</button>` : nothing}
        </div>
        <div class="cell" role="cell">${mapped ? this.renderContact(account, row!, errors.contactId, tab) : html`<small>${row?.organizationId ? orgNames.get(row.organizationId) : '—'}</small>`}</div>
        <div class="cell center" role="cell">
          <input type="checkbox" tabindex=${tab} aria-label="Ignore ${account.name}" .checked=${ignored}
            @change=${(e: Event) => this.update1(account, (e.target as HTMLInputElement).checked ? { ignored: true, organizationId: null, contactId: null, contactName: null } : { ignored: false })}>
        </div>
      </div>`;
  }

  private renderContact(account: PsaAccount, row: AccountMappingRow, error: string | undefined, tab: string) {
    const state = this.contacts.get(account.id);
    // Loaded lazily for rows in view; started after this render, not during it.
    if (state === undefined) queueMicrotask(() => this.loadContacts(account.id));
    const list = Array.isArray(state) ? state : [];
    // Seeds 000/003: each PSA account used for ticketing needs a contact while Attach Contacts is on. A warning, not a
    // refusal: the admin may add the contact in the PSA afterwards.
    const noContacts = this.attachContacts && Array.isArray(state) && state.length === 0;
    const describedBy = [error ? `contact-error-${account.id}` : '', noContacts ? `contact-warning-${account.id}` : ''].filter(Boolean).join(' ');
    return html`
      <select data-contacts tabindex=${tab} aria-label="Contact for ${account.name}" ?invalid=${Boolean(error)} aria-invalid=${error ? 'true' : nothing}
        aria-describedby=${describedBy || nothing} aria-busy=${state === 'loading' ? 'true' : nothing}
        @change=${(e: Event) => {
          const id = (e.target as HTMLSelectElement).value || null;
          this.update1(account, { contactId: id, contactName: list.find((c) => c.id === id)?.name ?? null });
        }}>
        <option value="" ?selected=${!row.contactId}>${state === 'loading' ? 'Loading contacts…' : state === 'error' ? 'Contacts could not be loaded' : list.length ? 'Default (matched by e-mail)' : 'No contacts'}</option>
        ${row.contactId && !list.some((c) => c.id === row.contactId) ? html`<option value=${row.contactId} selected>${row.contactName ?? row.contactId}</option>` : nothing}
        ${list.map((c) => html`<option value=${c.id} ?selected=${row.contactId === c.id}>${c.name}${c.email ? ` (${c.email})` : ''}</option>`)}
      </select>
      ${state === 'error' ? html`<button type="button" part="retry-button" tabindex=${tab} aria-label=${COPY.mapping.retryContacts(account.name)}
        @click=${() => void this.retryContacts(account.id)}>${COPY.retry}</button>` : nothing}
      ${error ? html`<p class="error" id="contact-error-${account.id}">${error}</p>` : nothing}
      ${noContacts ? html`<p class="warning" part="contact-warning" id="contact-warning-${account.id}">${COPY.mapping.rowNoContacts}</p>` : nothing}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ih-psa-account-table': IhPsaAccountTable;
  }
}
