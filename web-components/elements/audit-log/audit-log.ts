/**
 * @module `<audit-log>`: who changed what on one integration, and when, with the settings before
 * and after each change (credentials are never sent by the BFF; it shows "(hidden)" in their place).
 */
import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { ApiConsumerElement } from '../../api/api-consumer-element.js';
import { asProblem } from '../../wizards/shared/wizard-api.js';
import type { IhToastRegion } from '../ih-toast-region/ih-toast-region.js';
import { renderLoadState } from '../shared/load-state.js';
import { PanelLoad } from '../shared/panel-load.js';
import { AUDIT_COPY as COPY, formatTime } from '../delivery-log/delivery-log.copy.js';
import { logStyles } from '../delivery-log/delivery-log.styles.js';
import { integrationLogsApi, type AuditEntry, type AuditPage, type IntegrationLogsApi } from '../delivery-log/integration-logs.api.js';
import { auditLogStyles } from './audit-log.styles.js';

/** One changed setting: its name and its value before and after (as text). */
interface Change {
  key: string;
  before: string;
  after: string;
}

const asText = (value: unknown): string => (value === undefined || value === null || value === '' ? COPY.unset : typeof value === 'string' ? value : JSON.stringify(value));

/** The settings an entry changed, one line per key (unchanged keys left out when both sides are known). */
export function changesOf(entry: Pick<AuditEntry, 'before' | 'after'>): Change[] {
  const record = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' && !Array.isArray(v) ? v as Record<string, unknown> : v === null || v === undefined ? {} : { value: v });
  const before = record(entry.before);
  const after = record(entry.after);
  const both = entry.before !== null && entry.before !== undefined && entry.after !== null && entry.after !== undefined;
  return [...new Set([...Object.keys(before), ...Object.keys(after)])]
    .map((key) => ({ key, before: asText(before[key]), after: asText(after[key]) }))
    .filter((c) => !both || c.before !== c.after);
}

/**
 * Lists one integration's recorded changes, newest first: when, who (the token's `sub`), what in
 * words ("Paused ticket delivery", "Changed the account mapping", "Retried failed deliveries"), and
 * a table of each changed setting before and after. Pages of 50 load from the server ("Load more
 * changes"). Credential values never appear: the BFF replaces them with "(hidden)".
 *
 * @summary Who changed what on one integration, and when, with before and after.
 *
 * @attr integration-id - The integration whose changes are shown. Reflected.
 * @attr api-base - Base URL of the BFF's API. Wins over the hub's. Default `/api`.
 *
 * @prop {string} integrationId - As the attribute.
 * @prop {string | undefined} apiBase - As the `api-base` attribute.
 * @prop {string | undefined} token - Bearer token (JWT) for the BFF. Wins over the hub's. Property only, never reflected.
 * @prop {string} effectiveApiBase - Read-only: the API base in use (own, else the hub's, else `/api`).
 * @prop {Promise<void>} loadComplete - Read-only: settles when the load in progress has finished.
 * @method refresh - `refresh(): Promise<void>` loads the newest changes again.
 *
 * @cssproperty --ih-font-family - Font of all text.
 * @cssproperty --ih-color-text - Main text colour.
 * @cssproperty --ih-color-text-muted - Times, actors and "(none)".
 * @cssproperty --ih-color-surface - Background of entries and buttons.
 * @cssproperty --ih-color-border - Borders of entries and the change tables.
 * @cssproperty --ih-color-focus - Focus ring.
 *
 * @csspart list - The `<ol>` of changes.
 * @csspart entry - One change.
 * @csspart changes - The before/after table of one change.
 * @csspart load-more-button - "Load more changes".
 * @csspart retry-button - Retry after a failed load.
 * @csspart button - Every button.
 * @csspart message - Loading, waiting and empty-state text.
 * @csspart error - The box shown when the log could not load.
 * @csspart toast - Every toast; error toasts also have `toast-error`.
 * @csspart toast-error - Error toasts (with `toast`).
 */
export class AuditLog extends ApiConsumerElement {
  static override styles = [logStyles, auditLogStyles];

  /** The integration whose changes are shown. Reflected. */
  @property({ attribute: 'integration-id', reflect: true }) integrationId = '';

  @state() private entries: AuditEntry[] = [];
  @state() private nextCursor: string | null = null;
  @state() private loadingMore = false;

  private readonly loading = new PanelLoad<AuditPage>(this, 'idle', () => this.effectiveApiBase);
  private logsClient?: { client: unknown; api: IntegrationLogsApi };

  private get logs(): IntegrationLogsApi {
    const client = this.api;
    if (this.logsClient?.client !== client) this.logsClient = { client, api: integrationLogsApi(client) };
    return this.logsClient.api;
  }

  /** Resolves when the load in progress (if any) has finished, successfully or not. */
  get loadComplete(): Promise<void> {
    return this.loading.complete;
  }

  /** Loads the newest changes again. */
  refresh(): Promise<void> {
    return this.load();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (!this.hasUpdated || changed.has('integrationId') || this.connectionChanged(changed)) {
      if (changed.has('integrationId')) this.entries = [];
      void this.load();
    }
  }

  private load(): Promise<void> {
    if (!this.integrationId) return this.loading.settle('idle');
    if (!this.effectiveToken && this.hubConnection) return this.loading.settle('waiting');
    const id = this.integrationId;
    return this.loading.run((signal) => this.logs.audit(id, null, signal), (page) => {
      this.entries = page.entries;
      this.nextCursor = page.nextCursor;
    }, { keepShown: this.entries.length > 0 });
  }

  private async loadMore(): Promise<void> {
    if (this.loadingMore || !this.nextCursor) return;
    const id = this.integrationId;
    this.loadingMore = true;
    try {
      const page = await this.logs.audit(id, this.nextCursor);
      if (id !== this.integrationId) return;
      this.entries = [...this.entries, ...page.entries];
      this.nextCursor = page.nextCursor;
    } catch (error) {
      this.renderRoot.querySelector<IhToastRegion>('ih-toast-region')!.show(`${COPY.loadFailed} ${asProblem(error, this.effectiveApiBase).detail ?? ''}`.trim(), 'error');
    } finally {
      this.loadingMore = false;
    }
  }

  protected override render() {
    return html`
      <div class="ih-root">
        ${this.renderBody()}
        <ih-toast-region exportparts="toast, toast-error"></ih-toast-region>
      </div>`;
  }

  private renderBody() {
    if (this.loading.state === 'idle') return html`<p class="message" part="message">${COPY.noIntegration}</p>`;
    if (this.loading.state !== 'loaded') {
      return renderLoadState(this.loading.state, {
        waiting: COPY.waitingForToken, loading: COPY.loading, retry: COPY.retry,
        error: () => ({ heading: COPY.loadFailed, detail: this.loading.problem?.detail ?? this.loading.problem?.title ?? '' }),
        onRetry: () => this.load(),
      });
    }
    if (!this.entries.length) return html`<p class="message" part="message">${COPY.empty}</p>`;
    return html`
      <ol class="list" part="list" aria-label=${COPY.listLabel} aria-busy=${this.loading.refreshing || this.loadingMore ? 'true' : 'false'}>
        ${repeat(this.entries, (e) => e.id, (e) => this.renderEntry(e))}
      </ol>
      ${this.nextCursor
        ? html`<button type="button" part="button load-more-button" aria-disabled=${this.loadingMore ? 'true' : 'false'}
            @click=${() => void this.loadMore()}>${COPY.loadMore}</button>`
        : nothing}`;
  }

  private renderEntry(entry: AuditEntry) {
    const changes = changesOf(entry);
    return html`
      <li class="entry" part="entry" data-action=${entry.action}>
        <div class="head">
          <span class="title">${entry.actionLabel}</span>
          <span class="meta"><time datetime=${entry.at}>${formatTime(entry.at)}</time> ${COPY.by(entry.actor)}</span>
        </div>
        ${changes.length
          ? html`
            <table part="changes">
              <thead><tr><th scope="col"><span class="visually-hidden">Setting</span></th><th scope="col">${COPY.before}</th><th scope="col">${COPY.after}</th></tr></thead>
              <tbody>${changes.map((c) => html`<tr><th scope="row">${c.key}</th><td>${c.before}</td><td>${c.after}</td></tr>`)}</tbody>
            </table>`
          : nothing}
      </li>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'audit-log': AuditLog;
  }
}
