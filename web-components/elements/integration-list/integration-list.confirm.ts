/**
 * @module How `<integration-list>` asks before a destructive action: through its lazily loaded
 * `<ih-confirm-dialog>`, and, when that dialog's code cannot be fetched (a network blip, a CDN miss
 * after a deploy), with an alert in the list itself and a Retry. Not a toast: the toasts' code is
 * fetched lazily as well and may be missing for the same reason, and the click must not end silently.
 */
import { html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import type { IntegrationView } from '../../api/client.js';
import type { TagChunk } from '../../registry/load-tags.js';
import { askLazily } from '../ih-confirm-dialog/ask-lazily.js';
import type { ConfirmOptions, IhConfirmDialog } from '../ih-confirm-dialog/ih-confirm-dialog.js';

/** A confirmation whose code could not be fetched: what the list says and what Retry does. */
interface LoadFailure {
  message: string;
  /** Retry's accessible name ("Retry Delete Autotask"): which action it repeats. */
  retryLabel: string;
  /** The row's button that asked (a selector in the list's shadow root), focused when Retry is chosen. */
  opener: string;
  again: () => Promise<void>;
}

export class ListConfirmation implements ReactiveController {
  private failure: LoadFailure | null = null;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement & { renderRoot: HTMLElement | DocumentFragment },
    private readonly dialog: () => IhConfirmDialog,
    private readonly chunk: () => TagChunk,
    private readonly retryText: string,
  ) {
    host.addController(this);
  }

  hostDisconnected(): void {
    this.failure = null;
  }

  /**
   * The person's answer for `row`, asked from its button with part `openerPart`. When the dialog's code
   * cannot be fetched: false, and the list shows the failure with a Retry that runs `again`.
   */
  async ask(row: IntegrationView, options: ConfirmOptions, openerPart: string, again: () => Promise<void>): Promise<boolean> {
    this.show(null);
    return askLazily(this.dialog, options, (message) => this.show({
      message,
      retryLabel: `${this.retryText} ${options.confirmLabel} ${row.vendorLabel}`,
      opener: `[data-id="${CSS.escape(row.id)}"] [part~="${openerPart}"]`,
      again,
    }), this.chunk());
  }

  private show(failure: LoadFailure | null): void {
    if (this.failure === failure) return;
    this.failure = failure;
    this.host.requestUpdate();
  }

  /** Focus goes back to the row's button (Retry disappears), then the action runs again. */
  private async retry(): Promise<void> {
    const failure = this.failure;
    if (!failure) return;
    this.show(null);
    // Rendered empty first, so a second failure is new text in the alert (announced again).
    await this.host.updateComplete;
    this.host.renderRoot.querySelector<HTMLElement>(failure.opener)?.focus();
    await failure.again();
  }

  /** Always in the list (empty until needed): text arriving in an alert that is already there is announced. */
  render() {
    const failure = this.failure;
    return html`
      <div class="action-alert" part="action-alert" role="alert">
        ${failure
          ? html`<div class="error" part="action-error">
              <p><strong>${failure.message}</strong></p>
              <button type="button" part="button retry-button" aria-label=${failure.retryLabel} @click=${() => void this.retry()}>${this.retryText}</button>
            </div>`
          : nothing}
      </div>`;
  }
}
