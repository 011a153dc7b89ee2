/**
 * @module What every vendor sandbox shares: its mutable state (seeded data, a log of writes,
 * queued faults), the fault-injection middleware placed in front of the vendor API, a sliding-window
 * rate counter for enforcing the vendor's real budget, and the `_control/` API tests and demos use.
 */
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { z } from 'zod';

/** `403`: the vendor refuses the call for a permission the API user lacks (e.g. creating a webhook), as it words that refusal. */
export const FAULT_KINDS = ['latency', '429', '5xx', 'hang', '403'] as const;

export const faultSchema = z.object({
  kind: z.enum(FAULT_KINDS),
  /** How many of the next vendor calls get this fault. */
  count: z.number().int().min(1).max(10_000).default(1),
  /** Latency to add, or how long a hang lasts before the socket is answered with a 504. */
  ms: z.number().int().min(0).max(600_000).default(1_000),
  retryAfterSeconds: z.number().int().min(0).max(3_600).default(2),
  status: z.number().int().min(500).max(599).default(503),
  /** Only calls whose path contains this text (e.g. "/Tickets"); all calls when absent. */
  pathIncludes: z.string().optional(),
  /** Only calls whose path ends with this text (e.g. "/webhooks": a create, not the "/webhooks/search" beside it). */
  pathEndsWith: z.string().optional(),
  /** Only calls with this HTTP method (e.g. POST: delay a create but not the searches for it). */
  method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']).optional(),
});
export type Fault = z.infer<typeof faultSchema> & { remaining: number };

export interface WriteRecord {
  seq: number;
  at: string;
  /** What was written: 'ticket', 'ticket.update', 'note', 'service', 'contract-service.units', … */
  kind: string;
  id: string;
  data: unknown;
}

export const seedSchema = z.object({
  /** Accounts (PSA) or devices (RMM) to generate; the vendor decides what a unit is. */
  scale: z.number().int().min(1).max(100_000).optional(),
});

/** The mutable heart of one sandbox. `Data` is the vendor's own tables. */
export class SandboxState<Data> {
  data: Data;
  writes: WriteRecord[] = [];
  faults: Fault[] = [];
  /** Vendor API calls answered (faults included), for tests and benchmarks. */
  callCount = 0;
  /** Calls answered with an injected fault, by kind (an outage test tells them from the vendor's own 429s). */
  faultsTaken: Record<string, number> = {};
  /**
   * Vendor API calls still being processed, including ones whose client already gave up (a
   * delayed write still commits, as at a real vendor): tests wait for 0 before counting writes.
   */
  inFlight = 0;
  private seq = 0;
  private scale: number | undefined;
  /** Called after each recorded write (a sandbox's webhooks fire from here, as a vendor's do after a commit). */
  private readonly writeListeners: Array<(write: WriteRecord) => void> = [];
  private readonly resetListeners: Array<() => void> = [];

  constructor(private readonly seedFn: (scale: number | undefined) => Data) {
    this.data = seedFn(undefined);
  }

  reset(scale?: number): void {
    this.scale = scale;
    this.data = this.seedFn(scale);
    this.writes = [];
    this.faults = [];
    this.callCount = 0;
    this.faultsTaken = {};
    this.seq = 0;
    for (const listener of this.resetListeners) listener();
  }

  onWrite(listener: (write: WriteRecord) => void): void {
    this.writeListeners.push(listener);
  }

  onReset(listener: () => void): void {
    this.resetListeners.push(listener);
  }

  get currentScale(): number | undefined {
    return this.scale;
  }

  recordWrite(kind: string, id: string | number, data: unknown): void {
    const write = { seq: ++this.seq, at: new Date().toISOString(), kind, id: String(id), data };
    this.writes.push(write);
    for (const listener of this.writeListeners) listener(write);
  }

  /** Takes the next fault that applies to this call, if any. */
  takeFault(path: string, method = 'GET'): Fault | undefined {
    const fault = this.faults.find((f) => f.remaining > 0 && (!f.pathIncludes || path.includes(f.pathIncludes)) && (!f.pathEndsWith || path.endsWith(f.pathEndsWith)) && (!f.method || f.method === method.toUpperCase()));
    if (!fault) return undefined;
    fault.remaining--;
    this.faultsTaken[fault.kind] = (this.faultsTaken[fault.kind] ?? 0) + 1;
    this.faults = this.faults.filter((f) => f.remaining > 0);
    return fault;
  }
}

export interface FaultResponders {
  /** The vendor's own 429 answer (body and headers as the vendor sends them). */
  rateLimited: (c: Context, retryAfterSeconds: number) => Response | Promise<Response>;
  /** The vendor's own 5xx answer. */
  serverError: (c: Context, status: number) => Response | Promise<Response>;
  /** The vendor's own refusal for a missing permission (a bare 403 when the vendor has none of its own here). */
  forbidden?: (c: Context) => Response | Promise<Response>;
}

/** Applies queued faults to vendor API calls and counts them. Mount before the vendor routes. */
export function faultInjection<D>(state: SandboxState<D>, responders: FaultResponders): MiddlewareHandler {
  return async (c, next) => {
    if (c.req.path.includes('/_control/')) return next();
    state.callCount++;
    state.inFlight++;
    try {
      return await applyFault(c, state.takeFault(c.req.path, c.req.method), responders, next);
    } finally {
      state.inFlight--;
    }
  };
}

async function applyFault(c: Context, fault: Fault | undefined, responders: FaultResponders, next: () => Promise<void>): Promise<Response | void> {
  if (!fault) return next();
  switch (fault.kind) {
    case 'latency':
      // The client's abort is ignored on purpose: a slow vendor commits the write after the delay
      // even when the caller timed out, which is what exactly-once delivery must survive.
      await sleep(fault.ms);
      return next();
    case '429':
      return responders.rateLimited(c, fault.retryAfterSeconds);
    case '5xx':
      return responders.serverError(c, fault.status);
    case '403':
      return responders.forbidden ? responders.forbidden(c) : c.body(null, 403);
    case 'hang':
      // Holds the request open (the client's time-out should fire first), then gives up with a gateway time-out.
      await sleep(fault.ms, c.req.raw.signal);
      return c.body(null, 504);
  }
}

/** Counts calls in a sliding window, to enforce a vendor's published budget with its real 429. */
export class WindowCounter {
  private readonly hits: number[] = [];
  constructor(
    readonly limit: number,
    readonly windowMs: number,
  ) {}

  /** Records a hit; returns the seconds to wait when over the limit, else 0. */
  hit(now = Date.now()): number {
    while (this.hits.length > 0 && this.hits[0]! <= now - this.windowMs) this.hits.shift();
    if (this.hits.length >= this.limit) return Math.max(1, Math.ceil((this.hits[0]! + this.windowMs - now) / 1000));
    this.hits.push(now);
    return 0;
  }

  reset(): void {
    this.hits.length = 0;
  }
}

export interface ControlOptions<D> {
  /** Extra control routes a vendor needs (add/move/remove devices, close a ticket…). */
  extend?: (control: Hono, state: SandboxState<D>) => void;
  /** Called after reset so the vendor can clear its own caches (tokens, rate counters). */
  onReset?: () => void;
}

/**
 * `_control/` routes: POST reset, POST seed {scale}, POST faults {kind (latency, 429, 5xx, hang, 403),count,…}, PUT faults [list], DELETE faults,
 * GET writes (?kind=), GET stats. Not part of any vendor API; never mounted outside sandboxes.
 */
export function controlRoutes<D>(state: SandboxState<D>, options: ControlOptions<D> = {}): Hono {
  const control = new Hono();
  control.post('/reset', (c) => {
    state.reset(state.currentScale);
    options.onReset?.();
    return c.json({ ok: true });
  });
  control.post('/seed', async (c) => {
    const parsed = seedSchema.safeParse(await c.req.json().catch(() => ({})));
    if (!parsed.success) return c.json({ error: parsed.error.issues }, 400);
    state.reset(parsed.data.scale);
    options.onReset?.();
    return c.json({ ok: true, scale: parsed.data.scale ?? null });
  });
  control.post('/faults', async (c) => {
    const parsed = faultSchema.safeParse(await c.req.json().catch(() => null));
    if (!parsed.success) return c.json({ error: parsed.error.issues }, 400);
    state.faults.push({ ...parsed.data, remaining: parsed.data.count });
    return c.json({ ok: true, queued: state.faults.length });
  });
  // Replaces the queued faults in one step: an outage moves from 503s to hangs to 429s with no healthy call between.
  control.put('/faults', async (c) => {
    const parsed = z.array(faultSchema).max(20).safeParse(await c.req.json().catch(() => null));
    if (!parsed.success) return c.json({ error: parsed.error.issues }, 400);
    state.faults = parsed.data.map((f) => ({ ...f, remaining: f.count }));
    return c.json({ ok: true, queued: state.faults.length });
  });
  control.delete('/faults', (c) => {
    state.faults = [];
    return c.json({ ok: true });
  });
  control.get('/writes', (c) => {
    const kind = c.req.query('kind');
    return c.json({ writes: kind ? state.writes.filter((w) => w.kind === kind) : state.writes });
  });
  control.get('/stats', (c) => c.json({ calls: state.callCount, inFlight: state.inFlight, writes: state.writes.length, faultsQueued: state.faults.length, faultsTaken: state.faultsTaken }));
  options.extend?.(control, state);
  return control;
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    }, { once: true });
  });
}

/** A small deterministic PRNG (mulberry32) so seeded data is the same on every start. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
