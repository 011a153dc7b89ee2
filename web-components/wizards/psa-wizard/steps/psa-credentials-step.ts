/**
 * @module Step 1, Credentials: the vendor's fields as psa-vendor-copy.ts lists them (Kaseya BMS:
 * URL, tenant, username, password; Autotask: API username and password, the zone found from the
 * username and the integration code never asked; ConnectWise PSA: site, company, public and private
 * key, the clientId never asked; HaloPSA: Halo URL, tenant, client ID and secret, and the
 * permissions to grant). Checked by the BFF against the vendor; a second PSA is refused
 * with an offer to edit the existing one. Stored credentials are never shown: blank keeps them.
 */
import { html, nothing } from 'lit';
import { IntegrationEditEvent } from '../../../events/integration-edit-event.js';
import type { Vendor } from '../../../api/client.js';
import { FIRST_STEP_COPY as COPY } from '../psa-first-step-copy.js';
import { PSA_VENDOR_COPY, type CredentialFieldCopy } from '../psa-vendor-copy.js';
import { credentialsOptional } from '../psa-wizard.guards.js';
import { PsaStepElement } from './psa-step-base.js';

/**
 * Internal. The credentials step of `<psa-wizard>`.
 *
 * @internal
 * @fires integration-edit - {integrationId, vendor, kind: 'psa'} from "Edit the existing integration" after a 409 psa_exists.
 */
export class IhPsaCredentialsStep extends PsaStepElement {
  protected readonly step = 'credentials' as const;

  private editExisting(): void {
    const extra = this.context.problem?.extra ?? {};
    this.dispatchEvent(new IntegrationEditEvent({
      integrationId: String(extra.existingIntegrationId), vendor: (extra.existingVendor as Vendor | undefined) ?? this.context.vendor, kind: 'psa',
    }));
  }

  protected override render() {
    const c = this.context;
    const copy = COPY.credentials;
    const optional = credentialsOptional(c);
    const vendorCopy = PSA_VENDOR_COPY[c.vendor];
    const input = (f: CredentialFieldCopy) => {
      if (f.when && c.credentials[f.when.field] !== f.when.equals) return nothing;
      const name = `credentials.${f.name}`;
      const value = c.credentials[f.name] ?? '';
      if (f.kind === 'select') {
        return html`<ih-select-field name=${name} label=${f.label} .options=${f.options ?? []} .value=${value || null} hint=${f.hint ?? ''}
          error=${this.error(name)} ?required=${!optional} ?optional=${optional} ?allow-empty=${optional}></ih-select-field>`;
      }
      return html`<ih-text-field name=${name} label=${f.label} .value=${value} error=${this.error(name)} hint=${f.hint ?? ''}
        type=${f.kind} autocomplete=${f.autocomplete ?? 'off'} ?required=${!optional} ?optional=${optional}></ih-text-field>`;
    };
    const psaExists = c.problem?.code === 'psa_exists';
    return html`
      <div class="ih-root" @ih-field-change=${this.onFieldChange}>
        <p class="intro">${vendorCopy.intro}</p>
        ${optional ? html`<p class="note" part="note">${copy.keep}</p>` : nothing}
        ${this.renderProblem(psaExists
          ? html`<p><button type="button" class="primary" part="button edit-existing-button" @click=${this.editExisting}>${copy.psaExistsAction}</button></p>`
          : nothing)}
        <div class="grid">
          ${vendorCopy.credentials.map(input)}
        </div>
        ${vendorCopy.permissions ? html`
          <section class="note" part="note permissions" aria-labelledby="permissions-heading">
            <h3 id="permissions-heading">${vendorCopy.permissions.heading}</h3>
            <ul>${vendorCopy.permissions.items.map((p) => html`<li><code>${p.name}</code>: ${p.why}</li>`)}</ul>
            ${vendorCopy.permissions.note ? html`<p>${vendorCopy.permissions.note}</p>` : nothing}
          </section>` : nothing}
      </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ih-psa-credentials-step': IhPsaCredentialsStep;
  }
}
