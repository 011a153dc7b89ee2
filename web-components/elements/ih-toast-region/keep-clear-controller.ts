/**
 * @module Keeps one element of a host's shadow root clear of toasts (a wizard's button bar, its
 * finish card) for as long as it is rendered: registered after each update when it changed, released
 * when it goes or the host leaves the page.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { keepClear } from './keep-clear.js';

/**
 * Internal. Keeps the element `area` answers clear of every toast region's stack.
 *
 * @internal
 */
export class KeepClearController implements ReactiveController {
  private kept: Element | null = null;
  private release?: () => void;

  /** `area` answers the element to keep clear now (null when it is not rendered). */
  constructor(private readonly host: ReactiveControllerHost, private readonly area: () => Element | null | undefined) {
    host.addController(this);
  }

  hostConnected(): void {
    // Back on the page (moved by the host): the same element is registered again.
    if (this.kept) this.keep(this.kept, true);
  }

  hostUpdated(): void {
    this.keep(this.area() ?? null);
  }

  hostDisconnected(): void {
    this.release?.();
    this.release = undefined;
  }

  private keep(area: Element | null, again = false): void {
    if (area === this.kept && !again) return;
    this.release?.();
    this.kept = area;
    this.release = area ? keepClear(area) : undefined;
  }
}
