/**
 * @module Work deferred until the current frame has been painted, latest request wins (as React's
 * useDeferredValue): an input's keystroke paints its own character first, and the expensive update
 * it asks for (filtering and rendering a long list) runs in a task after that paint. A request made
 * while another still waits replaces it, so quick keys coalesce into one update with the last text.
 */

/**
 * The longest a task waits: a page hidden meanwhile paints no frame (requestAnimationFrame waits
 * until it is shown again), and keys quicker than frames would otherwise put it off until they stop.
 * Nothing waiting for it (updateComplete) hangs.
 */
const MAX_WAIT_MS = 1000;

/**
 * One deferred task at a time, run after the next paint.
 * @internal
 */
export class AfterPaint {
  private task: (() => void) | null = null;
  private frame = 0;
  private afterFrame: ReturnType<typeof setTimeout> | undefined;
  private deadline: ReturnType<typeof setTimeout> | undefined;
  private waiters: Array<() => void> = [];

  /** Whether a task waits to run. */
  get pending(): boolean {
    return this.task !== null;
  }

  /**
   * Runs `task` in a task queued once the next frame is painted (requestAnimationFrame runs before
   * the paint, a timeout queued from it after). A task still waiting is dropped, and its wait starts
   * over (up to MAX_WAIT_MS in all): a newer key gets its own frame painted before any filtering.
   */
  schedule(task: () => void): void {
    cancelAnimationFrame(this.frame);
    clearTimeout(this.afterFrame);
    this.task = task;
    this.deadline ??= setTimeout(() => this.flush(), document.visibilityState === 'hidden' ? 0 : MAX_WAIT_MS);
    this.frame = requestAnimationFrame(() => { this.afterFrame = setTimeout(() => this.flush()); });
  }

  /** Runs the waiting task now, if any (another control changed: its update includes this one). */
  flush(): void {
    const task = this.task;
    this.cancelTimers();
    this.task = null;
    try {
      task?.();
    } finally {
      const waiters = this.waiters;
      this.waiters = [];
      for (const resolve of waiters) resolve();
    }
  }

  /** Resolves once the waiting task has run (at once when none waits). */
  whenRun(): Promise<void> {
    return this.task ? new Promise((resolve) => this.waiters.push(resolve)) : Promise.resolve();
  }

  private cancelTimers(): void {
    cancelAnimationFrame(this.frame);
    clearTimeout(this.afterFrame);
    clearTimeout(this.deadline);
    this.deadline = undefined;
  }
}
