/**
 * @module Two-way tests' harness: the routing test app served on a loopback port (so the sandboxes'
 * pushes reach its `/webhooks/psa/…`), the two-way worker, and the platform's test receiver: a
 * loopback listener that checks every event with the `standardwebhooks` library.
 */
import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { TwoWayWorker, type TwoWayConfig } from '../../../bff/services/two-way/two-way-worker.js';
import { startServer, type RunningServer } from '../../helpers/serve.js';
import { createRoutingTestApp, type RoutingTestApp } from '../routing/routing-harness.js';
import type { RoutingConfig } from '../../../bff/services/routing/routing-config.js';

export interface ReceivedEvent {
  id: string;
  type: string;
  data: Record<string, any>;
  /** Order of arrival at the receiver. */
  n: number;
}

export interface PlatformReceiver extends RunningServer {
  url: string;
  secret: string;
  /** Verified events, in arrival order (repeats included, so a test can count them). */
  events: ReceivedEvent[];
  /** Posts that failed verification. */
  refused: number;
  /** While true the receiver answers 503 (the platform is down). */
  down: boolean;
}

export async function startPlatformReceiver(): Promise<PlatformReceiver> {
  const secret = `whsec_${randomBytes(32).toString('base64')}`;
  const verifier = new Webhook(secret);
  const state = { events: [] as ReceivedEvent[], refused: 0, down: false };
  const server = await startServer(async (req) => {
    if (state.down) return new Response('down', { status: 503 });
    const body = await req.text();
    try {
      const payload = verifier.verify(body, Object.fromEntries(req.headers)) as { type: string; data: Record<string, unknown> };
      state.events.push({ id: req.headers.get('webhook-id')!, type: payload.type, data: payload.data, n: state.events.length });
      return new Response(null, { status: 204 });
    } catch {
      state.refused++;
      return new Response('bad signature', { status: 400 });
    }
  });
  return Object.assign(state, server, { url: `${server.origin}/platform/events`, secret });
}

export interface TwoWayTestApp extends RoutingTestApp {
  bff: RunningServer;
  twoWay: TwoWayWorker;
}

export const TEST_TWO_WAY_CONFIG: Partial<TwoWayConfig> = {
  tickMs: 25, pollIntervalMs: 3_600_000,
  dispatcher: { backoffBaseMs: 20, backoffMaxMs: 200, maxAttempts: 1_000, timeoutMs: 2_000, batch: 50 },
  pushRemoval: { leaseMs: 5_000, backoffBaseMs: 20, backoffMaxMs: 200 },
  pollCallsPerHour: { autotask: 1_000_000, 'kaseya-bms': 1_000_000, connectwise: 1_000_000, halopsa: 1_000_000 },
};

export async function createTwoWayTestApp(sandboxOrigin: string, receiver: PlatformReceiver, options: {
  twoWay?: Partial<TwoWayConfig>; routing?: Partial<RoutingConfig>; now?: () => number; register?: boolean;
} = {}): Promise<TwoWayTestApp> {
  const t = await createRoutingTestApp(sandboxOrigin, { config: options.routing });
  const bff = await startServer(t.app.fetch);
  const twoWay = new TwoWayWorker(t.deps, { publicOrigin: options.register === false ? undefined : bff.origin, config: { ...TEST_TWO_WAY_CONFIG, ...options.twoWay }, now: options.now }).start();
  const res = await t.call('PUT', '/api/platform-webhook', { body: { url: receiver.url, secret: receiver.secret } });
  if (res.status !== 200) throw new Error(`platform endpoint: HTTP ${res.status} ${await res.text()}`);
  const shutdown = t.shutdown;
  return Object.assign(t, {
    bff, twoWay,
    async shutdown() {
      await twoWay.stop();
      await bff.close();
      await shutdown();
    },
  });
}

export async function until<T>(what: string, probe: () => Promise<T | null | undefined | false> | T | null | undefined | false, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
