/**
 * @module `<ih-rmm-organization-step>` (internal): Datto RMM's step 1: the organization all Datto
 * RMM user activity is logged against (read-only once the integration exists), and the
 * duplicate-connection confirmation when Datto RMM is already connected.
 */
import { html, nothing } from 'lit';
import { needsSeparateInstance, userActivityLocked } from '../rmm-wizard.logic.js';
import { COPY } from '../rmm-wizard.copy.js';
import { duplicateWarning } from './duplicate-warning.js';
import { RmmStepBase } from './rmm-step-base.js';

/** Internal. @internal */
export class IhRmmOrganizationStep extends RmmStepBase {
  protected override render() {
    const ctx = this.context;
    const locked = userActivityLocked(ctx);
    return html`
      <div class="step ih-root" @ih-field-change=${this.onFieldChange} @focusout=${this.onFocusOut}>
        <p>${COPY.organizationIntro}</p>
        ${locked
          ? html`
            <div role="group" aria-labelledby="org-label">
              <p id="org-label"><strong>${COPY.organizationLabel}</strong></p>
              <p part="read-only-organization">${COPY.lockedOrganization(this.organizationName(ctx.integration!.userActivityOrganizationId))}</p>
            </div>`
          : html`
            <ih-select-field name="userActivityOrganizationId" label=${COPY.organizationLabel} hint=${COPY.organizationHint} required
              placeholder=${COPY.chooseOrganization} .value=${ctx.userActivityOrganizationId}
              .options=${ctx.organizations.map((o) => ({ value: o.id, label: o.name }))}
              .error=${this.errorFor('userActivityOrganizationId')}></ih-select-field>`}
        ${needsSeparateInstance(ctx) ? duplicateWarning('datto-rmm', ctx.confirmSeparateInstance, this.errorFor('confirmSeparateInstance'), this.send) : nothing}
      </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ih-rmm-organization-step': IhRmmOrganizationStep;
  }
}
