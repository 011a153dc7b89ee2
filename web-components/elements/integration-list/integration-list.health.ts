/**
 * @module The second line of an `<integration-list>` row: a PSA's delivery health (loaded per row
 * after the list) and how ticket status arrives (by push, or polled and why), with "Send test
 * ticket", "Try again now" (a failed webhook registration) and "Sync billable users now", and an
 * RMM's device sync summary with "Sync now". Also the clock that keeps "3 min ago" true while the list stays open.
 */
import { html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import type { IntegrationView } from '../../api/client.js';
import type { IntegrationOperations, PsaHealth } from './integration-list.api.js';
import { PSA_HEALTH_COPY as H, RMM_SYNC_COPY as S } from './integration-list.copy.js';
import { clockTime, shortDate, timeAgo } from './integration-list.format.js';

/** One PSA row's health: loading (keeping what it showed before, if anything), loaded, or unavailable. */
export type HealthEntry =
  | { state: 'loading'; health?: PsaHealth }
  | { state: 'loaded'; health: PsaHealth }
  | { state: 'unavailable' };

/** A failed webhook registration's outcome is read this long after its retry time (the worker's pass, the vendor's answer). */
const PUSH_RESULT_DELAY_MS = 3_000;

/**
 * Loads `GET /integrations/:id/health` for every PSA row that is past setup, all at once. A row's
 * failure only marks that row "unavailable"; a new list load aborts the answers still on their way.
 * A row whose webhook registration failed is read again once its retry is due, so its "Ticket
 * status" line tells the outcome while the list stays open.
 */
export class PsaHealthController implements ReactiveController {
  private entries = new Map<string, HealthEntry>();
  private abort = new AbortController();
  /** Per row: the retry time followed, and the timer that reads the outcome after it. */
  private follows = new Map<string, { at: string; timer: ReturnType<typeof setTimeout> }>();

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly operations: () => IntegrationOperations,
    /** Called as an answer arrives, before the render that shows it (the list ticks its clock: a retry time just passed reads "now"). */
    private readonly arrived: () => void = () => {},
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    // Back in the document (moved by its host): later reloads need a live signal again.
    if (this.abort.signal.aborted) this.abort = new AbortController();
  }

  hostDisconnected(): void {
    this.abort.abort();
    this.stopFollowing();
  }

  entry(id: string): HealthEntry | undefined {
    return this.entries.get(id);
  }

  /** Loads the health of `rows`' PSA integrations (drafts have none); resolves when every answer is in. */
  async loadFor(rows: IntegrationView[]): Promise<void> {
    this.abort.abort();
    this.abort = new AbortController();
    this.stopFollowing();
    const wanted = rows.filter((r) => r.kind === 'psa' && r.status !== 'draft');
    this.entries = new Map(wanted.map((r) => [r.id, this.loadingEntry(r.id)]));
    this.host.requestUpdate();
    const signal = this.abort.signal;
    await Promise.all(wanted.map((r) => this.fetch(r.id, signal)));
  }

  /** Loads one row's health again (after an action changed it). */
  async reload(id: string): Promise<void> {
    if (!this.entries.has(id)) return;
    this.entries.set(id, this.loadingEntry(id));
    this.host.requestUpdate();
    await this.fetch(id, this.abort.signal);
  }

  private loadingEntry(id: string): HealthEntry {
    const previous = this.entries.get(id);
    return { state: 'loading', health: previous && previous.state !== 'unavailable' ? previous.health : undefined };
  }

  private async fetch(id: string, signal: AbortSignal): Promise<void> {
    let next: HealthEntry;
    try {
      next = { state: 'loaded', health: await this.operations().health(id, signal) };
    } catch {
      // Any failure (network, 5xx, a row deleted meanwhile) leaves the row usable, only without health.
      next = { state: 'unavailable' };
    }
    if (signal.aborted || !this.entries.has(id)) return;
    this.entries.set(id, next);
    this.arrived();
    this.host.requestUpdate();
    if (next.state === 'loaded') this.followPush(id, next.health.ticketPush.failure?.nextTryAt);
  }

  /**
   * Reads the row again once the worker has tried (its pass after the retry time, then the vendor's
   * answer). A retry time already followed and past means no worker has tried: stop, rather than
   * ask every few seconds.
   */
  private followPush(id: string, at: string | undefined): void {
    const previous = this.follows.get(id);
    if (previous && previous.at === at) {
      if (Date.parse(at) <= Date.now()) this.follows.delete(id);
      return;
    }
    clearTimeout(previous?.timer);
    this.follows.delete(id);
    if (!at) return;
    const wait = Math.min(Math.max(0, Date.parse(at) - Date.now()) + PUSH_RESULT_DELAY_MS, 3_600_000);
    this.follows.set(id, { at, timer: setTimeout(() => void this.reload(id), wait) });
  }

  private stopFollowing(): void {
    for (const { timer } of this.follows.values()) clearTimeout(timer);
    this.follows.clear();
  }
}

/** Re-renders the host every 30 s while connected, so relative times ("3 min ago") stay true. */
export class ClockController implements ReactiveController {
  now = new Date();
  private timer?: ReturnType<typeof setInterval>;

  constructor(private readonly host: ReactiveControllerHost, private readonly everyMs = 30_000) {
    host.addController(this);
  }

  hostConnected(): void {
    this.now = new Date();
    this.timer = setInterval(() => {
      this.now = new Date();
      this.host.requestUpdate();
    }, this.everyMs);
  }

  hostDisconnected(): void {
    clearInterval(this.timer);
  }

  /** Takes the current time (before a render that shows fresh data). */
  tick(): void {
    this.now = new Date();
  }
}

const joined = (parts: Array<string | false | null | undefined>) => parts.filter(Boolean).join(' · ');

export interface PsaHealthActions {
  busy: boolean;
  /** The test ticket is on its way: the button shows progress and a status line announces it. */
  sendingTestTicket: boolean;
  sendTestTicket(): void;
  syncBillableUsers(): void;
  retryPush(): void;
}

/**
 * How ticket status changes reach the platform: by push, or polled and why, with the fix and the
 * next try. A live region (polite), so a change while the panel is open is read out.
 */
function renderTicketPush(row: IntegrationView, push: PsaHealth['ticketPush'], now: Date) {
  const vendor = row.vendorLabel;
  const failure = push.failure;
  let text: string;
  const at = push.replacementAt;
  if (push.state === 'registered') text = H.pushLive(vendor);
  else if (push.state === 'deactivated') text = H.polled(push.pollMinutes, `${H.pushDeactivated(vendor)}${at ? ` ${H.pushReplaced(Date.parse(at) > now.getTime() ? clockTime(at) : null)}` : ''}`);
  else if (push.state === 'off') text = H.polled(push.pollMinutes, H.pushOff(vendor));
  else if (!failure) text = H.polled(push.pollMinutes, H.pushPending(vendor));
  else {
    const next = Date.parse(failure.nextTryAt) > now.getTime() ? clockTime(failure.nextTryAt) : null;
    text = `${H.polled(push.pollMinutes, H.pushFailed(vendor, failure.refused, failure.reason))} ${failure.advice} ${H.pushNextTry(next)}`;
  }
  return html`<p role="status" part="ticket-push" class=${failure ? 'problem' : ''}>${text}</p>`;
}

/** The PSA row's health line(s), failure advice, next billable-user sync and its two actions. */
export function renderPsaHealth(row: IntegrationView, entry: HealthEntry | undefined, now: Date, actions: PsaHealthActions) {
  if (row.status === 'draft') return nothing;
  const health = entry && entry.state !== 'unavailable' ? entry.health : undefined;
  const billable = health?.billableSync.enabled ? health.billableSync : undefined;
  const disabled = actions.busy ? 'true' : 'false';
  return html`
    <div class="details" part="health">
      <div class="facts">
        ${entry?.state === 'unavailable' ? html`<p class="muted">${H.unavailable}</p>` : nothing}
        ${health ? html`
          <p>${joined([
            health.lastDelivery?.deliveredAt ? H.lastDelivery(timeAgo(health.lastDelivery.deliveredAt, now)) : H.noDelivery,
            health.queue.depth > 0 && H.queued(health.queue.depth),
            health.failures.total > 0 && H.failed(health.failures.total),
          ])}</p>
          ${health.failures.total > 0 && health.failures.advice.length ? html`
            <ul class="advice" part="health-advice" aria-label=${H.adviceLabel(row.vendorLabel)}>
              ${health.failures.advice.map((a) => html`<li>${a.advice} <span class="muted">${H.adviceCount(a.count)}</span></li>`)}
            </ul>` : nothing}
          ${billable?.nextSyncDate ? html`<p>${H.nextBillableSync(shortDate(billable.nextSyncDate, now))}</p>` : nothing}
          ${row.status === 'active' ? renderTicketPush(row, health.ticketPush, now) : nothing}` : nothing}
      </div>
      <div class="ops">
        ${row.status === 'active' ? html`
          <button type="button" part="button test-ticket-button"
            aria-label=${actions.sendingTestTicket ? H.sendingTestTicketLabel(row.vendorLabel) : H.sendTestTicketLabel(row.vendorLabel)}
            aria-disabled=${disabled} aria-busy=${actions.sendingTestTicket ? 'true' : 'false'}
            @click=${actions.sendTestTicket}>${actions.sendingTestTicket ? H.sendingTestTicket : H.sendTestTicket}</button>
          <span class="muted" role="status" part="test-ticket-progress">${actions.sendingTestTicket ? H.sendingTestTicketStatus(row.vendorLabel) : ''}</span>` : nothing}
        ${row.status === 'active' && health?.ticketPush.state === 'failing' ? html`
          <button type="button" part="button push-retry-button" aria-label=${H.retryPushLabel(row.vendorLabel)}
            aria-disabled=${disabled} @click=${actions.retryPush}>${H.retryPush}</button>` : nothing}
        ${billable ? html`
          <button type="button" part="button billable-sync-button" aria-label=${H.syncBillableUsersLabel(row.vendorLabel)}
            aria-disabled=${disabled} @click=${actions.syncBillableUsers}>${H.syncBillableUsers}</button>` : nothing}
      </div>
    </div>`;
}

export interface RmmSyncActions {
  busy: boolean;
  syncNow(): void;
}

/** The connected RMM row's device sync summary and "Sync now". */
export function renderRmmSync(row: IntegrationView, now: Date, actions: RmmSyncActions) {
  const sync = row.sync;
  if (row.status !== 'connected' || !sync) return nothing;
  const offered = sync.userActivity === 'recorded';
  const counts = [S.devices(sync.deviceCount), offered && S.activity(sync.activityCount)];
  const ago = (iso: string | null) => (iso ? timeAgo(iso, now) : null);
  let summary: string;
  if (sync.state === 'running') summary = joined([S.running, ...counts]);
  else if (sync.state === 'never') summary = S.neverSynced;
  else if (sync.state === 'failed') summary = joined([sync.lastSuccessAt ? S.lastSuccess(ago(sync.lastSuccessAt)!) : S.noSuccess, ...counts]);
  else summary = joined([S.lastSync(ago(sync.lastSyncAt) ?? ''), ...counts]);
  return html`
    <div class="details" part="sync">
      <div class="facts">
        ${sync.state === 'failed' ? html`<p class="problem" part="sync-error">${S.failed(ago(sync.lastSyncAt), sync.lastError ?? '')}</p>` : nothing}
        <p>${summary}</p>
        ${offered ? nothing : html`<p>${S.activityNotOffered(row.vendorLabel)}</p>`}
      </div>
      <div class="ops">
        <button type="button" part="button sync-button" aria-label=${S.syncNowLabel(row.vendorLabel)}
          aria-disabled=${actions.busy ? 'true' : 'false'} @click=${actions.syncNow}>${S.syncNow}</button>
      </div>
    </div>`;
}
