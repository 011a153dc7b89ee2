/**
 * @module `<ih-toast-region>` (internal): short confirmations and errors in live regions that exist
 * before any message arrives, so screen readers announce each one.
 */
import { LitElement, css, html } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { baseStyles, space, token } from '../../styles/tokens.js';
import {
  earlierStackRects, focusedRect, keepClearAreas, keepClearRects, onKeepClearChange, placementOffset, toastStackMoved, toastStackShowing,
} from './keep-clear.js';

export type ToastTone = 'success' | 'info' | 'error';

interface Toast {
  id: number;
  message: string;
  tone: ToastTone;
}

let nextId = 1;

/**
 * Internal. Shows toasts: success and info ones in a polite status region and leave after
 * `duration` ms (held while hovered or focused); errors in an alert region and stay until dismissed,
 * because a person must have time to read what went wrong (WCAG 2.2.1). The stack never covers an
 * area registered with `keepClear` (a wizard's buttons), the focused control (what the person is
 * working on), or another region's toasts shown before: it steps above or below them.
 *
 * On a phone-wide window (40rem or less) the stack spans the width at the top edge, compact, as
 * phone notifications do: the bottom is where a wizard's sticky button bar and the fields just
 * above it are. `--ih-toast-inset-top` moves it below a host's own sticky header.
 *
 * @internal
 * @csspart toast - Every toast.
 * @csspart toast-error - Error toasts, in addition to `toast`.
 */
export class IhToastRegion extends LitElement {
  static override styles = [baseStyles, css`
    :host { display: block; }
    .stack {
      position: fixed;
      inset-block-end: ${space(2)};
      inset-inline-end: ${space(2)};
      z-index: 2147483000;
      display: grid;
      gap: ${space(1)};
      max-width: min(28rem, calc(100vw - 2rem));
    }
    .toast {
      display: flex;
      align-items: start;
      gap: ${space(1)};
      padding: ${space(1)} ${space(1.5)};
      background: ${token('--ih-color-surface')};
      border: 1px solid ${token('--ih-color-border')};
      border-inline-start: 4px solid ${token('--ih-color-success')};
      border-radius: ${token('--ih-radius')};
      box-shadow: ${token('--ih-shadow')};
    }
    .toast.info { border-inline-start-color: ${token('--ih-color-accent')}; }
    .toast.error { border-inline-start-color: ${token('--ih-color-danger')}; }
    .toast p { margin: 0; flex: 1; padding-block: ${space(0.5)}; }
    .toast button { min-height: 2rem; padding: 0 ${space(1)}; }
    /* A phone: full width at the top edge (below the host's sticky header), one compact line per toast where it fits. */
    @media (max-width: 40rem) {
      .stack {
        inset-block-start: calc(${token('--ih-toast-inset-top')} + ${space(1)});
        inset-block-end: auto;
        inset-inline: ${space(1)};
        max-width: none;
        gap: ${space(0.5)};
      }
      .toast { padding: ${space(0.25)} ${space(0.5)} ${space(0.25)} ${space(1)}; font-size: 0.9em; align-items: center; }
      .toast p { padding-block: ${space(0.25)}; }
    }
  `];

  /** How long a success or info toast stays, in ms. */
  @property({ type: Number }) duration = 6000;

  @state() private toasts: Toast[] = [];

  private readonly timers = new Map<number, ReturnType<typeof setTimeout>>();
  @query('.stack') private stack?: HTMLElement;
  private frame = 0;
  private stopWatching?: () => void;
  /** Where the stack was last placed (top and bottom): a change lets the regions placed after it follow. */
  private placedAt = '';

  /** Shows a toast; returns its id (for `dismiss`). */
  show(message: string, tone: ToastTone = 'success'): number {
    const toast = { id: nextId++, message, tone };
    this.toasts = [...this.toasts, toast];
    if (tone !== 'error') this.schedule(toast.id);
    return toast.id;
  }

  /** Removes a toast at once. */
  dismiss(id: number): void {
    clearTimeout(this.timers.get(id));
    this.timers.delete(id);
    this.toasts = this.toasts.filter((t) => t.id !== id);
  }

  /** The messages currently shown, oldest first (tests and hosts' diagnostics read this). */
  get messages(): string[] {
    return this.toasts.map((t) => t.message);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.watchKeepClear();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.timers.forEach((timer) => clearTimeout(timer));
    this.timers.clear();
    this.stopWatching?.();
    this.stopWatching = undefined;
    cancelAnimationFrame(this.frame);
    this.frame = 0;
    if (this.stack) toastStackShowing(this.stack, false);
  }

  protected override updated(): void {
    this.placeSoon();
  }

  /**
   * Re-places the stack whenever what it must avoid may have moved: a scroll anywhere, a resize, an
   * area registered or released, a change of size of the page or of an area (a wizard's next step),
   * focus moving to another control, or an earlier region's toasts coming, going or moving.
   */
  private watchKeepClear(): void {
    this.stopWatching?.();
    const place = () => this.placeSoon();
    const sizes = new ResizeObserver(place);
    const observe = () => {
      sizes.disconnect();
      sizes.observe(document.documentElement);
      keepClearAreas().forEach((area) => sizes.observe(area));
      place();
    };
    const stopRegistry = onKeepClearChange(observe);
    observe();
    window.addEventListener('scroll', place, { capture: true, passive: true });
    window.addEventListener('resize', place, { passive: true });
    // focusin / focusout are composed: focus moving inside any shadow root is heard here.
    document.addEventListener('focusin', place);
    document.addEventListener('focusout', place);
    this.stopWatching = () => {
      stopRegistry();
      sizes.disconnect();
      window.removeEventListener('scroll', place, { capture: true });
      window.removeEventListener('resize', place);
      document.removeEventListener('focusin', place);
      document.removeEventListener('focusout', place);
    };
  }

  /** One placement per frame, however many causes arrived. */
  private placeSoon(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.place();
    });
  }

  /** Moves the stack out of everything it must leave visible (measured from where it sits without the move). */
  private place(): void {
    const stack = this.stack;
    if (!stack) return;
    const current = Number(stack.dataset.offset ?? 0);
    toastStackShowing(stack, this.toasts.length > 0);
    if (!this.toasts.length) {
      if (current) this.setOffset(stack, 0);
      this.placedAt = '';
      return;
    }
    const rect = stack.getBoundingClientRect();
    const home = new DOMRect(rect.x, rect.y - current, rect.width, rect.height);
    const areas = [...keepClearRects(), ...earlierStackRects(stack)];
    const offset = Math.round(placementOffset(home, areas, focusedRect(this), window.innerHeight));
    if (offset !== current) this.setOffset(stack, offset);
    const placedAt = `${Math.round(home.top + offset)}:${Math.round(home.bottom + offset)}`;
    if (placedAt !== this.placedAt) {
      this.placedAt = placedAt;
      toastStackMoved();
    }
  }

  private setOffset(stack: HTMLElement, offset: number): void {
    stack.dataset.offset = String(offset);
    stack.style.translate = offset ? `0 ${offset}px` : '';
  }

  private schedule(id: number): void {
    clearTimeout(this.timers.get(id));
    this.timers.set(id, setTimeout(() => this.dismiss(id), this.duration));
  }

  private hold(id: number, tone: ToastTone): void {
    if (tone !== 'error') clearTimeout(this.timers.get(id));
  }

  private release(id: number, tone: ToastTone): void {
    if (tone !== 'error' && this.toasts.some((t) => t.id === id)) this.schedule(id);
  }

  private renderToasts(tones: ToastTone[]) {
    return repeat(this.toasts.filter((t) => tones.includes(t.tone)), (t) => t.id, (t) => html`
      <div
        class="toast ${t.tone}"
        part=${t.tone === 'error' ? 'toast toast-error' : 'toast'}
        @mouseenter=${() => this.hold(t.id, t.tone)}
        @mouseleave=${() => this.release(t.id, t.tone)}
        @focusin=${() => this.hold(t.id, t.tone)}
        @focusout=${() => this.release(t.id, t.tone)}
      >
        <p>${t.message}</p>
        <button type="button" aria-label="Dismiss notification" @click=${() => this.dismiss(t.id)}>✕</button>
      </div>`);
  }

  protected override render() {
    // Both regions are always rendered (empty or not): a live region added together with its text is often not announced.
    return html`
      <div class="ih-root stack">
        <div role="status" aria-live="polite">${this.renderToasts(['success', 'info'])}</div>
        <div role="alert">${this.renderToasts(['error'])}</div>
      </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ih-toast-region': IhToastRegion;
  }
}
