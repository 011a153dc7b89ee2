/**
 * @module While an RMM device sync runs (the first one starts when the RMM is connected), the
 * element showing it asks again every couple of seconds, so "Syncing…" turns into the result
 * without a reload; once nothing runs it stops asking. Used by `<integration-list>` and the RMM
 * wizard's finish card.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export class SyncPoll implements ReactiveController {
  /** Time between two reads while a sync runs (tests shorten it). */
  static intervalMs = 2_000;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    /** Reads the state again and calls `observe` with what it found. */
    private readonly poll: () => Promise<void>,
  ) {
    host.addController(this);
  }

  /** Takes what is shown now: while a sync runs, the next read is scheduled; otherwise none is. */
  observe(running: boolean): void {
    this.clear();
    if (!running || !this.host.isConnected) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.poll();
    }, SyncPoll.intervalMs);
  }

  hostDisconnected(): void {
    this.clear();
  }

  private clear(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}

/** Whether any of these integrations' device syncs is running now. */
export function anySyncRunning(views: ReadonlyArray<{ sync?: { state: string } }>): boolean {
  return views.some((v) => v.sync?.state === 'running');
}
