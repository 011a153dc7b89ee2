/**
 * @module `<ih-rmm-credentials-step>` (internal): the vendor's credentials (Datto RMM: platform,
 * API key, API secret key; Syncro: subdomain, API token and the permissions it needs). They are
 * checked with the vendor on Next and never shown again; with a connection already made, empty
 * fields keep the stored ones.
 */
import { css, html, nothing } from 'lit';
import { DATTO_PLATFORMS } from '../../../../bff/contracts/credentials.js';
import { needsSeparateInstance } from '../rmm-wizard.logic.js';
import { COPY, DATTO_PLATFORM_LABELS, SYNCRO_PERMISSIONS } from '../rmm-wizard.copy.js';
import { duplicateWarning } from './duplicate-warning.js';
import { RmmStepBase, stepStyles } from './rmm-step-base.js';

/** Internal. @internal */
export class IhRmmCredentialsStep extends RmmStepBase {
  static override styles = [stepStyles, css`.permissions { margin: 0; padding-inline-start: 1.25rem; columns: 16rem; }`];

  private value(field: string): string {
    return this.context.credentials[field] ?? '';
  }

  private renderDatto(required: boolean) {
    return html`
      <p class="muted">${COPY.dattoApiHelp}</p>
      <ih-select-field name="credentials.platform" label=${COPY.dattoPlatform} hint=${COPY.dattoPlatformHint} ?required=${required}
        placeholder=${COPY.choosePlatform} ?allow-empty=${!required} .value=${this.value('platform') || null}
        .options=${DATTO_PLATFORMS.map((p) => ({ value: p, label: DATTO_PLATFORM_LABELS[p] ?? p }))}
        .error=${this.errorFor('platform')}></ih-select-field>
      <ih-text-field name="credentials.apiKey" label=${COPY.dattoApiKey} autocomplete="off" ?required=${required}
        .value=${this.value('apiKey')} .error=${this.errorFor('apiKey')}></ih-text-field>
      <ih-text-field name="credentials.apiSecret" type="password" label=${COPY.dattoApiSecret} autocomplete="new-password" ?required=${required}
        hint=${COPY.dattoSecretHint} .value=${this.value('apiSecret')} .error=${this.errorFor('apiSecret')}></ih-text-field>`;
  }

  private renderSyncro(required: boolean) {
    return html`
      <section class="note" part="collected" aria-labelledby="collected-title">
        <p id="collected-title"><strong>${COPY.syncroCollectedTitle}</strong></p>
        <p>${COPY.syncroCollected}</p>
      </section>
      <ih-text-field name="credentials.subdomain" label=${COPY.syncroSubdomain} hint=${COPY.syncroSubdomainHint} autocomplete="off" ?required=${required}
        .value=${this.value('subdomain')} .error=${this.errorFor('subdomain')}></ih-text-field>
      <ih-text-field name="credentials.apiToken" type="password" label=${COPY.syncroToken} hint=${COPY.syncroTokenHint} autocomplete="new-password" ?required=${required}
        .value=${this.value('apiToken')} .error=${this.errorFor('apiToken')}></ih-text-field>
      <section class="note" part="permissions" aria-labelledby="permissions-title">
        <p id="permissions-title"><strong>${COPY.syncroPermissionsTitle}</strong></p>
        <ul class="permissions">${SYNCRO_PERMISSIONS.map((p) => html`<li>${p}</li>`)}</ul>
      </section>
      ${needsSeparateInstance(this.context) ? duplicateWarning('syncro', this.context.confirmSeparateInstance, this.errorFor('confirmSeparateInstance'), this.send) : nothing}`;
  }

  protected override render() {
    const ctx = this.context;
    const stored = ctx.integration !== null;
    return html`
      <div class="step ih-root" @ih-field-change=${this.onFieldChange} @focusout=${this.onFocusOut}>
        ${stored ? html`<p class="note" part="stored-credentials">${COPY.credentialsStored(ctx.integration!.accountLabel)}</p>` : nothing}
        ${ctx.vendor === 'datto-rmm' ? this.renderDatto(!stored) : this.renderSyncro(!stored)}
      </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ih-rmm-credentials-step': IhRmmCredentialsStep;
  }
}
