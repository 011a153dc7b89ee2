/**
 * @module The logs panel `<integration-list>` opens from a row: a modal dialog holding the row's
 * `<delivery-log>` or `<audit-log>`, connected as the list is (its API base and token). Escape or
 * Close shuts it and focus returns to the button that opened it.
 */
import { html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import type { IntegrationView } from '../../api/client.js';
import { loadTags } from '../../registry/load-tags.js';

/** The logs' code (and the virtualizer they scroll with) loads when a log is first opened, not with the list. */
const LOGS_CHUNK = () => import('../../registry/logs.tags.js');

export type LogKind = 'deliveries' | 'audit';

export const LOGS_COPY = {
  deliveryLog: 'Delivery log',
  auditLog: 'Audit log',
  title: (kind: LogKind, vendor: string) => (kind === 'deliveries' ? `Deliveries to ${vendor}` : `Changes to the ${vendor} integration`),
  close: 'Close',
  loadFailed: 'The log could not be loaded. Check the connection, then close this and open it again.',
};

/** Owns which row's log is open; the list renders its buttons and dialog. */
export class IntegrationLogsPanel implements ReactiveController {
  private shown?: { row: IntegrationView; kind: LogKind; opener: HTMLElement | null };
  private loadFailed = false;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly connection: () => { apiBase: string; token: string | undefined },
  ) {
    host.addController(this);
  }

  /** A list taken off the page forgets its open log (a modal dialog closes with its shadow root). */
  hostDisconnected(): void {
    this.shown = undefined;
  }

  private get dialog(): HTMLDialogElement | null {
    return this.host.shadowRoot?.querySelector('dialog.logs') ?? null;
  }

  async open(row: IntegrationView, kind: LogKind, opener: HTMLElement | null): Promise<void> {
    this.loadFailed = false;
    if (!customElements.get(kind === 'deliveries' ? 'delivery-log' : 'audit-log')) {
      await loadTags(LOGS_CHUNK).catch(() => { this.loadFailed = true; });
    }
    this.shown = { row, kind, opener };
    this.host.requestUpdate();
    await this.host.updateComplete;
    this.dialog?.showModal();
  }

  private closed(): void {
    const opener = this.shown?.opener;
    this.shown = undefined;
    this.host.requestUpdate();
    opener?.focus();
  }

  /** The two buttons of a row (the delivery log only for a PSA past setup). */
  renderButtons(row: IntegrationView) {
    const deliveries = row.kind === 'psa' && row.status !== 'draft';
    return html`
      ${deliveries
        ? html`<button type="button" part="button delivery-log-button" aria-label="${LOGS_COPY.deliveryLog} ${row.vendorLabel}"
            @click=${(e: Event) => void this.open(row, 'deliveries', e.currentTarget as HTMLElement)}>${LOGS_COPY.deliveryLog}</button>`
        : nothing}
      <button type="button" part="button audit-log-button" aria-label="${LOGS_COPY.auditLog} ${row.vendorLabel}"
        @click=${(e: Event) => void this.open(row, 'audit', e.currentTarget as HTMLElement)}>${LOGS_COPY.auditLog}</button>`;
  }

  renderDialog() {
    const shown = this.shown;
    if (!shown) return nothing;
    const { apiBase, token } = this.connection();
    return html`
      <dialog class="logs" part="logs-dialog" aria-labelledby="logs-title" @close=${() => this.closed()}>
        <div class="logs-head">
          <h2 id="logs-title">${LOGS_COPY.title(shown.kind, shown.row.vendorLabel)}</h2>
          <button type="button" part="button" @click=${() => this.dialog?.close()}>${LOGS_COPY.close}</button>
        </div>
        ${this.loadFailed ? html`<p class="message" role="alert">${LOGS_COPY.loadFailed}</p>` : nothing}
        ${shown.kind === 'deliveries'
          ? html`<delivery-log integration-id=${shown.row.id} api-base=${apiBase} .token=${token}></delivery-log>`
          : html`<audit-log integration-id=${shown.row.id} api-base=${apiBase} .token=${token}></audit-log>`}
      </dialog>`;
  }
}
