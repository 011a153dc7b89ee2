/** @module The messages a list panel shows instead of its data: waiting for sign-in, loading, and a load error with Retry. */
import { html, nothing, type TemplateResult } from 'lit';

/** Every state a panel's load can be in; a panel uses the ones it needs. */
export type PanelLoadState = 'idle' | 'waiting' | 'loading' | 'loaded' | 'error';

/** What a panel says in each state; `error` is read only in the error state (it may need the problem). */
export interface LoadStateView {
  waiting: string;
  loading: string;
  error: () => { heading: string; detail: string };
  retry: string;
  onRetry: () => void;
}

/**
 * The body for the states without data: a status message while waiting or loading, an alert with Retry
 * after a failure. Any other state renders nothing, so the panel renders its data (or its own states).
 * Classes and parts (`message`, `error`, `button retry-button`) are the panels' public styling hooks.
 */
export function renderLoadState(state: PanelLoadState, view: LoadStateView): TemplateResult | typeof nothing {
  switch (state) {
    case 'waiting':
      return html`<p class="message" part="message" role="status">${view.waiting}</p>`;
    case 'loading':
      return html`<p class="message" part="message" role="status">${view.loading}</p>`;
    case 'error': {
      const { heading, detail } = view.error();
      return html`
        <div class="error" part="error" role="alert">
          <p><strong>${heading}</strong> ${detail}</p>
          <button type="button" part="button retry-button" @click=${view.onRetry}>${view.retry}</button>
        </div>`;
    }
    default:
      return nothing;
  }
}
