/**
 * @module Wakes the routing worker: intake calls `notify()` right after its INSERT, a finished
 * group calls it too, and the worker's loop `wait()`s on it between polls.
 */
export class WorkSignal {
  private pending = false;
  private wake: (() => void) | null = null;

  notify(): void {
    this.pending = true;
    const wake = this.wake;
    this.wake = null;
    wake?.();
  }

  /** Resolves after `ms`, or at once when notified (a notification that came first is not lost). */
  wait(ms: number): Promise<void> {
    if (this.pending) {
      this.pending = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.wake = null;
        resolve();
      }, ms);
      timer.unref?.();
      this.wake = () => {
        clearTimeout(timer);
        this.pending = false;
        resolve();
      };
    });
  }
}
