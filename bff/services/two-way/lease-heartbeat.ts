/**
 * @module Keeps a database lease (a push registration's, a hook removal's) while its vendor call
 * runs: renews it every third of its length. `stop()` ends the renewals and waits for one still on
 * its way, so it cannot land after the lease's end (or its release) is written.
 */
import type { Logger } from '../../logger.js';

export interface LeaseHeartbeat {
  stop(): Promise<void>;
}

/** Calls `renew` every `leaseMs / 3` until stopped; a failed renewal is logged (debug) with `log` and `what`. */
export function leaseHeartbeat(renew: () => Promise<unknown>, leaseMs: number, logger: Logger, log: Record<string, unknown>, what: string): LeaseHeartbeat {
  let renewing: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    renewing = renew().catch((error: unknown) => logger.debug({ ...log, err: error }, `two-way: could not renew the ${what}`));
  }, Math.max(1, Math.floor(leaseMs / 3)));
  timer.unref();
  let stopped: Promise<void> | null = null;
  return {
    stop() {
      clearInterval(timer);
      return (stopped ??= renewing.then(() => undefined));
    },
  };
}
