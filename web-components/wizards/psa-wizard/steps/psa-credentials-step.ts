/**
 * @module Step 1, Credentials: Kaseya BMS (URL from BMS_SERVERS, tenant, username, password),
 * Autotask (API username and password; the zone is found from the username, the integration code
 * is never asked) or HaloPSA (URL, tenant, client ID and secret, and the scopes to grant). Checked by the BFF against the vendor; a second PSA is refused with an offer to
 * edit the existing one. Stored credentials are never shown: blank keeps them.
 */
import { html, nothing } from 'lit';
import { BMS_SERVERS } from '../../../../bff/contracts/credentials.js';
import { IntegrationEditEvent } from '../../../events/integration-edit-event.js';
import type { Vendor } from '../../../api/client.js';
import { COPY } from '../psa-wizard.copy.js';
import { credentialsOptional } from '../psa-wizard.validation.js';
import { PsaStepElement } from './psa-step-base.js';

const SERVER_OPTIONS = BMS_SERVERS.map((s) => ({ value: s.id, label: s.label }));

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
    const field = (name: string) => ({ name: `credentials.${name}`, value: c.credentials[name] ?? '', error: this.error(`credentials.${name}`) });
    const text = (name: string, label: string, options: { type?: 'text' | 'password' | 'email'; hint?: string; autocomplete?: string } = {}) => {
      const f = field(name);
      return html`<ih-text-field name=${f.name} label=${label} .value=${f.value} error=${f.error} hint=${options.hint ?? ''}
        type=${options.type ?? 'text'} autocomplete=${options.autocomplete ?? 'off'} ?required=${!optional} ?optional=${optional}></ih-text-field>`;
    };
    const psaExists = c.problem?.code === 'psa_exists';
    return html`
      <div class="ih-root" @ih-field-change=${this.onFieldChange}>
        <p class="intro">${copy.intro[c.vendor]}</p>
        ${optional ? html`<p class="note" part="note">${copy.keep}</p>` : nothing}
        ${this.renderProblem(psaExists
          ? html`<p><button type="button" class="primary" part="button edit-existing-button" @click=${this.editExisting}>${copy.psaExistsAction}</button></p>`
          : nothing)}
        <div class="grid">
          ${c.vendor === 'halopsa' ? html`
            ${text('url', copy.haloUrl, { hint: copy.haloUrlHint, autocomplete: 'url' })}
            ${text('tenant', copy.haloTenant, { hint: copy.haloTenantHint })}
            ${text('clientId', copy.clientId)}
            ${text('clientSecret', copy.clientSecret, { type: 'password', autocomplete: 'new-password' })}`
          : c.vendor === 'kaseya-bms' ? html`
            <ih-select-field name="credentials.server" label=${copy.server} .options=${SERVER_OPTIONS} .value=${c.credentials.server || null}
              error=${this.error('credentials.server')} ?required=${!optional} ?optional=${optional} ?allow-empty=${optional}></ih-select-field>
            ${text('tenant', copy.tenant, { hint: copy.tenantHint, autocomplete: 'organization' })}
            ${text('username', copy.bmsUsername, { autocomplete: 'username' })}
            ${text('password', copy.bmsPassword, { type: 'password', autocomplete: 'new-password' })}`
          : html`
            ${text('username', copy.apiUsername, { type: 'email', hint: copy.apiUsernameHint, autocomplete: 'username' })}
            ${text('secret', copy.apiPassword, { type: 'password', autocomplete: 'new-password' })}`}
        </div>
        ${c.vendor === 'halopsa' ? html`
          <section class="note" part="note permissions" aria-labelledby="halo-scopes">
            <h3 id="halo-scopes">${copy.haloScopesHeading}</h3>
            <ul>${copy.haloScopes.map((s) => html`<li><code>${s.scope}</code>: ${s.why}</li>`)}</ul>
            <p>${copy.haloAgentHint}</p>
          </section>` : nothing}
      </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ih-psa-credentials-step': IhPsaCredentialsStep;
  }
}
