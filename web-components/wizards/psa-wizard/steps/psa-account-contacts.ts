/**
 * @module The account table's contact column: each mapped account's PSA contacts, loaded once per
 * account (when its row is shown mapped, or it gets mapped), a failed load retried for that row
 * alone; and the row's contact choice with its error and the Attach Contacts warning.
 */
import { html, nothing, type ReactiveControllerHost } from 'lit';
import type { AccountMappingRow } from '../../../../bff/contracts/psa-settings.js';
import type { PsaAccount, PsaContact } from '../../../../bff/contracts/model.js';
import type { PsaWizardData } from '../psa-wizard.api.js';
import { COPY } from '../psa-wizard.copy.js';

export type ContactsState = PsaContact[] | 'loading' | 'error';

type Host = ReactiveControllerHost & HTMLElement & { renderRoot: HTMLElement | DocumentFragment; data?: PsaWizardData };

export interface ContactCell {
  account: PsaAccount;
  row: AccountMappingRow;
  error: string | undefined;
  tab: string;
  /** Attach Contacts is on: an account without contacts is warned about. */
  attachContacts: boolean;
  choose: (contactId: string | null, contactName: string | null) => void;
}

/**
 * The contacts of the accounts shown mapped, by account id; a change renders the table again.
 * @internal
 */
export class AccountContacts {
  private readonly byAccount = new Map<string, ContactsState>();

  constructor(private readonly host: Host) {}

  get(accountId: string): ContactsState | undefined {
    return this.byAccount.get(accountId);
  }

  load(accountId: string): void {
    const data = this.host.data;
    if (!data || this.byAccount.has(accountId)) return;
    this.set(accountId, 'loading');
    data.contacts(accountId).then((list) => this.set(accountId, list), () => this.set(accountId, 'error'));
  }

  /** Retry for one row: asks again for that account's contacts only (failed loads are not cached) and keeps focus in the row. */
  async retry(accountId: string): Promise<void> {
    this.byAccount.delete(accountId);
    this.load(accountId);
    await this.host.updateComplete;
    // The Retry button is gone while loading: focus the contact choice it belonged to, not the page.
    this.host.renderRoot.querySelector<HTMLElement>(`[data-account-id="${CSS.escape(accountId)}"] select[data-contacts]`)?.focus();
  }

  render({ account, row, error, tab, attachContacts, choose }: ContactCell) {
    const state = this.byAccount.get(account.id);
    // Loaded lazily for rows in view; started after this render, not during it.
    if (state === undefined) queueMicrotask(() => this.load(account.id));
    const list = Array.isArray(state) ? state : [];
    // Seeds 000/003: each PSA account used for ticketing needs a contact while Attach Contacts is on. A warning, not a
    // refusal: the admin may add the contact in the PSA afterwards.
    const noContacts = attachContacts && Array.isArray(state) && state.length === 0;
    const describedBy = [error ? `contact-error-${account.id}` : '', noContacts ? `contact-warning-${account.id}` : ''].filter(Boolean).join(' ');
    return html`
      <select data-contacts tabindex=${tab} aria-label="Contact for ${account.name}" ?invalid=${Boolean(error)} aria-invalid=${error ? 'true' : nothing}
        aria-describedby=${describedBy || nothing} aria-busy=${state === 'loading' ? 'true' : nothing}
        @change=${(e: Event) => {
          const id = (e.target as HTMLSelectElement).value || null;
          choose(id, list.find((c) => c.id === id)?.name ?? null);
        }}>
        <option value="" ?selected=${!row.contactId}>${state === 'loading' ? 'Loading contacts…' : state === 'error' ? 'Contacts could not be loaded' : list.length ? 'Default (matched by e-mail)' : 'No contacts'}</option>
        ${row.contactId && !list.some((c) => c.id === row.contactId) ? html`<option value=${row.contactId} selected>${row.contactName ?? row.contactId}</option>` : nothing}
        ${list.map((c) => html`<option value=${c.id} ?selected=${row.contactId === c.id}>${c.name}${c.email ? ` (${c.email})` : ''}</option>`)}
      </select>
      ${state === 'error' ? html`<button type="button" part="retry-button" tabindex=${tab} aria-label=${COPY.mapping.retryContacts(account.name)}
        @click=${() => void this.retry(account.id)}>${COPY.retry}</button>` : nothing}
      ${error ? html`<p class="error" id="contact-error-${account.id}">${error}</p>` : nothing}
      ${noContacts ? html`<p class="warning" part="contact-warning" id="contact-warning-${account.id}">${COPY.mapping.rowNoContacts}</p>` : nothing}`;
  }

  private set(accountId: string, state: ContactsState): void {
    this.byAccount.set(accountId, state);
    this.host.requestUpdate();
  }
}
