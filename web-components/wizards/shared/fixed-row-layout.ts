/**
 * @module A @lit-labs/virtualizer layout for a vertical list whose rows all have one height, fixed in
 * CSS: positions are arithmetic (index × height), so the virtualizer need not measure each row (a
 * bounding box and computed margins per row after every change, and averages over every row ever
 * measured, as its flow layout does). The height is read from a probe before any row exists, then
 * from one row per batch of resized rows (a width where rows become cards, a larger font); rows
 * that may grow (a message shown in them) carry a marker, are measured, and push the rows after them
 * down by exactly what they add. It also renders a few rows beyond the view (the flow layout renders
 * 1000 px of them), so a change of the list (a filter keystroke) touches fewer rows.
 */
import { FlowLayout } from '@lit-labs/virtualizer/layouts/flow.js';

/** A measured row; `fixed` when it is an ordinary row (its height is every ordinary row's). */
type RowBox = { width: number; height: number; fixed?: boolean };
type ItemPosition = ReturnType<FlowLayout['_getItemPosition']>;
type ItemSize = ReturnType<FlowLayout['_getItemSize']>;

export interface FixedRowLayoutConfig {
  /** Rows that may be taller than the fixed height; only these are measured. */
  grows?: (row: Element) => boolean;
  /**
   * The fixed height before any row exists (a probe styled like a row). Without it the first pass renders one row
   * and the rest once it is measured, which within one frame is a ResizeObserver loop.
   */
  firstHeight?: () => number;
  /** Rows beyond the view, above and below, that are rendered too (the flow layout renders 1000 px of them). */
  overhangRows?: number;
}

/** Until the height is known (no probe, nothing rendered): the scroll size's first estimate, one row rendered. */
const FIRST_GUESS = 60;

/**
 * Row positions as index × one measured height, so the virtualizer never measures every row.
 * Built on FlowLayout only because the virtualizer package exports no other base class; every method
 * that places rows is replaced here, none of FlowLayout's estimating runs.
 * @internal
 */
export class FixedRowLayout extends FlowLayout {
  grows: (row: Element) => boolean = () => false;
  firstHeight: () => number = () => 0;
  /** The height every ordinary row has, in pixels. */
  private rowHeight = FIRST_GUESS;
  /** Rows taller than rowHeight: index → the extra pixels, ordered by index. Few (rows with a message). */
  private extras = new Map<number, number>();
  /** Whether rowHeight was read from a rendered row yet. */
  private measured = false;
  /** The fixed height as read in the current batch of measurements (null between batches). */
  private batchHeight: number | null = null;

  private rowsBeyond = 4;

  /** Config: rows rendered beyond the view, above and below. */
  set overhangRows(rows: number) {
    this.rowsBeyond = rows;
    this._overhang = rows * this.rowHeight;
  }

  // The virtualizer accepts a function here (its Layout.measureChildren is boolean | MeasureChildFunction); FlowLayout
  // declares only the boolean.
  // @ts-expect-error: a measuring function, as the virtualizer's Layout interface allows
  override get measureChildren(): (row: Element) => RowBox {
    return this.measureRow;
  }

  private measureRow = (row: Element): RowBox => {
    if (this.grows(row)) return row.getBoundingClientRect();
    if (this.batchHeight === null) {
      // The virtualizer asks for every resized row in one synchronous loop: one read serves the whole batch.
      this.batchHeight = row.getBoundingClientRect().height;
      queueMicrotask(() => { this.batchHeight = null; });
    }
    return { width: 0, height: this.batchHeight, fixed: true };
  };

  /** Called by the virtualizer with the rows measured above, by index. */
  override updateItemSizes(sizes: Record<number, RowBox>): void {
    const boxes = Object.entries(sizes).map(([index, box]) => [Number(index), box] as const);
    const ordinary = boxes.find(([, box]) => box.fixed);
    if (ordinary) this.learnHeight(ordinary[1].height);
    const extras = new Map(this.extras);
    for (const [index, box] of boxes) {
      const extra = box.fixed ? 0 : Math.round((box.height - this.rowHeight) * 100) / 100;
      if (extra > 0) extras.set(index, extra);
      else extras.delete(index);
    }
    this.extras = new Map([...extras].sort(([a], [b]) => a - b));
    this._scheduleReflow();
  }

  private learnHeight(height: number): void {
    if (!(height > 0)) return;
    this.rowHeight = height;
    this._overhang = this.rowsBeyond * height;
    this.measured = true;
  }

  /** A new list: what was measured of rows not in the DOM now belongs to other accounts. */
  protected override _setItems(items: unknown[]): void {
    if (items !== this._items) {
      this.extras = new Map([...this.extras].filter(([index]) => index >= this._first && index <= this._last && index < items.length));
    }
    super._setItems(items);
  }

  private top(index: number): number {
    let offset = 0;
    for (const [row, extra] of this.extras) {
      if (row >= index) break;
      offset += extra;
    }
    return index * this.rowHeight + offset;
  }

  private heightOf(index: number): number {
    return this.rowHeight + (this.extras.get(index) ?? 0);
  }

  /** The row at `y` pixels from the top of the list. */
  private indexAt(y: number): number {
    let offset = 0;
    for (const [row, extra] of this.extras) {
      const top = row * this.rowHeight + offset;
      if (y < top) break;
      if (y < top + this.rowHeight + extra) return row;
      offset += extra;
    }
    return Math.floor((y - offset) / this.rowHeight);
  }

  protected override get _delta(): number {
    return this.rowHeight;
  }

  override _getActiveItems(): void {
    const count = this.items.length;
    if (count === 0) {
      this._first = -1;
      this._last = -1;
      this._physicalMin = 0;
      this._physicalMax = 0;
      return;
    }
    if (!this.measured) this.learnHeight(this.firstHeight());
    if (!this.measured) {
      // Nothing rendered yet and no probe: one row first, whose height places the others (a wrong guess would render
      // rows that are then moved and dropped within the same frame).
      this._first = 0;
      this._last = 0;
      this._physicalMin = 0;
      this._physicalMax = this.rowHeight;
      return;
    }
    const min = Math.max(0, this._scrollPosition - this._overhang);
    const max = Math.min(this._scrollSize, this._scrollPosition + this._viewDim1 + this._overhang);
    this._first = Math.min(count - 1, this.indexAt(min));
    let last = Math.min(count - 1, this.indexAt(max));
    if (last > this._first && this.top(last) >= max) last--; // starts where the range ends: not in it
    this._last = Math.max(this._first, last);
    this._physicalMin = this.top(this._first);
    this._physicalMax = this.top(this._last) + this.heightOf(this._last);
  }

  override _getItemPosition(index: number): ItemPosition {
    return { top: this.top(index), left: 0 } as ItemPosition;
  }

  override _getItemSize(index: number): ItemSize {
    return { height: this.heightOf(index), width: this._viewDim2 } as ItemSize;
  }

  override _updateScrollSize(): void {
    let extra = 0;
    for (const [row, px] of this.extras) if (row < this.items.length) extra += px;
    this._scrollSize = Math.max(1, this.items.length * this.rowHeight + extra);
  }
}

/** The virtualizer's `layout` option for FixedRowLayout. */
export const fixedRows = (config: FixedRowLayoutConfig = {}) => ({ type: FixedRowLayout, ...config });
