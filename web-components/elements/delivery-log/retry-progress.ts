/**
 * @module RetryProgress: how far a retry of failed deliveries has got, read from the log's counts.
 * The retried alerts wait in the queue again; each one that leaves it (delivered, or failed again)
 * is done. ASSUMPTION: alerts arriving meanwhile also wait, so the baseline is the number waiting
 * besides the retried ones right after the retry; an outage during the retry keeps it "waiting".
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export interface LogCounts {
  waiting: number;
  delivered: number;
  skipped: number;
  failed: number;
}

/** How often the counts are read while a retry runs. */
const POLL_MS = 1_000;

export class RetryProgress implements ReactiveController {
  /** Null when no retry is running or shown. */
  total: number | null = null;
  done = 0;
  finished = false;
  failedAgain = 0;

  private baseline = 0;
  private timer?: ReturnType<typeof setTimeout>;
  private resolveFinished?: () => void;

  constructor(
    private readonly host: ReactiveControllerHost,
    /** Reads the log's current counts. */
    private readonly readCounts: () => Promise<LogCounts>,
    /** Called once when every retried alert has left the queue. */
    private readonly onFinished: (total: number, failedAgain: number) => void,
  ) {
    host.addController(this);
  }

  get running(): boolean {
    return this.total !== null && !this.finished;
  }

  hostDisconnected(): void {
    clearTimeout(this.timer);
  }

  /** Starts following `total` retried alerts; `countsAfter` are the counts read right after the retry. Resolves when finished. */
  start(total: number, countsAfter: LogCounts): Promise<void> {
    clearTimeout(this.timer);
    this.total = total;
    this.finished = false;
    this.baseline = Math.max(0, countsAfter.waiting - total);
    const finished = new Promise<void>((resolve) => { this.resolveFinished = resolve; });
    this.apply(countsAfter);
    return finished;
  }

  private apply(counts: LogCounts): void {
    const total = this.total ?? 0;
    this.done = Math.min(total, Math.max(0, total - (counts.waiting - this.baseline)));
    this.failedAgain = Math.min(total, counts.failed);
    this.host.requestUpdate();
    if (this.done >= total) {
      this.finished = true;
      this.onFinished(total, this.failedAgain);
      this.resolveFinished?.();
      return;
    }
    this.timer = setTimeout(() => void this.poll(), POLL_MS);
  }

  private async poll(): Promise<void> {
    try {
      this.apply(await this.readCounts());
    } catch {
      // A failed read (BFF restarting) is tried again on the next tick; the bar keeps its value.
      this.timer = setTimeout(() => void this.poll(), POLL_MS);
    }
  }
}
