/**
 * @module `<integration-list>`: a partner's PSA or RMM integrations with their everyday actions:
 * pause/resume ticket delivery (PSA), disconnect/reconnect (RMM), edit, delete, add; and each
 * one's health with its on-demand actions (test ticket, billable-user sync, device "Sync now").
 */
import { html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { ApiConsumerElement } from '../../api/api-consumer-element.js';
import { ApiProblem } from '../../api/api-problem.js';
import type { IntegrationKind, IntegrationView } from '../../api/client.js';
import { IntegrationAddEvent } from '../../events/integration-add-event.js';
import { IntegrationChangeEvent } from '../../events/integration-change-event.js';
import { IntegrationEditEvent } from '../../events/integration-edit-event.js';
import type { IhConfirmDialog } from '../ih-confirm-dialog/ih-confirm-dialog.js';
import type { TagChunk } from '../../registry/load-tags.js';
import { CONFIRM_CHUNK } from '../ih-confirm-dialog/ask-lazily.js';
import type { IhToastRegion, ToastTone } from '../ih-toast-region/ih-toast-region.js';
import { showLazily, TOAST_CHUNK } from '../ih-toast-region/show-lazily.js';
import { AvailabilityWatch, renderAvailability } from '../shared/availability-watch.js';
import { renderLoadState } from '../shared/load-state.js';
import { anySyncRunning, SyncPoll } from '../shared/sync-poll.js';
import { PanelLoad } from '../shared/panel-load.js';
import { integrationOperations, type IntegrationOperations } from './integration-list.api.js';
import { COPY, KIND_COPY, loadErrorCopy, PSA_HEALTH_COPY, RMM_SYNC_COPY } from './integration-list.copy.js';
import { ClockController, PsaHealthController, renderPsaHealth, renderRmmSync } from './integration-list.health.js';
import { integrationListStyles } from './integration-list.styles.js';
import { IntegrationLogsPanel } from './integration-list.logs.js';
import { ListConfirmation } from './integration-list.confirm.js';

type RowAction = 'pause' | 'resume' | 'disconnect' | 'reconnect';

/**
 * Lists the partner's PSA or RMM integrations (vendor, account, status) with their actions: a
 * "Deliver tickets" switch (PSA), Disconnect/Reconnect (RMM), Edit, Delete, and "Add PSA"/"Add RMM".
 * Destructive actions ask first in a modal dialog; results and errors appear as toasts. When the
 * dialog's code cannot be fetched, an alert above the list says so ("The confirmation could not be
 * opened…") with a Retry, and nothing is changed.
 *
 * Each PSA row past setup also shows its delivery health, loaded after the list from
 * `GET …/integrations/:id/health`: "Last delivery 3 min ago · 2 queued · 1 failed", the advice for
 * the failures ("What to do about failed deliveries to …" list), and "Next billable-user sync: 5 Dec"
 * when billable-user sync is on; "Health unavailable" when it could not be read (the row still works).
 * An active PSA's health also says how ticket status arrives (role=status): "Ticket status: by push
 * from Autotask", or "Ticket status: checked every 15 minutes — Autotask refused the webhook
 * (permission): <what to change in Autotask> Tried again at 10:58." with "Try again now".
 * Its actions: "Send test ticket" (active rows; toast "Test ticket T20241205.0001 created in
 * Kaseya BMS (ticket id 9006). It is marked [TEST]; you can close it.") and "Sync billable users now"
 * (billable-user sync on; toast "Billable users synced to Kaseya BMS. Sent 2, failed 0." plus
 * ", skipped N" when organizations were skipped; with failures it is an error toast naming the first
 * failing organization and the PSA's reason).
 * An active PSA that does not answer shows an outage banner on its row (role=status): "Autotask has
 * not answered since 10:42 (HTTP 503). 37 alerts are waiting and will be delivered when it answers;
 * next try 10:58.", then "Autotask answers again; delivering the 37 alerts that waited." while they
 * drain, and a toast "Autotask answers again. 37 alerts were delivered late." once they have. While
 * a PSA is unavailable or has alerts waiting the list reloads every 5 s; otherwise it does not poll.
 * Each connected RMM row shows its device sync: "Last sync 5 min ago · 46 devices · 320 activity
 * entries", "Sync failed 2 min ago: <error>" over "Last successful sync … · …" (or "No successful
 * sync yet · …"), "Not synced yet" or "Syncing now…", and "User activity: not offered by Syncro"
 * where the vendor has no activity feed (no activity count then). "Sync now" runs a sync, toasts
 * "Datto RMM synced: 46 devices, 320 activity entries." (or, as an error toast, "The Datto RMM sync
 * failed: <reason> What was read before the failure is kept.") and reloads the list. Health buttons
 * are named with the vendor ("Send test ticket to Kaseya BMS", "Sync billable users now to Kaseya
 * BMS", "Try again now to register the Autotask webhook", "Sync now Datto RMM") and follow Delete
 * in Tab order. Relative times ("just now", "3 min ago", "2 h ago", "yesterday", "4 days ago", "on
 * 5 Dec") stay current while the list is open.
 *
 * Last in each row, "Delivery log" (PSA past setup) and "Audit log" open the row's `<delivery-log>`
 * or `<audit-log>` in a modal dialog; Escape or Close shuts it and focus returns to the button.
 *
 * Gets the BFF address and token from its own `api-base` / `token`, else from a surrounding
 * `<integration-hub>`. Inside a hub that has no token yet it waits for one instead of calling; on
 * its own without a token it calls and shows the BFF's "not signed in" answer. It loads when
 * connected and again whenever `kind`, the API base or the token change.
 *
 * @summary A partner's PSA or RMM integrations with pause, disconnect, edit, delete and add.
 *
 * @attr kind - `psa` or `rmm`: which integrations to list. Reflected. Default `psa`.
 * @attr api-base - Base URL of the BFF's API. Wins over the hub's. Default `/api`.
 *
 * @prop {'psa' | 'rmm'} kind - As the attribute.
 * @prop {string | undefined} apiBase - As the `api-base` attribute.
 * @prop {string | undefined} token - Bearer token (JWT) for the BFF. Wins over the hub's. Property only, never reflected.
 * @prop {string} effectiveApiBase - Read-only: the API base in use (own, else the hub's, else `/api`).
 * @prop {Promise<void>} loadComplete - Read-only: settles when the load in progress has finished.
 * @method refresh - `refresh(): Promise<void>` loads the list again (rows stay on screen meanwhile).
 *
 * @fires integration-edit - {integrationId, vendor, kind}: Edit (or "Finish setup") was chosen; open the wizard with `integration-id`.
 * @fires integration-add - {kind}: "Add PSA" / "Add RMM" was chosen; offer the vendors of that kind.
 * @fires integration-health-change - {integrationId, vendor, vendorLabel, state, since, lastStatus, waiting, nextTryAt, deliveredLate}: a PSA stopped answering, its waiting alerts or next try changed, or it answers again.
 * @fires integration-change - {integrationId, kind, status}: this list paused, resumed, disconnected, reconnected or deleted one (status `deleted`). Inside a hub, every other element refreshes.
 * @fires token-expired - {apiBase}: the BFF refused the token (401); the refused call is sent again once a new `token` is set.
 *
 * @cssproperty --ih-font-family - Font of all text.
 * @cssproperty --ih-font-size - Base font size.
 * @cssproperty --ih-color-text - Main text colour.
 * @cssproperty --ih-color-text-muted - Secondary text (account, health lines, empty and loading messages) and the switch's off track.
 * @cssproperty --ih-color-surface - Background of rows, buttons, dialog and toasts.
 * @cssproperty --ih-color-surface-muted - Status pill and button hover background.
 * @cssproperty --ih-color-border - Borders of rows (and the line above a row's health), buttons, dialog and toasts.
 * @cssproperty --ih-color-accent - Primary buttons, the switch's on track, info toasts.
 * @cssproperty --ih-color-on-accent - Text on accent backgrounds.
 * @cssproperty --ih-color-danger - Destructive buttons, errors, a failed device sync.
 * @cssproperty --ih-color-on-danger - Text on danger backgrounds.
 * @cssproperty --ih-color-success - "Active"/"Connected" status, success toasts.
 * @cssproperty --ih-color-warning - "Paused"/"Setup not finished" status.
 * @cssproperty --ih-color-focus - Focus ring.
 * @cssproperty --ih-radius - Corner radius of rows, buttons, dialog, toasts.
 * @cssproperty --ih-space - Spacing unit; paddings and gaps are multiples of it.
 * @cssproperty --ih-shadow - Shadow of the dialog and toasts.
 * @cssproperty --ih-toast-inset-top - How far below the window's top edge toasts start (the height of the host's sticky header). Default `0px`.
 *
 * @csspart token-expired - "Your session has expired…", shown while a refused call waits for a new token.
 * @csspart header - The bar holding the Add button.
 * @csspart add-button - "Add PSA" / "Add RMM".
 * @csspart list - The `<ul>` of integrations.
 * @csspart row - One integration (`<li>`).
 * @csspart vendor - The vendor's name in a row.
 * @csspart account - The vendor account's name in a row, when known.
 * @csspart status - The status pill; also `status-active`, `status-paused`, `status-connected`, `status-disconnected`, `status-draft`.
 * @csspart status-active - The pill of an Active PSA (with `status`).
 * @csspart status-paused - The pill of a Paused PSA (with `status`).
 * @csspart status-connected - The pill of a Connected RMM (with `status`).
 * @csspart status-disconnected - The pill of a Disconnected RMM (with `status`).
 * @csspart status-draft - The pill of a "Setup not finished" integration (with `status`).
 * @csspart switch - The "Deliver tickets" switch (PSA).
 * @csspart availability - A PSA row's outage banner (and, after it, the "delivering the alerts that waited" line).
 * @csspart availability-unavailable - The banner while the PSA does not answer (with `availability`).
 * @csspart health - A PSA row's health section (health line, advice, next billable-user sync, its buttons).
 * @csspart health-advice - The list of what to do about failed deliveries.
 * @csspart test-ticket-button - "Send test ticket" (active PSA).
 * @csspart billable-sync-button - "Sync billable users now" (PSA with billable-user sync on).
 * @csspart ticket-push - "Ticket status: …" in the health section (by push, or polled and why).
 * @csspart push-retry-button - "Try again now" (active PSA whose webhook registration failed).
 * @csspart sync - A connected RMM row's device sync section (summary, error, user activity note, its button).
 * @csspart sync-error - "Sync failed …: <error>" in the sync section.
 * @csspart sync-button - "Sync now" (connected RMM).
 * @csspart connection-button - Disconnect / Reconnect (RMM).
 * @csspart edit-button - Edit / Finish setup.
 * @csspart delete-button - Delete.
 * @csspart delivery-log-button - "Delivery log" (PSA past setup): opens the row's `<delivery-log>` in a dialog.
 * @csspart audit-log-button - "Audit log": opens the row's `<audit-log>` in a dialog.
 * @csspart logs-dialog - The `<dialog>` holding a row's delivery or audit log.
 * @csspart action-alert - The alert region above the list; it shows when a confirmation's code could not be fetched.
 * @csspart action-error - "The confirmation could not be opened…" with Retry, inside `action-alert`.
 * @csspart retry-button - Retry after a failed load (of the list, or of a confirmation's code).
 * @csspart button - Every button, including the dialog's.
 * @csspart message - Loading, waiting and empty-state text.
 * @csspart error - The box shown when the list could not load.
 * @csspart dialog - The confirmation `<dialog>`.
 * @csspart dialog-title - The confirmation's question.
 * @csspart dialog-message - The confirmation's explanation.
 * @csspart toast - Every toast; error toasts also have `toast-error`.
 * @csspart toast-error - Error toasts (with `toast`).
 */
export class IntegrationList extends ApiConsumerElement {
  static override styles = integrationListStyles;

  /** Which integrations to list: `psa` or `rmm`. Reflected. Default `psa`. */
  @property({ reflect: true }) kind: IntegrationKind = 'psa';

  @state() private integrations: IntegrationView[] = [];
  /** Ids of rows with a request in flight; their buttons are aria-disabled (not disabled, so focus stays). */
  @state() private pending = new Set<string>();
  /** The row whose test ticket is on its way (the button says so while the vendor answers). */
  @state() private sendingTicketFor: string | null = null;

  /**
   * @internal Where the confirmation's and the toasts' code come from on a page that has not defined
   * them yet (a test makes these fetches fail).
   */
  static lazyChunks: { confirm: TagChunk; toast: TagChunk } = { confirm: CONFIRM_CHUNK, toast: TOAST_CHUNK };

  @query('ih-confirm-dialog') private confirmDialog!: IhConfirmDialog;
  @query('ih-toast-region') private toastRegion!: IhToastRegion;
  @query('[part~="add-button"]') private addButton!: HTMLButtonElement;

  private readonly loading = new PanelLoad<IntegrationView[]>(this, 'loading', () => this.effectiveApiBase);
  private operationsClient?: { client: unknown; operations: IntegrationOperations };
  private readonly clock = new ClockController(this);
  private readonly health = new PsaHealthController(this, () => this.operations, () => this.clock.tick());
  private readonly availability = new AvailabilityWatch(this, { poll: () => this.pollAvailability(), toast: (message) => this.toast(message) });
  /** While an RMM row syncs (a new connection's first sync starts at once), the list is read again until it ends. */
  private readonly syncPoll = new SyncPoll(this, () => this.pollSync());
  private readonly confirmation = new ListConfirmation(this, () => this.confirmDialog, () => IntegrationList.lazyChunks.confirm, COPY.retry);
  private readonly logs = new IntegrationLogsPanel(this, () => ({ apiBase: this.effectiveApiBase, token: this.effectiveToken }));

  /** The per-row operations over the client in effect (rebuilt when the API base changes). */
  private get operations(): IntegrationOperations {
    const client = this.api;
    if (this.operationsClient?.client !== client) this.operationsClient = { client, operations: integrationOperations(client) };
    return this.operationsClient.operations;
  }

  /** Resolves when the load in progress (if any) has finished, successfully or not. */
  get loadComplete(): Promise<void> {
    return this.loading.complete;
  }

  /** Loads the list again, keeping the rows on screen meanwhile. Resolves when done. */
  refresh(): Promise<void> {
    return this.load();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // A change made elsewhere in the hub (another list, a wizard, an Applications tab) reloads too.
    if (!this.hasUpdated || changed.has('kind') || this.connectionChanged(changed) || this.hubStateChanged(changed)) void this.load();
  }

  /** A toast in the list's region (whose code arrives with the first toast on a lazily loaded page). */
  private toast(message: string, tone?: ToastTone): void {
    showLazily(() => this.toastRegion, message, tone, IntegrationList.lazyChunks.toast);
  }

  private load(): Promise<void> {
    // Inside a hub whose host has not set the token yet: calling now could only fail. The token's arrival reloads.
    if (!this.effectiveToken && this.hubConnection) return this.loading.settle('waiting');
    const kind = this.kind;
    return this.loading.run((signal) => this.api.integrations.list(kind, signal), (rows) => {
      this.integrations = rows;
      this.availability.observe(rows);
      this.syncPoll.observe(anySyncRunning(rows));
      this.clock.tick();
      // After the list, not before: rows show at once; each health answer fills its own row.
      if (kind === 'psa') void this.health.loadFor(rows);
    }, { keepShown: true });
  }

  /** While a PSA is down or has alerts waiting: the list again, quietly (no busy state, no health reloads). */
  private async pollAvailability(): Promise<void> {
    if (this.kind !== 'psa' || this.loading.state !== 'loaded') return;
    try {
      const rows = await this.api.integrations.list('psa');
      this.integrations = rows;
      this.availability.observe(rows);
    } catch {
      // A failed poll changes nothing on screen; the next load or refresh() reads it again.
    }
  }

  /** While an RMM sync runs: the list again, quietly, until every row shows its result. */
  private async pollSync(): Promise<void> {
    if (this.kind !== 'rmm' || this.loading.state !== 'loaded') return;
    try {
      this.integrations = await this.api.integrations.list('rmm');
      this.clock.tick();
    } catch {
      // A failed read changes nothing on screen; the next one (or Sync now) reads it again.
    }
    this.syncPoll.observe(anySyncRunning(this.integrations));
  }

  // ---- actions -------------------------------------------------------------------------------

  private async runAction(row: IntegrationView, action: RowAction): Promise<void> {
    if (this.pending.has(row.id)) return;
    if (action === 'disconnect') {
      const confirmed = await this.confirmation.ask(row, {
        title: COPY.disconnectTitle(row.vendorLabel), message: COPY.disconnectMessage(row.vendorLabel, row.sync?.userActivity !== 'not_offered'), confirmLabel: COPY.disconnect, tone: 'danger',
      }, 'connection-button', () => this.runAction(row, action));
      if (!confirmed) return;
    }
    await this.withPending(row, async () => {
      const updated = await this.api.integrations[action](row.id);
      this.integrations = this.integrations.map((r) => (r.id === updated.id ? updated : r));
      this.dispatchEvent(new IntegrationChangeEvent({ integrationId: updated.id, kind: updated.kind, status: updated.status }));
      const toast = { pause: COPY.paused, resume: COPY.resumed, disconnect: COPY.disconnected, reconnect: COPY.reconnected }[action];
      this.toast(toast(row.vendorLabel));
    });
  }

  private async deleteIntegration(row: IntegrationView): Promise<void> {
    if (this.pending.has(row.id)) return;
    const confirmed = await this.confirmation.ask(row, {
      title: COPY.deleteTitle(row.vendorLabel), message: KIND_COPY[this.kind].deleteConsequence(row.vendorLabel, row.sync?.userActivity !== 'not_offered'), confirmLabel: COPY.delete, tone: 'danger',
    }, 'delete-button', () => this.deleteIntegration(row));
    if (!confirmed) return;
    await this.withPending(row, async () => {
      await this.api.integrations.remove(row.id);
      this.integrations = this.integrations.filter((r) => r.id !== row.id);
      this.dispatchEvent(new IntegrationChangeEvent({ integrationId: row.id, kind: row.kind, status: 'deleted' }));
      this.toast(COPY.deleted(row.vendorLabel));
      // The row (and the focused Delete button) is gone: give focus a stable place.
      await this.updateComplete;
      this.addButton.focus();
    });
  }

  /** Marks the row busy while `work` runs; a failure becomes an error toast and a reload (the row may have changed elsewhere). */
  private async withPending(row: IntegrationView, work: () => Promise<void>): Promise<void> {
    this.pending = new Set(this.pending).add(row.id);
    try {
      await work();
    } catch (error) {
      const problem = error instanceof ApiProblem ? error : ApiProblem.network(this.effectiveApiBase, error);
      this.toast(COPY.actionFailed(problem), 'error');
      void this.load();
    } finally {
      const next = new Set(this.pending);
      next.delete(row.id);
      this.pending = next;
    }
  }

  private async sendTestTicket(row: IntegrationView): Promise<void> {
    if (this.pending.has(row.id)) return;
    this.sendingTicketFor = row.id;
    try {
      await this.withPending(row, async () => {
        const ticket = await this.operations.sendTestTicket(row.id);
        this.toast(PSA_HEALTH_COPY.testTicketSent(row.vendorLabel, ticket));
      });
    } finally {
      this.sendingTicketFor = null;
    }
  }

  private async syncBillableUsers(row: IntegrationView): Promise<void> {
    if (this.pending.has(row.id)) return;
    await this.withPending(row, async () => {
      const { results, skipped } = await this.operations.syncBillableUsers(row.id);
      const failures = results.filter((r) => r.status === 'failed');
      const message = PSA_HEALTH_COPY.billableSynced(row.vendorLabel, results.length - failures.length, failures.length, skipped.length);
      const first = failures[0];
      this.toast(first ? `${message} ${PSA_HEALTH_COPY.billableFirstFailure(first.organizationName, first.error)}` : message, first ? 'error' : 'success');
      void this.health.reload(row.id);
    });
  }

  /** "Try again now": the line reads "Trying again now."; the health controller reads the worker's outcome. */
  private async retryPush(row: IntegrationView): Promise<void> {
    if (this.pending.has(row.id)) return;
    await this.withPending(row, async () => {
      await this.operations.retryPush(row.id);
      await this.health.reload(row.id);
    });
  }

  private async syncDevices(row: IntegrationView): Promise<void> {
    if (this.pending.has(row.id)) return;
    await this.withPending(row, async () => {
      const result = await this.operations.syncDevices(row.id);
      this.clock.tick();
      this.integrations = this.integrations.map((r) => (r.id === row.id ? { ...r, sync: result.sync } : r));
      const offered = result.sync.userActivity === 'recorded';
      if (result.outcome === 'failed') this.toast(RMM_SYNC_COPY.syncFailed(row.vendorLabel, result.error?.message ?? ''), 'error');
      else this.toast(RMM_SYNC_COPY.synced(row.vendorLabel, result.sync.deviceCount, result.sync.activityCount, offered, result.sitesAutoMapped));
      // The run may have changed more than this row's summary (another admin, the scheduler): show the BFF's view.
      void this.load();
    });
  }

  private edit(row: IntegrationView): void {
    this.dispatchEvent(new IntegrationEditEvent({ integrationId: row.id, vendor: row.vendor, kind: row.kind }));
  }

  private add(): void {
    this.dispatchEvent(new IntegrationAddEvent({ kind: this.kind }));
  }

  // ---- rendering -----------------------------------------------------------------------------

  protected override render() {
    const copy = KIND_COPY[this.kind] ?? KIND_COPY.psa;
    return html`
      <div class="ih-root">
        ${this.renderTokenState()}
        <div class="header" part="header">
          <button type="button" class="primary" part="button add-button" @click=${this.add}>${copy.add}</button>
        </div>
        ${this.confirmation.render()}
        ${this.renderBody()}
        <ih-confirm-dialog exportparts="dialog, dialog-title, dialog-message, button"></ih-confirm-dialog>
        <ih-toast-region exportparts="toast, toast-error"></ih-toast-region>
        ${this.logs.renderDialog()}
      </div>`;
  }

  private renderBody() {
    if (this.loading.state !== 'loaded') {
      return renderLoadState(this.loading.state, {
        waiting: COPY.waitingForToken, loading: COPY.loading, retry: COPY.retry,
        error: () => loadErrorCopy(this.loading.problem!, this.kind), onRetry: () => this.load(),
      });
    }
    const copy = KIND_COPY[this.kind] ?? KIND_COPY.psa;
    if (!this.integrations.length) return html`<p class="message" part="message">${copy.empty}</p>`;
    return html`
      <ul class="list" part="list" aria-label=${copy.listLabel} aria-busy=${this.loading.refreshing ? 'true' : 'false'}>
        ${repeat(this.integrations, (row) => row.id, (row) => this.renderRow(row))}
      </ul>`;
  }

  private renderRow(row: IntegrationView) {
    const busy = this.pending.has(row.id);
    const draft = row.status === 'draft';
    return html`
      <li class="row" part="row" data-id=${row.id}>
        <div class="identity">
          <span class="vendor" part="vendor">${row.vendorLabel}</span>
          ${row.accountLabel ? html`<span class="account" part="account">${row.accountLabel}</span>` : nothing}
          <span class="status ${row.status}" part="status status-${row.status}">${row.statusLabel}</span>
        </div>
        <div class="actions">
          ${row.kind === 'psa' ? this.renderSwitch(row, busy) : this.renderConnectionButton(row, busy)}
          <button type="button" part="button edit-button" aria-label="${draft ? COPY.finishSetup : COPY.edit} ${row.vendorLabel}"
            @click=${() => this.edit(row)}>${draft ? COPY.finishSetup : COPY.edit}</button>
          <button type="button" class="danger-quiet" part="button delete-button" aria-label="${COPY.delete} ${row.vendorLabel}"
            aria-disabled=${busy ? 'true' : 'false'} @click=${() => void this.deleteIntegration(row)}>${COPY.delete}</button>
        </div>
        ${row.kind === 'psa' ? renderAvailability(row, this.availability.isDraining(row.id)) : nothing}
        ${row.kind === 'psa'
          ? renderPsaHealth(row, this.health.entry(row.id), this.clock.now, {
            busy, sendingTestTicket: this.sendingTicketFor === row.id, sendTestTicket: () => void this.sendTestTicket(row), syncBillableUsers: () => void this.syncBillableUsers(row),
            retryPush: () => void this.retryPush(row),
          })
          : renderRmmSync(row, this.clock.now, { busy, syncNow: () => void this.syncDevices(row) })}
        <div class="logs-actions">${this.logs.renderButtons(row)}</div>
      </li>`;
  }

  /** One element for both states, so focus stays on it while it flips. Hidden until setup is finished. */
  private renderSwitch(row: IntegrationView, busy: boolean) {
    if (row.status !== 'active' && row.status !== 'paused') return nothing;
    const on = row.status === 'active';
    return html`
      <button type="button" role="switch" class="switch" part="switch" aria-checked=${on ? 'true' : 'false'}
        aria-label="${COPY.deliverTickets} to ${row.vendorLabel}" aria-disabled=${busy ? 'true' : 'false'}
        @click=${() => void this.runAction(row, on ? 'pause' : 'resume')}>
        <span class="track" aria-hidden="true"><span class="thumb"></span></span>
        <span>${COPY.deliverTickets}</span>
      </button>`;
  }

  private renderConnectionButton(row: IntegrationView, busy: boolean) {
    if (row.status !== 'connected' && row.status !== 'disconnected') return nothing;
    const connected = row.status === 'connected';
    const label = connected ? COPY.disconnect : COPY.reconnect;
    return html`
      <button type="button" part="button connection-button" aria-label="${label} ${row.vendorLabel}" aria-disabled=${busy ? 'true' : 'false'}
        @click=${() => void this.runAction(row, connected ? 'disconnect' : 'reconnect')}>${label}</button>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'integration-list': IntegrationList;
  }
}
