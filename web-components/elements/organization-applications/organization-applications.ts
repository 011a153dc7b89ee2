/**
 * @module `<organization-applications>`: one organization's connected MSP tools (its RMMs and the
 * PSA), as the organization's Applications tab shows them, with the PSA's ticket-delivery switch.
 */
import { html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { ApiConsumerElement } from '../../api/api-consumer-element.js';
import { ApiProblem } from '../../api/api-problem.js';
import { IntegrationChangeEvent } from '../../events/integration-change-event.js';
import { IntegrationEditEvent } from '../../events/integration-edit-event.js';
import type { IhToastRegion } from '../ih-toast-region/ih-toast-region.js';
import { anySyncRunning, SyncPoll } from '../shared/sync-poll.js';
import { AvailabilityWatch, renderAvailability } from '../shared/availability-watch.js';
import { renderLoadState } from '../shared/load-state.js';
import { PanelLoad } from '../shared/panel-load.js';
import { COPY } from './organization-applications.copy.js';
import {
  loadOrganizationApplications, setTicketDelivery, type OrganizationApplicationsData, type PsaApplication, type RmmApplication,
} from './organization-applications.data.js';
import { organizationApplicationsStyles } from './organization-applications.styles.js';


/**
 * Shows the MSP tools connected to one organization: every RMM integration whose user-activity
 * organization it is or whose mapping sends one of its sites here (vendor, status, the mapped sites,
 * the last device sync when the BFF reports one), and the partner's PSA with the organization's
 * "Deliver tickets" switch. Integrations whose setup is not finished are not listed.
 * When the PSA does not answer, its card shows the outage banner (role=status): "Autotask has not
 * answered since 10:42 (HTTP 503). 37 alerts are waiting and will be delivered when it answers; next
 * try 10:58."; the PSA's state is read again every 5 s until it answers and its alerts are out, then
 * a toast says "Autotask answers again. 37 alerts were delivered late."
 *
 * Gets the BFF address and token from its own `api-base` / `token`, else from a surrounding
 * `<integration-hub>`; loads when connected and whenever `organization-id`, the API base or the token change.
 *
 * @summary One organization's connected RMMs and PSA, with its ticket-delivery switch.
 *
 * @attr organization-id - The platform organization's id (as in `PUT /api/organizations`). Reflected.
 * @attr api-base - Base URL of the BFF's API. Wins over the hub's. Default `/api`.
 *
 * @prop {string} organizationId - As the attribute.
 * @prop {string | undefined} apiBase - As the `api-base` attribute.
 * @prop {string | undefined} token - Bearer token (JWT) for the BFF. Wins over the hub's. Property only, never reflected.
 * @prop {Promise<void>} loadComplete - Read-only: settles when the load in progress has finished.
 * @method refresh - `refresh(): Promise<void>` loads again (what is shown stays meanwhile).
 *
 * @fires integration-edit - {integrationId, vendor, kind}: Edit was chosen on an application; open its wizard with `integration-id`.
 * @fires integration-health-change - {integrationId, vendor, vendorLabel, state, since, lastStatus, waiting, nextTryAt, deliveredLate}: the PSA stopped answering, its waiting alerts or next try changed, or it answers again.
 * @fires integration-change - {integrationId, kind, status}: the organization's "Deliver tickets" switch changed the PSA's delivery to it. Inside a hub, every other element refreshes.
 * @fires token-expired - {apiBase}: the BFF refused the token (401); the refused call is sent again once a new `token` is set.
 *
 * @cssproperty --ih-font-family - Font of all text.
 * @cssproperty --ih-font-size - Base font size.
 * @cssproperty --ih-color-text - Main text colour.
 * @cssproperty --ih-color-text-muted - Secondary text and the switch's off track.
 * @cssproperty --ih-color-surface - Background of applications, buttons and toasts.
 * @cssproperty --ih-color-surface-muted - Status pill and button hover background.
 * @cssproperty --ih-color-border - Borders.
 * @cssproperty --ih-color-accent - The switch's on track.
 * @cssproperty --ih-color-danger - Load errors and error toasts.
 * @cssproperty --ih-color-success - "Connected"/"Active" status.
 * @cssproperty --ih-color-warning - "Paused" status.
 * @cssproperty --ih-color-focus - Focus ring.
 * @cssproperty --ih-radius - Corner radius.
 * @cssproperty --ih-space - Spacing unit.
 * @cssproperty --ih-shadow - Shadow of toasts.
 * @cssproperty --ih-toast-inset-top - How far below the window's top edge toasts start (the height of the host's sticky header). Default `0px`.
 *
 * @csspart heading - The "MSP Tools" heading text.
 * @csspart list - The `<ul>` of applications.
 * @csspart application - One application (`<li>`); also `application-rmm` or `application-psa`.
 * @csspart application-rmm - An RMM application (with `application`).
 * @csspart application-psa - The PSA application (with `application`).
 * @csspart vendor - The vendor's name.
 * @csspart status - The status pill; also `status-connected`, `status-disconnected`, `status-active`, `status-paused`.
 * @csspart availability - The PSA's outage banner ("… has not answered since 10:42 (HTTP 503). 37 alerts are waiting …"), and the "delivering the alerts that waited" line after it.
 * @csspart availability-unavailable - The banner while the PSA does not answer (with `availability`).
 * @csspart details - What links the application to this organization (user activity, mapped sites, PSA account, last sync).
 * @csspart sync - The last-sync line of an RMM (when the BFF reports device sync).
 * @csspart switch - The "Deliver tickets" switch of the PSA.
 * @csspart edit-button - Edit on an application.
 * @csspart retry-button - Retry after a failed load.
 * @csspart button - Every button.
 * @csspart message - Loading, waiting and empty-state text.
 * @csspart error - The box shown when the panel could not load.
 * @csspart toast - Every toast; error toasts also have `toast-error`.
 * @csspart toast-error - Error toasts (with `toast`).
 * @csspart token-expired - "Your session has expired…", shown while a refused call waits for a new token.
 */
export class OrganizationApplications extends ApiConsumerElement {
  static override styles = organizationApplicationsStyles;

  /** The platform organization whose applications are shown. Reflected. */
  @property({ attribute: 'organization-id', reflect: true }) organizationId = '';

  @state() private data?: OrganizationApplicationsData;
  @state() private switching = false;

  @query('ih-toast-region') private toastRegion!: IhToastRegion;

  private readonly loading = new PanelLoad<OrganizationApplicationsData>(this, 'idle', () => this.effectiveApiBase);
  private readonly availability = new AvailabilityWatch(this, { poll: () => this.pollAvailability(), toast: (message) => this.toastRegion.show(message) });
  /** While an RMM's device sync runs (a new connection's first one starts at once): the panel again until it ends. */
  private readonly syncPoll = new SyncPoll(this, async () => { await this.load(); });

  /** Resolves when the load in progress (if any) has finished, successfully or not. */
  get loadComplete(): Promise<void> {
    return this.loading.complete;
  }

  /** Loads again, keeping what is shown meanwhile. */
  refresh(): Promise<void> {
    return this.load();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (!this.hasUpdated || changed.has('organizationId') || this.connectionChanged(changed) || this.hubStateChanged(changed)) {
      // Another organization: nothing of the previous one may stay on screen.
      if (changed.has('organizationId')) this.data = undefined;
      void this.load();
    }
  }

  private load(): Promise<void> {
    if (!this.organizationId) return this.loading.settle('idle');
    if (!this.effectiveToken && this.hubConnection) return this.loading.settle('waiting');
    const organizationId = this.organizationId;
    return this.loading.run((signal) => loadOrganizationApplications(this.api, organizationId, signal), (data) => {
      this.data = data;
      this.availability.observe(data.psa ? [data.psa.integration] : []);
      this.syncPoll.observe(anySyncRunning(data.rmm.map((a) => a.integration)));
    }, { keepShown: Boolean(this.data) });
  }

  /** While the PSA is unavailable or has alerts waiting: only the integration list again, not the whole panel. */
  private async pollAvailability(): Promise<void> {
    try {
      const fresh = (await this.api.integrations.list('psa')).find((v) => v.id === this.data?.psa?.integration.id);
      if (!fresh || !this.data?.psa) return;
      this.data = { ...this.data, psa: { ...this.data.psa, integration: fresh } };
      this.availability.observe([fresh]);
    } catch {
      // A failed poll shows nothing new; the next load or refresh() reads it again.
    }
  }

  private async toggleDelivery(): Promise<void> {
    const organization = this.data?.organization;
    if (!organization || this.switching) return;
    const next = !organization.ticketDelivery;
    this.switching = true;
    try {
      const stored = await setTicketDelivery(this.api, organization.id, next);
      this.data = { ...this.data!, organization: { ...organization, ticketDelivery: stored } };
      const psa = this.data!.psa?.integration;
      // The PSA's delivery to this organization changed: lists and the host's tables inside the hub refresh.
      if (psa) this.dispatchEvent(new IntegrationChangeEvent({ integrationId: psa.id, kind: 'psa', status: psa.status }));
      this.toastRegion.show(stored ? COPY.deliveryOn(organization.name) : COPY.deliveryOff(organization.name));
    } catch (error) {
      const problem = error instanceof ApiProblem ? error : ApiProblem.network(this.effectiveApiBase, error);
      this.toastRegion.show(COPY.actionFailed(problem), 'error');
      void this.load();
    } finally {
      this.switching = false;
    }
  }

  private edit(app: RmmApplication | PsaApplication): void {
    const { id, vendor, kind } = app.integration;
    this.dispatchEvent(new IntegrationEditEvent({ integrationId: id, vendor, kind }));
  }

  // ---- rendering -----------------------------------------------------------------------------

  protected override render() {
    return html`
      <div class="ih-root">
        ${this.renderTokenState()}
        <p class="heading" part="heading" id="heading">${COPY.heading}</p>
        ${this.renderBody()}
        <ih-toast-region exportparts="toast, toast-error"></ih-toast-region>
      </div>`;
  }

  private renderBody() {
    switch (this.loading.state) {
      case 'idle':
        return html`<p class="message" part="message">${COPY.noOrganizationId}</p>`;
      case 'loaded':
        return this.renderApplications(this.data!);
      default:
        return renderLoadState(this.loading.state, {
          waiting: COPY.waitingForToken, loading: COPY.loading, retry: COPY.retry,
          error: () => ({ heading: COPY.loadFailed, detail: this.loading.problem?.detail ?? this.loading.problem?.title ?? '' }),
          onRetry: () => this.load(),
        });
    }
  }

  private renderApplications({ organization, rmm, psa }: OrganizationApplicationsData) {
    if (!organization) return html`<p class="message" part="message">${COPY.unknownOrganization(this.organizationId)}</p>`;
    if (!rmm.length && !psa) return html`<p class="message" part="message">${COPY.empty(organization.name)}</p>`;
    return html`
      <ul class="list" part="list" aria-label=${COPY.listLabel(organization.name)} aria-busy=${this.loading.refreshing ? 'true' : 'false'}>
        ${repeat(rmm, (a) => a.integration.id, (a) => this.renderRmm(a))}
        ${psa ? this.renderPsa(psa, organization.name, organization.ticketDelivery) : nothing}
      </ul>`;
  }

  private renderIdentity(app: RmmApplication | PsaApplication) {
    const { vendorLabel, status, statusLabel } = app.integration;
    return html`
      <div class="identity">
        <span class="vendor" part="vendor">${vendorLabel}</span>
        <span class="kind">${app.kind === 'rmm' ? COPY.kindRmm : COPY.kindPsa}</span>
        <span class="status ${status}" part="status status-${status}">${statusLabel}</span>
      </div>`;
  }

  private renderEdit(app: RmmApplication | PsaApplication) {
    return html`<button type="button" part="button edit-button" aria-label="${COPY.edit} ${app.integration.vendorLabel}"
      @click=${() => this.edit(app)}>${COPY.edit}</button>`;
  }

  private renderRmm(app: RmmApplication) {
    return html`
      <li class="app" part="application application-rmm" data-id=${app.integration.id}>
        ${this.renderIdentity(app)}
        <div class="actions">${this.renderEdit(app)}</div>
        <ul class="details" part="details">
          ${app.userActivity ? html`<li>${COPY.userActivity(app.integration.vendorLabel, app.sync?.userActivity !== 'not_offered')}</li>` : nothing}
          ${app.sites.length
            ? html`<li>${COPY.devicesFrom(app.sites.length)} <span class="sites">${app.sites.map((s) => s.siteName).join(', ')}</span></li>`
            : html`<li>${COPY.noDevices}</li>`}
          ${app.sync ? html`<li part="sync">${COPY.lastSync(app.sync, app.organizationDevices)}</li>` : nothing}
        </ul>
      </li>`;
  }

  private renderPsa(app: PsaApplication, orgName: string, delivery: boolean) {
    const vendor = app.integration.vendorLabel;
    return html`
      <li class="app" part="application application-psa" data-id=${app.integration.id}>
        ${this.renderIdentity(app)}
        <div class="actions">
          <button type="button" role="switch" class="switch" part="switch" aria-checked=${delivery ? 'true' : 'false'}
            aria-label=${COPY.deliverTicketsLabel(vendor, orgName)} aria-disabled=${this.switching ? 'true' : 'false'}
            @click=${() => void this.toggleDelivery()}>
            <span class="track" aria-hidden="true"><span class="thumb"></span></span>
            <span>${COPY.deliverTickets}</span>
          </button>
          ${this.renderEdit(app)}
        </div>
        ${renderAvailability(app.integration, this.availability.isDraining(app.integration.id))}
        <ul class="details" part="details">
          ${app.account ? html`<li>${app.account.catchAll ? COPY.ticketsToCatchAll(app.account.name) : COPY.ticketsTo(app.account.name)}</li>` : nothing}
          ${app.integration.status === 'paused' ? html`<li>${COPY.deliveryPausedNote}</li>` : nothing}
        </ul>
      </li>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'organization-applications': OrganizationApplications;
  }
}
