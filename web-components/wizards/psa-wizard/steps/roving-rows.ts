/**
 * @module The account table's one Tab stop over virtualized rows (a roving row, as in the ARIA grid
 * pattern): which row is active, whether it is rendered (else the body is the Tab stop), and the keys
 * that move between rows. Only rows near the view exist, so the Tab stop follows what is rendered.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { virtualizerRef, type VirtualizerHostElement } from '@lit-labs/virtualizer/virtualize.js';

type Host = ReactiveControllerHost & HTMLElement & { renderRoot: HTMLElement | DocumentFragment };

export interface RovingRowsOptions {
  /** How many rows the table shows now. */
  count: () => number;
  /** Space on a row (Shift: a range from the anchor). */
  selectRow: (index: number, range: boolean) => void;
  /** Shift+arrow from `from` to `to`: extend the selection. */
  extendSelection: (from: number, to: number) => void;
}

const PAGE_ROWS = 8;

/**
 * The table's roving Tab stop, as a Lit reactive controller.
 * @internal
 */
export class RovingRows implements ReactiveController {
  /** The row that holds the Tab stop. */
  active = 0;
  /** Whether that row is in the DOM now. */
  activeRendered = false;

  constructor(private readonly host: Host, private readonly options: RovingRowsOptions) {
    host.addController(this);
  }

  hostUpdated(): void {
    this.syncTabStop();
  }

  /** Back to the first row (a new filter, or the list became shorter than the active index). */
  resetIfOutside(force: boolean): void {
    if (force || this.active >= this.options.count()) this.active = 0;
  }

  /** The tabindex of row `index`. */
  tabIndexOf(index: number): '0' | '-1' {
    return index === this.active ? '0' : '-1';
  }

  /** The body's tabindex: the Tab stop while the active row is not rendered (scrolled away, or off screen). */
  get bodyTabIndex(): '0' | '-1' {
    return this.activeRendered ? '-1' : '0';
  }

  /**
   * `rangeChanged` reaches the table's listener before the virtualize directive's (listeners run in
   * the order added, and the table's is bound first), so the rows are still the old ones then: look
   * once the directive has rendered the new range, or the table could be left with no Tab stop at all
   * (every row gone off screen while the body still says a row holds it).
   */
  readonly onRangeChanged = (): void => {
    queueMicrotask(this.syncTabStop);
  };

  readonly onBodyFocus = (e: FocusEvent): void => {
    if (e.target === e.currentTarget) void this.moveTo(this.active);
  };

  /** Focus anywhere in a row makes it the active row (so Tab continues through its controls). */
  onRowFocusin(index: number): void {
    if (this.active !== index) {
      this.active = index;
      this.host.requestUpdate();
    }
  }

  onRowKeydown(e: KeyboardEvent, index: number): void {
    if (e.target !== e.currentTarget) return; // keys inside a select or button are theirs
    if (e.key === ' ') {
      e.preventDefault();
      this.options.selectRow(index, e.shiftKey);
      return;
    }
    const last = this.options.count() - 1;
    const to = { ArrowDown: index + 1, ArrowUp: index - 1, PageDown: index + PAGE_ROWS, PageUp: index - PAGE_ROWS, Home: 0, End: last }[e.key];
    if (to === undefined) return;
    e.preventDefault();
    if (e.shiftKey && (e.key === 'ArrowDown' || e.key === 'ArrowUp')) this.options.extendSelection(index, Math.max(0, Math.min(last, to)));
    void this.moveTo(to);
  }

  private get body(): (HTMLElement & VirtualizerHostElement) | null {
    return this.host.renderRoot.querySelector('.viewport');
  }

  private rowElement(index: number): HTMLElement | null {
    return this.host.renderRoot.querySelector(`[role="row"][data-index="${index}"]`);
  }

  private readonly syncTabStop = (): void => {
    const rendered = Boolean(this.rowElement(this.active));
    if (rendered !== this.activeRendered) {
      this.activeRendered = rendered;
      this.host.requestUpdate();
    }
  };

  /** Makes `index` the active row, scrolls it into view and focuses it once rendered. */
  private async moveTo(index: number): Promise<void> {
    const last = this.options.count() - 1;
    if (last < 0) return;
    this.active = Math.max(0, Math.min(last, index));
    this.host.requestUpdate();
    try {
      this.body?.[virtualizerRef]?.element(this.active)?.scrollIntoView({ block: 'nearest' });
    } catch {
      // Not laid out yet (the table was off screen): bring the body into view; rows follow.
      this.body?.scrollIntoView({ block: 'nearest' });
    }
    for (let i = 0; i < 20; i++) {
      await this.host.updateComplete;
      const row = this.rowElement(this.active);
      if (row) return row.focus();
      await new Promise((resolve) => requestAnimationFrame(resolve));
    }
  }
}
