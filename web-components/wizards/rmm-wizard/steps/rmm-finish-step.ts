/**
 * @module `<ih-rmm-finish-step>` (internal): the review before Finish, and once finished the status
 * (Connected), the first device sync that Finish started ("Syncing…", then its result), the seeds'
 * notices: devices appear within 10–30 minutes (004), and the RMM shows under MSP Tools for the
 * selected organization (002).
 */
import { html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import { STATUS_LABELS, type RmmSyncSummary } from '../../../../bff/contracts/integration-view.js';
import type { IntegrationStatus } from '../../../api/client.js';
import { KeepClearController } from '../../../elements/ih-toast-region/keep-clear-controller.js';
import { COPY } from '../rmm-wizard.copy.js';
import type { RmmWizardContext } from '../rmm-wizard.types.js';
import { RmmStepBase } from './rmm-step-base.js';

/** Internal. @internal */
export class IhRmmFinishStep extends RmmStepBase {
  /** Finished: show the outcome instead of the review. */
  @property({ type: Boolean }) finished = false;
  /** Once finished: the first device sync, which Finish started, as last read. */
  @property({ attribute: false }) sync: RmmSyncSummary | null = null;
  // Once finished, the card is what the admin reads: the page's toasts step out of its way.
  private readonly finishedClear = new KeepClearController(this, () => this.renderRoot.querySelector('[part~="finished"]'));
  /** Once finished: the status the page last gave the integration (disconnected, reconnected, deleted in a list). */
  @property({ attribute: false }) liveStatus?: IntegrationStatus | 'deleted';

  private renderFirstSync(vendor: RmmWizardContext['vendor']) {
    const sync = this.sync;
    let line = '';
    if (sync?.state === 'running') line = COPY.firstSync.running(vendor);
    else if (sync?.state === 'succeeded') line = COPY.firstSync.done(vendor, sync.deviceCount);
    else if (sync?.state === 'failed') line = COPY.firstSync.failed(vendor, sync.lastError ?? '');
    // The live region is there from the start, so the change from "Syncing…" to the result is announced.
    return html`<p role="status" part="first-sync" aria-busy=${sync?.state === 'running' ? 'true' : 'false'}>${line}</p>`;
  }

  protected override render() {
    const ctx = this.context;
    const vendor = ctx.vendor;
    const org = this.organizationName(ctx.integration?.userActivityOrganizationId ?? ctx.userActivityOrganizationId);
    if (this.finished) {
      // The finish card follows the integration: disconnected, reconnected or deleted in a list afterwards, it says so.
      const status = this.liveStatus ?? ctx.integration?.status ?? 'connected';
      if (status === 'deleted') return html`<div class="step ih-root" part="finished"><p role="status">${COPY.deletedMeanwhile(vendor)}</p></div>`;
      return html`
        <div class="step ih-root" part="finished">
          <p role="status"><strong>${status === 'disconnected' ? COPY.disconnectedMeanwhile(vendor) : COPY.connected(vendor)}</strong> <span part="final-status">${COPY.statusLine(STATUS_LABELS[status])}</span></p>
          ${this.renderFirstSync(vendor)}
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
          <dt>${COPY.reviewUserActivityRecorded}</dt><dd>${COPY.userActivityRecorded(vendor, org || COPY.notSet)}</dd>
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
