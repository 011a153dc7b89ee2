/**
 * @module A @lit-labs/virtualizer layout for lists whose rows all have one height fixed in CSS: the
 * flow layout, but the virtualizer no longer measures each row (a bounding box and computed margins
 * per row, after every change). The height is read from one row per batch; every other row is known
 * to share it. Rows that may grow (a message shown in them) carry a marker and alone are measured.
 * Also renders fewer rows beyond the view than the flow layout's 1000 px, so a change of the list
 * (a filter keystroke) re-renders fewer rows.
 */
import { FlowLayout } from '@lit-labs/virtualizer/layouts/flow.js';

type RowBox = { width: number; height: number; marginTop: number; marginRight: number; marginBottom: number; marginLeft: number };

export interface FixedRowLayoutConfig {
  /** Rows that may be taller than the fixed height; only these are measured. */
  grows?: (row: Element) => boolean;
  /** Pixels beyond the view, above and below, that still get rows (the flow layout's is 1000). */
  overhang?: number;
}

const boxOf = (rect: DOMRect): RowBox => ({ width: rect.width, height: rect.height, marginTop: 0, marginRight: 0, marginBottom: 0, marginLeft: 0 });

export class FixedRowLayout extends FlowLayout {
  grows: (row: Element) => boolean = () => false;
  /** The fixed height as read in the current batch of measurements (null between batches). */
  private fixed: RowBox | null = null;

  set overhang(pixels: number) {
    this._overhang = pixels;
  }

  // The virtualizer takes a function here instead of `true` (Layout.measureChildren: boolean | MeasureChildFunction);
  // FlowLayout's declaration only admits the boolean.
  // @ts-expect-error: a measuring function, as the virtualizer's Layout interface allows
  override get measureChildren(): (row: Element) => RowBox {
    return this.measureRow;
  }

  private measureRow = (row: Element): RowBox => {
    if (this.grows(row)) return boxOf(row.getBoundingClientRect());
    if (!this.fixed) {
      // The virtualizer asks for every changed row in one synchronous loop: one read serves the whole batch.
      this.fixed = boxOf(row.getBoundingClientRect());
      queueMicrotask(() => { this.fixed = null; });
    }
    return this.fixed;
  };
}

/** The virtualizer's `layout` option for FixedRowLayout. */
export const fixedRows = (config: FixedRowLayoutConfig = {}) => ({ type: FixedRowLayout, ...config });
