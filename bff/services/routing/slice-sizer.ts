/**
 * @module How many rows the routing worker takes in one piece of work (a resolve slice, a claim),
 * so that piece holds the event loop about `budgetMs`: the cost per row is learnt from the pieces
 * done (the worker measures their CPU time; a moving average, so one slow piece, a GC pause, does
 * not shrink the next ones for long). The worker shares the loop with intake; a piece of 200 resolutions or a
 * 500-alert claim held it 10–80 ms, which every request arriving meanwhile waited out.
 */

/** Weight of the newest piece in the moving average of the cost per row. */
const NEWEST_WEIGHT = 0.3;

export class SliceSizer {
  private msPerRow: number | null = null;

  /**
   * @param budgetMs how long one piece should hold the event loop
   * @param first rows in the first piece, before any cost is known
   * @param min fewest rows in a piece (each piece has a fixed cost too: a transaction, a query)
   * @param max most rows in a piece
   */
  constructor(
    private readonly budgetMs: number,
    private readonly first: number,
    private readonly min: number,
    private readonly max: number,
  ) {}

  /** Rows for the next piece. */
  size(): number {
    const wanted = this.msPerRow === null ? this.first : Math.floor(this.budgetMs / Math.max(this.msPerRow, 1e-3));
    return Math.max(Math.min(this.min, this.max), Math.min(this.max, wanted));
  }

  /** A piece of `rows` rows took `ms`. */
  observe(rows: number, ms: number): void {
    if (rows <= 0) return;
    const perRow = ms / rows;
    this.msPerRow = this.msPerRow === null ? perRow : this.msPerRow * (1 - NEWEST_WEIGHT) + perRow * NEWEST_WEIGHT;
  }
}
