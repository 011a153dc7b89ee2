/**
 * @module Runs every connected RMM integration's sync when it is due (RMM_SYNC_INTERVAL_MINUTES).
 * Which process runs one is decided by the row claim in rmm_sync_state, never by an in-process
 * lock, so several BFF processes on one database share the work without syncing one twice.
 */
import type { Repositories } from '../../../db/repositories/index.js';
import type { Logger } from '../../logger.js';
import type { RmmSyncResult, RmmSyncService } from './rmm-sync.service.js';

export interface RmmSyncSchedulerOptions {
  /** How often to look for due syncs (default: a minute, or the interval when shorter). */
  tickMs?: number;
  /** Syncs this process runs at once; each vendor account has its own limiter anyway. */
  concurrency?: number;
  /** Delay of the first look after start (default 5 s: let the server finish starting). */
  firstTickMs?: number;
  now?: () => number;
}

export class RmmSyncScheduler {
  private readonly inFlight = new Map<string, Promise<RmmSyncResult | null>>();
  private readonly abort = new AbortController();
  private timer: NodeJS.Timeout | null = null;
  private readonly tickMs: number;
  private readonly concurrency: number;
  private readonly firstTickMs: number;
  private readonly now: () => number;

  constructor(
    private readonly service: RmmSyncService,
    private readonly repos: Repositories,
    private readonly logger: Logger,
    options: RmmSyncSchedulerOptions = {},
  ) {
    this.tickMs = options.tickMs ?? Math.min(60_000, service.intervalMs);
    this.concurrency = options.concurrency ?? 4;
    this.firstTickMs = options.firstTickMs ?? 5_000;
    this.now = options.now ?? Date.now;
  }

  start(): void {
    if (this.timer) return;
    const loop = (delay: number) => {
      this.timer = setTimeout(() => {
        void this.tick().catch((err: unknown) => this.logger.error({ err }, 'rmm sync tick failed'));
        if (!this.abort.signal.aborted) loop(this.tickMs);
      }, delay);
      this.timer.unref();
    };
    loop(this.firstTickMs);
  }

  /**
   * Starts the due syncs this process has room for and resolves when they end (the timer does
   * not wait; tests do). Each run claims its row first, so a sync another process holds is skipped.
   */
  async tick(): Promise<Array<RmmSyncResult | null>> {
    if (this.abort.signal.aborted) return [];
    const started: Array<Promise<RmmSyncResult | null>> = [];
    for (const due of await this.repos.devices.dueForSync(this.now())) {
      if (this.inFlight.size >= this.concurrency) break;
      if (this.inFlight.has(due.integrationId)) continue;
      const run = this.service.runIfFree(due.partnerId, due.integrationId, this.abort.signal)
        .catch((err: unknown) => {
          this.logger.warn({ err, integrationId: due.integrationId }, 'scheduled rmm sync did not run');
          return null;
        })
        .finally(() => this.inFlight.delete(due.integrationId));
      this.inFlight.set(due.integrationId, run);
      started.push(run);
    }
    return Promise.all(started);
  }

  /** Stops the timer, interrupts running syncs (each records where it stopped) and waits for them. */
  async stop(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.abort.abort();
    await Promise.allSettled([...this.inFlight.values()]);
  }
}
