/**
 * @module `<ih-load-status>` (internal): how a vendor list is doing, in words a person reads: a
 * progress bar while it loads ("Loading PSA accounts… 4,000 of 10,000"), the reason and a Retry
 * button when it failed, nothing once it is there.
 */
import { LitElement, css, html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { baseStyles, space, token } from '../../styles/tokens.js';
import type { AsyncListController } from './async-list.js';

/** Fired when Retry is chosen. */
export class LoadRetryEvent extends Event {
  static readonly eventName = 'ih-load-retry';
  constructor() {
    super(LoadRetryEvent.eventName, { bubbles: true, composed: true });
  }
}

/**
 * Internal. Shows the state of one list: `label` names it ("PSA accounts"). Give it the list's
 * controller as `list`, or set `status`/`loaded`/`total`/`problem-detail` directly.
 *
 * @internal
 * @fires ih-load-retry - Retry was chosen (the controller passed as `list` is retried too).
 * @csspart progress - The `<progress>` bar.
 * @csspart error - The failure box.
 * @csspart retry-button - Retry.
 */
export class IhLoadStatus extends LitElement {
  static override styles = [baseStyles, css`
    :host { display: block; }
    :host([hidden]) { display: none; }
    .loading { display: flex; align-items: center; gap: ${space(1)}; color: ${token('--ih-color-text-muted')}; }
    progress { inline-size: 12rem; accent-color: ${token('--ih-color-accent')}; }
    .error {
      display: flex; flex-wrap: wrap; align-items: center; gap: ${space(1)};
      padding: ${space(1)} ${space(1.5)};
      border: 1px solid ${token('--ih-color-danger')};
      border-radius: ${token('--ih-radius')};
      color: ${token('--ih-color-danger')};
    }
    .error p { margin: 0; flex: 1; }
  `];

  /** What is loading, e.g. "PSA accounts". */
  @property() label = '';
  /**
   * A controller to read from and retry; wins over the plain properties. The host passes the same
   * controller object on every render while its state changes inside, so every set counts as a change.
   */
  @property({ attribute: false, hasChanged: () => true }) list?: AsyncListController<unknown>;
  @property() status: 'idle' | 'loading' | 'loaded' | 'error' = 'idle';
  @property({ type: Number }) loaded = 0;
  @property({ type: Number }) total?: number;
  @property({ attribute: 'problem-detail' }) problemDetail = '';

  private retry(): void {
    void this.list?.retry();
    this.dispatchEvent(new LoadRetryEvent());
  }

  protected override render() {
    const status = this.list?.status ?? this.status;
    const loaded = this.list?.progress.loaded ?? this.loaded;
    const total = this.list ? this.list.progress.total : this.total;
    const detail = this.list?.problem?.detail ?? this.list?.problem?.title ?? this.problemDetail;
    if (status === 'loading') {
      const count = total !== undefined ? ` ${loaded.toLocaleString('en')} of ${total.toLocaleString('en')}` : '';
      return html`
        <div class="ih-root loading" role="status">
          <progress part="progress" aria-label="Loading ${this.label}" max=${total ?? 1} value=${ifDefined(total !== undefined ? loaded : undefined)}></progress>
          <span>Loading ${this.label}…${count}</span>
        </div>`;
    }
    if (status === 'error') {
      return html`
        <div class="ih-root error" part="error" role="alert">
          <p>The ${this.label} could not be loaded. ${detail}</p>
          <button type="button" part="retry-button" @click=${this.retry}>Retry</button>
        </div>`;
    }
    return nothing;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ih-load-status': IhLoadStatus;
  }
  interface GlobalEventHandlersEventMap {
    'ih-load-retry': LoadRetryEvent;
  }
}
