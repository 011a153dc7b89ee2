/**
 * @module Step 2, Account Mapping (required): "Attach Contacts to Tickets on Creation", the
 * Catch-All PSA Account and (attach on) its contact, and the mapping table. Every PSA account is
 * loaded page by page with progress (Retry on failure) and the organizations with them.
 */
import { html, nothing, type PropertyValues } from 'lit';
import type { PsaAccount } from '../../../../bff/contracts/model.js';
import { AsyncListController } from '../../shared/async-list.js';
import type { ComboboxOption } from '../../shared/fields/combobox-field.js';
import type { OrganizationOption } from '../psa-wizard.api.js';
import { COPY } from '../psa-wizard.copy.js';
import { PSA_VENDOR_COPY } from '../psa-vendor-copy.js';
import { withRow, emptyRow } from './account-mapping.model.js';
import { PsaStepElement } from './psa-step-base.js';

/**
 * Internal. The account-mapping step of `<psa-wizard>`.
 *
 * @internal
 */
export class IhPsaAccountMappingStep extends PsaStepElement {
  protected readonly step = 'account-mapping' as const;

  /** All PSA accounts, with page progress. */
  readonly accounts = new AsyncListController<PsaAccount[]>(this);
  readonly organizations = new AsyncListController<OrganizationOption[]>(this);
  private accountOptions: ComboboxOption[] = [];

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('data') && this.data) {
      const data = this.data;
      void this.accounts.load((ctx) => data.accounts(ctx));
      void this.organizations.load(() => data.organizations());
    }
  }

  private optionsFor(accounts: PsaAccount[]): ComboboxOption[] {
    if (this.accountOptions.length !== accounts.length) {
      this.accountOptions = accounts.map((a) => ({ value: a.id, label: a.name, description: [a.type, a.classification].filter(Boolean).join(' · ') || undefined }));
    }
    return this.accountOptions;
  }

  private chooseCatchAll(accountId: string | null): void {
    const account = this.accounts.value?.find((a) => a.id === accountId);
    this.send({ type: 'fields.change', changes: { 'accountMapping.catchAllAccountId': accountId ?? '', 'accountMapping.catchAllAccountName': account?.name ?? '' } });
  }

  private chooseCatchAllContact(contactId: string | null): void {
    const contact = this.context.catchAllContacts?.contacts.find((c) => c.id === contactId);
    this.send({ type: 'fields.change', changes: { 'accountMapping.catchAllContactId': contactId, 'accountMapping.catchAllContactName': contact?.name ?? null } });
  }

  private addToPlatform = async (account: PsaAccount): Promise<void> => {
    if (!this.data) return;
    const org = await this.data.addPendingOrganization(account.name);
    this.organizations.set(await this.data.organizations());
    const current = this.context.accountMapping.mappings.find((m) => m.psaAccountId === account.id) ?? emptyRow(account);
    this.send({ type: 'field.change', path: 'accountMapping.mappings', value: withRow(this.context.accountMapping.mappings, { ...current, organizationId: org.id, ignored: false }) });
  };

  /** Retry for the catch-all account's contacts (the machine loads them); focus goes back to the account, whose error line says how it went. */
  private retryCatchAllContacts = async (): Promise<void> => {
    this.send({ type: 'contacts.retry' });
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('[name="accountMapping.catchAllAccountId"]')?.focus();
  };

  protected override render() {
    const c = this.context;
    const m = c.accountMapping;
    const copy = COPY.mapping;
    const checking = this.snapshot.matches({ accountMapping: { editing: 'checkingContacts' } });
    const contactsFailed = this.snapshot.matches({ accountMapping: { editing: 'contactsFailed' } });
    const contacts = c.catchAllContacts?.accountId === m.catchAllAccountId ? c.catchAllContacts.contacts : [];
    const accounts = this.accounts.value ?? [];
    return html`
      <div class="ih-root" @ih-field-change=${this.onFieldChange}>
        <p class="intro">${copy.intro}</p>
        ${this.renderProblem()}
        <ih-switch-field name="accountMapping.attachContacts" label=${copy.attach} hint=${copy.attachHint} .value=${m.attachContacts}></ih-switch-field>
        <ih-load-status label="PSA accounts" .list=${this.accounts}></ih-load-status>
        <div class="grid">
          <ih-combobox-field name="accountMapping.catchAllAccountId" label=${copy.catchAllAccount} hint=${copy.catchAllAccountHint} required
            .options=${this.optionsFor(accounts)} .value=${m.catchAllAccountId || null} ?loading=${this.accounts.status === 'loading'}
            error=${this.error('accountMapping.catchAllAccountId')}
            @ih-field-change=${(e: Event) => { e.stopPropagation(); this.chooseCatchAll((e as unknown as { value: string | null }).value); }}></ih-combobox-field>
          ${m.attachContacts && m.catchAllAccountId ? html`
            <ih-select-field name="accountMapping.catchAllContactId" label=${copy.catchAllContact} hint=${copy.catchAllContactHint} required
              .options=${contacts.map((ct) => ({ value: ct.id, label: ct.email ? `${ct.name} (${ct.email})` : ct.name }))} .value=${m.catchAllContactId}
              ?loading=${checking} error=${this.error('accountMapping.catchAllContactId')}
              @ih-field-change=${(e: Event) => { e.stopPropagation(); this.chooseCatchAllContact((e as unknown as { value: string | null }).value); }}></ih-select-field>` : nothing}
        </div>
        ${checking ? html`<p class="note" role="status">${copy.checkingContacts}</p>` : nothing}
        ${contactsFailed ? html`<p><button type="button" part="button retry-button" aria-label=${copy.retryContacts(m.catchAllAccountName || m.catchAllAccountId)}
          @click=${this.retryCatchAllContacts}>Retry loading contacts</button></p>` : nothing}
        <section aria-labelledby="mapping-title">
          <h4 id="mapping-title">${copy.tableLabel}</h4>
          <p class="note">${copy.fallback}</p>
          <ih-load-status label="organizations" .list=${this.organizations}></ih-load-status>
          <ih-psa-account-table .accounts=${accounts} .organizations=${this.organizations.value ?? []} .mappings=${m.mappings}
            .errors=${this.errors} .data=${this.data} .addToPlatform=${this.addToPlatform} ?parent-child=${PSA_VENDOR_COPY[c.vendor].parentChild}
            ?attach-contacts=${m.attachContacts}></ih-psa-account-table>
        </section>
      </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ih-psa-account-mapping-step': IhPsaAccountMappingStep;
  }
}
