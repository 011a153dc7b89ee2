/**
 * @module `<delivery-log>`: one PSA integration's deliveries, newest first, paged on the server
 * and scrolled smoothly through a virtualized ARIA feed, with filters by state and organization,
 * links to each ticket in the PSA, and Retry for one failed delivery or all of them with progress.
 */
import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { virtualize, virtualizerRef, type VirtualizerHostElement } from '@lit-labs/virtualizer/virtualize.js';
import { ApiConsumerElement } from '../../api/api-consumer-element.js';
import { asProblem } from '../../wizards/shared/wizard-api.js';
import type { IhToastRegion } from '../ih-toast-region/ih-toast-region.js';
import { renderLoadState } from '../shared/load-state.js';
import { PanelLoad } from '../shared/panel-load.js';
import { DELIVERY_COPY as COPY, formatTime, OUTCOME_LABELS, STATE_FILTER_LABELS } from './delivery-log.copy.js';
import { deliveryLogStyles } from './delivery-log.styles.js';
import {
  integrationLogsApi, type DeliveryEntry, type DeliveryFilter, type DeliveryPage, type DeliveryStateFilter, type IntegrationLogsApi,
} from './integration-logs.api.js';
import { RetryProgress, type LogCounts } from './retry-progress.js';

const STATE_FILTERS = Object.keys(STATE_FILTER_LABELS) as Array<DeliveryStateFilter | ''>;
/** Load the next page when the view is this close to the end of what is loaded. */
const PREFETCH_ROWS = 15;

/**
 * Lists one PSA integration's deliveries, newest first: when, the organization, the alert (title,
 * type, severity), the outcome ("Ticket created", "Note added", "Skipped", "Failed", "Waiting"),
 * the PSA's ticket number linked to the ticket in the PSA (new tab), and the reason in the admin's
 * words. Filters by state and organization; pages of 50 load from the server as the list scrolls
 * (and with "Load more deliveries"), so 10,000 deliveries scroll smoothly. A failed delivery has
 * Retry; "Retry all failed (N)" queues every failed one again and shows a progress bar until each
 * has left the queue, then a toast ("Retried 3 failed deliveries: 3 delivered.").
 *
 * Keyboard: the list is an ARIA feed; each delivery is focusable, Page Down / Page Up (and the
 * arrow keys) move between deliveries, Tab reaches its link and Retry.
 *
 * @summary One PSA integration's delivery log with filters, ticket links and retry.
 *
 * @attr integration-id - The PSA integration whose deliveries are shown. Reflected.
 * @attr api-base - Base URL of the BFF's API. Wins over the hub's. Default `/api`.
 *
 * @prop {string} integrationId - As the attribute.
 * @prop {string | undefined} apiBase - As the `api-base` attribute.
 * @prop {string | undefined} token - Bearer token (JWT) for the BFF. Wins over the hub's. Property only, never reflected.
 * @prop {string} effectiveApiBase - Read-only: the API base in use (own, else the hub's, else `/api`).
 * @prop {Promise<void>} loadComplete - Read-only: settles when the load in progress has finished.
 * @method refresh - `refresh(): Promise<void>` loads the first page again with the current filters.
 *
 * @cssproperty --ih-delivery-log-height - Height of the scrolling list. Default `28rem`.
 * @cssproperty --ih-font-family - Font of all text.
 * @cssproperty --ih-color-text - Main text colour.
 * @cssproperty --ih-color-text-muted - Times, alert types and reasons.
 * @cssproperty --ih-color-surface - Background of rows and buttons.
 * @cssproperty --ih-color-border - Borders of rows and controls.
 * @cssproperty --ih-color-accent - Primary buttons, links and the progress bar.
 * @cssproperty --ih-color-danger - The "Failed" outcome.
 * @cssproperty --ih-color-success - "Ticket created" / "Note added".
 * @cssproperty --ih-color-warning - "Waiting".
 * @cssproperty --ih-color-focus - Focus ring.
 *
 * @csspart filters - The bar with the filters, the counts and "Retry all failed".
 * @csspart counts - "2 failed · 0 waiting · 40 delivered · 1 skipped".
 * @csspart retry-all-button - "Retry all failed (N)".
 * @csspart progress - The progress of a retry (bar and words).
 * @csspart feed - The scrolling list of deliveries.
 * @csspart entry - One delivery; also `entry-<outcome>` (`entry-failed`, `entry-waiting`, …).
 * @csspart entry-ticket_created - A delivery that created a ticket (with `entry`).
 * @csspart entry-note_added - A delivery added as a note (with `entry`).
 * @csspart entry-skipped - A skipped delivery (with `entry`).
 * @csspart entry-failed - A failed delivery (with `entry`).
 * @csspart entry-waiting - A delivery waiting in the queue (with `entry`).
 * @csspart outcome - The outcome pill of a delivery.
 * @csspart ticket-link - The link to the ticket in the PSA.
 * @csspart reason - Why a delivery was skipped, failed or is waiting.
 * @csspart retry-button - Retry on a failed delivery, and after a failed load.
 * @csspart load-more-button - "Load more deliveries".
 * @csspart button - Every button.
 * @csspart message - Loading, waiting and empty-state text.
 * @csspart error - The box shown when the log could not load.
 * @csspart toast - Every toast; error toasts also have `toast-error`.
 * @csspart toast-error - Error toasts (with `toast`).
 */
export class DeliveryLog extends ApiConsumerElement {
  static override styles = deliveryLogStyles;

  /** The PSA integration whose deliveries are shown. Reflected. */
  @property({ attribute: 'integration-id', reflect: true }) integrationId = '';

  @state() private items: DeliveryEntry[] = [];
  @state() private nextCursor: string | null = null;
  @state() private counts: LogCounts = { waiting: 0, delivered: 0, skipped: 0, failed: 0 };
  @state() private filter: DeliveryFilter = { state: '', organizationId: '' };
  @state() private organizations: Array<{ id: string; name: string }> = [];
  @state() private loadingMore = false;
  /** Alert ids whose Retry is in flight. */
  @state() private retrying = new Set<string>();

  private readonly loading = new PanelLoad<DeliveryPage>(this, 'idle', () => this.effectiveApiBase);
  private readonly progress = new RetryProgress(this, () => this.readCounts(), (total, failedAgain) => this.retryFinished(total, failedAgain));
  private logsClient?: { client: unknown; api: IntegrationLogsApi };
  private more?: Promise<void>;

  private get logs(): IntegrationLogsApi {
    const client = this.api;
    if (this.logsClient?.client !== client) this.logsClient = { client, api: integrationLogsApi(client) };
    return this.logsClient.api;
  }

  private get toasts(): IhToastRegion {
    return this.renderRoot.querySelector('ih-toast-region')!;
  }

  private get feed(): (HTMLElement & VirtualizerHostElement) | null {
    return this.renderRoot.querySelector('.feed');
  }

  /** Resolves when the load in progress (if any) has finished, successfully or not. */
  get loadComplete(): Promise<void> {
    return this.more ? Promise.all([this.loading.complete, this.more]).then(() => undefined) : this.loading.complete;
  }

  /** Loads the first page again with the current filters. */
  refresh(): Promise<void> {
    return this.load();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (!this.hasUpdated || changed.has('integrationId') || this.connectionChanged(changed)) {
      if (changed.has('integrationId')) this.items = [];
      void this.load();
      void this.loadOrganizations();
    }
  }

  private load(): Promise<void> {
    if (!this.integrationId) return this.loading.settle('idle');
    if (!this.effectiveToken && this.hubConnection) return this.loading.settle('waiting');
    const { integrationId, filter } = this;
    return this.loading.run((signal) => this.logs.deliveries(integrationId, filter, null, signal), (page) => {
      this.items = page.items;
      this.nextCursor = page.nextCursor;
      this.counts = page.counts;
    }, { keepShown: this.items.length > 0 });
  }

  private async loadOrganizations(): Promise<void> {
    if (!this.integrationId || (!this.effectiveToken && this.hubConnection)) return;
    try {
      this.organizations = await this.logs.organizations();
    } catch {
      // The filter then offers "All organizations" only; the log itself says what went wrong, if anything.
    }
  }

  /** The next page, once at a time; rows already shown stay. */
  private loadMore(): Promise<void> {
    if (this.more || !this.nextCursor || this.loading.state !== 'loaded') return this.more ?? Promise.resolve();
    const { integrationId, filter, nextCursor } = this;
    this.loadingMore = true;
    this.more = this.logs.deliveries(integrationId, filter, nextCursor).then((page) => {
      // A filter change meanwhile started over: this page belongs to the old list.
      if (filter !== this.filter || integrationId !== this.integrationId) return;
      this.items = [...this.items, ...page.items];
      this.nextCursor = page.nextCursor;
      this.counts = page.counts;
    }, (error: unknown) => {
      this.toasts.show(`${COPY.loadFailed} ${asProblem(error, this.effectiveApiBase).detail ?? ''}`.trim(), 'error');
    }).finally(() => {
      this.more = undefined;
      this.loadingMore = false;
    });
    return this.more;
  }

  private setFilter(patch: Partial<DeliveryFilter>): void {
    this.filter = { ...this.filter, ...patch };
    this.items = [];
    void this.load();
  }

  private async readCounts(): Promise<LogCounts> {
    return (await this.logs.deliveries(this.integrationId, { state: '', organizationId: '' }, null, undefined, 1)).counts;
  }

  // ---- retry ---------------------------------------------------------------------------------

  private async retry(which: DeliveryEntry | 'all'): Promise<void> {
    if (this.progress.running || (which !== 'all' && this.retrying.has(which.alertId))) return;
    if (which === 'all' && this.counts.failed === 0) return;
    const ids = which === 'all' ? 'all' : [which.alertId];
    if (which !== 'all') this.retrying = new Set(this.retrying).add(which.alertId);
    try {
      const result = await this.logs.retry(this.integrationId, ids);
      if (result.retried === 0) {
        this.toasts.show(COPY.nothingToRetry, 'info');
        await this.load();
        return;
      }
      const retried = new Set(result.alertIds);
      this.items = this.items.map((e) => (retried.has(e.alertId) ? { ...e, outcome: 'waiting', reason: null } : e));
      const counts = await this.readCounts();
      this.counts = counts;
      await this.progress.start(result.retried, counts);
    } catch (error) {
      this.toasts.show(COPY.retryFailed(asProblem(error, this.effectiveApiBase).detail ?? ''), 'error');
    } finally {
      if (which !== 'all') {
        const next = new Set(this.retrying);
        next.delete(which.alertId);
        this.retrying = next;
      }
    }
  }

  private retryFinished(total: number, failedAgain: number): void {
    this.toasts.show(COPY.progressDone(total, failedAgain), failedAgain ? 'error' : 'success');
    void this.load();
  }

  // ---- keyboard (ARIA feed) ------------------------------------------------------------------

  private onFeedKeydown(event: KeyboardEvent): void {
    const article = (event.target as HTMLElement).closest?.('[role="article"]') as HTMLElement | null;
    if (!article || event.target !== article) return;
    const step = { PageDown: 1, ArrowDown: 1, PageUp: -1, ArrowUp: -1 }[event.key];
    if (!step) return;
    event.preventDefault();
    void this.focusEntry(Number(article.dataset.index) + step);
  }

  private async focusEntry(index: number): Promise<void> {
    if (index < 0 || index >= this.items.length) return;
    if (index >= this.items.length - PREFETCH_ROWS) void this.loadMore();
    const find = () => this.renderRoot.querySelector<HTMLElement>(`[role="article"][data-index="${index}"]`);
    if (!find()) {
      this.feed?.[virtualizerRef]?.element(index)?.scrollIntoView({ block: 'nearest' });
      await this.updateComplete;
      await new Promise((r) => requestAnimationFrame(r));
    }
    const target = find();
    target?.focus();
    target?.scrollIntoView({ block: 'nearest' });
  }

  private onVisibilityChanged(event: Event & { last?: number }): void {
    if ((event.last ?? 0) >= this.items.length - PREFETCH_ROWS) void this.loadMore();
  }

  // ---- rendering -----------------------------------------------------------------------------

  protected override render() {
    return html`
      <div class="ih-root">
        ${this.renderFilters()}
        ${this.renderProgress()}
        ${this.renderBody()}
        <ih-toast-region exportparts="toast, toast-error"></ih-toast-region>
      </div>`;
  }

  private renderFilters() {
    const busy = this.progress.running || this.counts.failed === 0;
    return html`
      <div class="filters" part="filters" role="group" aria-label=${COPY.filtersLabel}>
        <label>${COPY.stateLabel}
          <select name="state" @change=${(e: Event) => this.setFilter({ state: (e.target as HTMLSelectElement).value as DeliveryFilter['state'] })}>
            ${STATE_FILTERS.map((s) => html`<option value=${s} ?selected=${this.filter.state === s}>${STATE_FILTER_LABELS[s]}</option>`)}
          </select>
        </label>
        <label>${COPY.organizationLabel}
          <select name="organization" @change=${(e: Event) => this.setFilter({ organizationId: (e.target as HTMLSelectElement).value })}>
            <option value="" ?selected=${!this.filter.organizationId}>${COPY.allOrganizations}</option>
            ${this.organizations.map((o) => html`<option value=${o.id} ?selected=${this.filter.organizationId === o.id}>${o.name}</option>`)}
          </select>
        </label>
        <span class="counts" part="counts">${COPY.counts(this.counts)}</span>
        <button type="button" class="primary" part="button retry-all-button" aria-disabled=${busy ? 'true' : 'false'}
          @click=${() => void this.retry('all')}>${COPY.retryAll(this.counts.failed)}</button>
      </div>`;
  }

  private renderProgress() {
    const { total, done } = this.progress;
    if (total === null) return nothing;
    return html`
      <div class="progress" part="progress">
        <progress max=${total} .value=${done} aria-label=${COPY.progressLabel}></progress>
        <span role="status">${this.progress.finished ? COPY.progressDone(total, this.progress.failedAgain) : COPY.progress(done, total)}</span>
      </div>`;
  }

  private renderBody() {
    if (this.loading.state !== 'loaded') {
      const noIntegration = this.loading.state === 'idle';
      if (noIntegration) return html`<p class="message" part="message">${COPY.noIntegration}</p>`;
      return renderLoadState(this.loading.state, {
        waiting: COPY.waitingForToken, loading: COPY.loading, retry: COPY.retry,
        error: () => ({ heading: COPY.loadFailed, detail: this.loading.problem?.detail ?? this.loading.problem?.title ?? '' }),
        onRetry: () => this.load(),
      });
    }
    if (!this.items.length) {
      const filtered = this.filter.state || this.filter.organizationId;
      return html`<p class="message" part="message" role="status">${filtered ? COPY.empty : COPY.none}</p>`;
    }
    const setSize = this.nextCursor ? -1 : this.items.length;
    return html`
      <p class="hint" id="keys">${COPY.keysHint}</p>
      <div class="feed" part="feed" role="feed" aria-label=${COPY.feedLabel} aria-describedby="keys"
        aria-busy=${this.loadingMore || this.loading.refreshing ? 'true' : 'false'}
        @keydown=${this.onFeedKeydown} @visibilityChanged=${this.onVisibilityChanged}>
        ${virtualize({
          items: this.items, scroller: true,
          keyFunction: (e: DeliveryEntry | undefined, i: number) => e?.alertId ?? `gone-${i}`,
          renderItem: (e: DeliveryEntry | undefined, i: number) => (e ? this.renderEntry(e, i, setSize) : html``),
        })}
      </div>
      ${this.nextCursor
        ? html`<button type="button" part="button load-more-button" aria-disabled=${this.loadingMore ? 'true' : 'false'}
            @click=${() => void this.loadMore()}>${this.loadingMore ? COPY.loadingMore : COPY.loadMore}</button>`
        : nothing}`;
  }

  private renderEntry(e: DeliveryEntry, index: number, setSize: number) {
    const outcome = OUTCOME_LABELS[e.outcome];
    const organization = e.organizationName ?? e.organizationId;
    return html`
      <div class="entry" role="article" part="entry entry-${e.outcome}" tabindex="0" data-index=${index} data-alert-id=${e.alertId}
        aria-posinset=${index + 1} aria-setsize=${setSize} aria-label=${COPY.rowLabel(e.title, outcome, organization)}>
        <div class="when"><time datetime=${e.receivedAt}>${formatTime(e.receivedAt)}</time></div>
        <div class="what">
          <span class="title">${e.title}</span>
          <span class="meta">${organization} · ${e.alertType} · ${e.severity}</span>
        </div>
        <div class="result">
          <span class="outcome ${e.outcome}" part="outcome">${outcome}</span>
          ${e.ticketUrl && e.ticketNumber
            ? html`<a part="ticket-link" href=${e.ticketUrl} target="_blank" rel="noopener noreferrer">${COPY.ticket(e.ticketNumber)}</a>`
            : nothing}
          ${e.outcome === 'failed'
            ? html`<button type="button" part="button retry-button" aria-label=${COPY.retryOneLabel(e.title)}
                aria-disabled=${this.retrying.has(e.alertId) || this.progress.running ? 'true' : 'false'}
                @click=${() => void this.retry(e)}>${COPY.retryOne}</button>`
            : nothing}
        </div>
        ${e.reason ? html`<p class="reason" part="reason">${e.reason}</p>` : nothing}
      </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'delivery-log': DeliveryLog;
  }
}
