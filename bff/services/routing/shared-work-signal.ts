/**
 * @module The routing work signal across processes on PostgreSQL: intake in any instance sends a
 * `NOTIFY routing_work` (coalesced: at most one per few milliseconds per process) and every
 * worker LISTENs on its own connection and wakes its local WorkSignal. Without it, workers of
 * other instances would only see new alerts at their next poll.
 */
import type pg from 'pg';
import type { Database } from '../../../db/database.js';
import type { Logger } from '../../logger.js';
import { WorkSignal } from './work-signal.js';

const CHANNEL = 'routing_work';
/** Notifications sent within this window collapse into one (a storm costs one NOTIFY per window). */
const COALESCE_MS = 5;

export class SharedWorkSignal extends WorkSignal {
  private listener: pg.Client | null = null;
  private pendingNotify: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(
    private readonly pool: pg.Pool,
    private readonly url: string,
    private readonly logger: Logger,
  ) {
    super();
  }

  /** Wakes local waiters at once and, shortly after, every other instance's worker. */
  override notify(): void {
    super.notify();
    if (this.pendingNotify || this.stopped) return;
    this.pendingNotify = setTimeout(() => {
      this.pendingNotify = null;
      this.pool.query(`select pg_notify('${CHANNEL}', '')`).catch((error: unknown) => this.logger.debug({ err: error }, 'routing: notify failed'));
    }, COALESCE_MS);
    this.pendingNotify.unref?.();
  }

  /** Wakes only this process (used for notifications that came from the database). */
  private wakeLocal(): void {
    super.notify();
  }

  /** Starts listening (a worker's process); reconnects after a lost connection. */
  async listen(): Promise<void> {
    if (this.listener || this.stopped) return;
    // The driver is loaded here, not at start: a SQLite server never needs it.
    const { default: driver } = await import('pg');
    const client = new driver.Client({ connectionString: this.url });
    client.on('notification', () => this.wakeLocal());
    client.on('error', (error) => {
      this.logger.warn({ err: error }, 'routing: LISTEN connection lost; reconnecting');
      this.listener = null;
      client.end().catch(() => {});
      if (!this.stopped) setTimeout(() => this.listen().catch(() => {}), 500).unref?.();
    });
    await client.connect();
    await client.query(`listen ${CHANNEL}`);
    this.listener = client;
  }

  async close(): Promise<void> {
    this.stopped = true;
    if (this.pendingNotify) clearTimeout(this.pendingNotify);
    this.pendingNotify = null;
    const client = this.listener;
    this.listener = null;
    await client?.end().catch(() => {});
  }
}

/** The signal for this engine: shared through the database on PostgreSQL, in-process on SQLite. */
export function createWorkSignal(database: Database, logger: Logger): WorkSignal {
  return database.dialect === 'postgres' ? new SharedWorkSignal(database.db.$client, database.url, logger) : new WorkSignal();
}
