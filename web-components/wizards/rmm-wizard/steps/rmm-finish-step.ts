/**
 * @module `<ih-rmm-finish-step>` (internal): the review before Finish, and once finished the status
 * (Connected) with the seeds' notices: devices appear within 10–30 minutes (004), and the RMM shows
 * under MSP Tools for the selected organization (002).
 */
import { html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import { STATUS_LABELS } from '../../../../bff/contracts/integration-view.js';
import { COPY } from '../rmm-wizard.copy.js';
import { RmmStepBase } from './rmm-step-base.js';

/** Internal. @internal */
export class IhRmmFinishStep extends RmmStepBase {
  /** Finished: show the outcome instead of the review. */
  @property({ type: Boolean }) finished = false;

  protected override render() {
    const ctx = this.context;
    const vendor = ctx.vendor;
    const org = this.organizationName(ctx.integration?.userActivityOrganizationId ?? ctx.userActivityOrganizationId);
    if (this.finished) {
      const status = ctx.integration?.status ?? 'connected';
      return html`
        <div class="step ih-root" part="finished">
          <p role="status"><strong>${COPY.connected(vendor)}</strong> <span part="final-status">${COPY.statusLine(STATUS_LABELS[status])}</span></p>
          <p class="note">${COPY.syncNotice}</p>
          ${org ? html`<p>${COPY.mspTools(vendor, org)}</p>` : nothing}
        </div>`;
    }
    // After the save, the choices hold what the BFF stored (exact-name matches included).
    const mapped = Object.values(ctx.mapping.choices).filter((c) => c.organizationId).length;
    return html`
      <div class="step ih-root">
        <p>${COPY.reviewIntro(vendor)}</p>
        <dl part="review">
          ${ctx.integration?.accountLabel ? html`<dt>${COPY.reviewAccount}</dt><dd>${ctx.integration.accountLabel}</dd>` : nothing}
          <dt>${COPY.reviewUserActivity}</dt><dd>${org || COPY.notSet}</dd>
          <dt>${COPY.reviewMapped}</dt><dd>${mapped}</dd>
          ${vendor === 'datto-rmm' ? html`<dt>${COPY.reviewEntra}</dt><dd>${ctx.customFields.find((f) => f.name === ctx.entraDeviceIdField)?.label ?? ctx.entraDeviceIdField ?? COPY.notSet}</dd>` : nothing}
        </dl>
        <p class="note">${COPY.syncNotice}</p>
        ${org ? html`<p class="muted">${COPY.mspTools(vendor, org)}</p>` : nothing}
      </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ih-rmm-finish-step': IhRmmFinishStep;
  }
}
