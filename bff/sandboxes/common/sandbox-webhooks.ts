/**
 * @module How a sandbox pushes to its subscribers as a vendor does: each push is POSTed with the
 * vendor's headers, retried after failures, and a subscriber that keeps failing is deactivated
 * (the vendor's hook calls back, e.g. Autotask's `deactivationUrl`). `_control/webhooks` lets tests
 * drop pushes (a lost webhook), change the retry waits and read the delivery log.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import { SANDBOX_RETRY_DELAYS_MS } from '../../vendors/webhooks/webhook-facts.js';
import { sleep } from './sandbox-kit.js';

export interface WebhookTarget {
  id: number;
  url: string;
  active: boolean;
  consecutiveFailures: number;
}

export interface OutgoingPush {
  body: string;
  headers: Record<string, string>;
}

export interface PushLogEntry {
  targetId: number;
  attempt: number;
  /** HTTP status, 'error' (no answer) or 'dropped' (lost on purpose by a test). */
  outcome: number | 'error' | 'dropped';
  at: string;
}

const policySchema = z.object({
  retryDelaysMs: z.array(z.number().int().min(0).max(600_000)).max(10).optional(),
  deactivateAfter: z.number().int().min(1).max(100).optional(),
});

export class WebhookSender<T extends WebhookTarget> {
  readonly targets = new Map<number, T>();
  readonly log: PushLogEntry[] = [];
  private nextId = 1;
  private dropNext = 0;
  private retryDelaysMs: number[] = [...SANDBOX_RETRY_DELAYS_MS];
  /** Pushes still being sent or retried. */
  inFlight = 0;

  constructor(
    private deactivateAfter: number,
    private readonly onDeactivate: (target: T) => void = () => {},
  ) {}

  add(fields: Omit<T, 'id' | 'consecutiveFailures'>): T {
    const target = { ...fields, id: this.nextId++, consecutiveFailures: 0 } as T;
    this.targets.set(target.id, target);
    return target;
  }

  reset(): void {
    this.targets.clear();
    this.log.length = 0;
    this.dropNext = 0;
  }

  /** Sends in the background (a vendor's commit does not wait for its webhooks). */
  push(target: T, push: OutgoingPush): void {
    this.inFlight++;
    void this.deliver(target, push).finally(() => this.inFlight--);
  }

  private async deliver(target: T, push: OutgoingPush): Promise<void> {
    const at = () => new Date().toISOString();
    if (this.dropNext > 0) {
      this.dropNext--;
      this.log.push({ targetId: target.id, attempt: 1, outcome: 'dropped', at: at() });
      return;
    }
    const waits = [0, ...this.retryDelaysMs];
    for (let attempt = 1; attempt <= waits.length; attempt++) {
      if (waits[attempt - 1]) await sleep(waits[attempt - 1]!);
      if (!this.targets.has(target.id) || !target.active) return;
      const outcome = await post(target.url, push);
      this.log.push({ targetId: target.id, attempt, outcome, at: at() });
      if (typeof outcome === 'number' && outcome >= 200 && outcome < 300) {
        target.consecutiveFailures = 0;
        return;
      }
    }
    target.consecutiveFailures++;
    if (target.consecutiveFailures >= this.deactivateAfter) {
      target.active = false;
      this.onDeactivate(target);
    }
  }

  control(): Hono {
    const control = new Hono();
    control.get('/', (c) => c.json({ targets: [...this.targets.values()], log: this.log, inFlight: this.inFlight }));
    control.post('/drop', async (c) => {
      const { count = 1 } = (await c.req.json().catch(() => ({}))) as { count?: number };
      this.dropNext = Math.max(0, Math.min(1_000, Number(count) || 0));
      return c.json({ ok: true, dropNext: this.dropNext });
    });
    control.post('/policy', async (c) => {
      const parsed = policySchema.safeParse(await c.req.json().catch(() => null));
      if (!parsed.success) return c.json({ error: parsed.error.issues }, 400);
      if (parsed.data.retryDelaysMs) this.retryDelaysMs = parsed.data.retryDelaysMs;
      if (parsed.data.deactivateAfter) this.deactivateAfter = parsed.data.deactivateAfter;
      return c.json({ ok: true });
    });
    return control;
  }
}

async function post(url: string, push: OutgoingPush): Promise<number | 'error'> {
  try {
    const res = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json', ...push.headers }, body: push.body, signal: AbortSignal.timeout(10_000) });
    await res.arrayBuffer().catch(() => undefined);
    return res.status;
  } catch {
    return 'error';
  }
}
