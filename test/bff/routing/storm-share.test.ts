/**
 * The worker in the intake process while intake is flat out (intake-yield.ts): it holds back to
 * its share of the event loop, yet delivery never starves. Intake runs without pause through the
 * real app; the hold is longer than the test, so only the guaranteed share can deliver anything
 * meanwhile. Over real HTTP to the Autotask sandbox. The env variables of the rule are read and
 * checked at start-up.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { routingConfigFromEnv } from '../../../bff/services/routing/routing-config.js';
import { startSandboxServer } from '../../helpers/sandbox-server.js';
import type { RunningServer } from '../../helpers/serve.js';
import { alert, createRoutingTestApp, setupPsa, type RoutingTestApp } from './routing-harness.js';

let sandbox: RunningServer;
let t: RoutingTestApp | undefined;
beforeAll(async () => { sandbox = await startSandboxServer(); });
afterAll(() => sandbox.close());
afterEach(async () => { await t?.shutdown(); t = undefined; });

describe('the worker under a continuous storm', () => {
  it('delivers while intake is flat out, through its share of the loop alone (the hold outlasts the storm)', async () => {
    t = await createRoutingTestApp(sandbox.origin, { config: { yieldMaxMs: 600_000, yieldShare: 0.1, yieldBusyPerSecond: 5 } });
    // Busy from 5 alerts/s: twenty clients post hundreds a second even on a loaded machine, so the hold can't lapse for a slow moment.
    const app = t;
    await setupPsa(app, 'autotask');
    const accepted: string[] = [];
    let storming = true;
    // Twenty clients posting back to back: the event loop is never idle while they run.
    const client = async () => {
      while (storming) {
        const a = alert();
        const res = await app.call('POST', '/api/routing/alerts', { token: app.router, body: a });
        expect(res.status).toBe(202);
        await res.arrayBuffer();
        accepted.push(a.id);
      }
    };
    const clients = Array.from({ length: 20 }, client);
    try {
      const deadline = Date.now() + 20_000;
      // An alert accepted once the hold is on: only the share can deliver it before the storm ends.
      while (app.worker.yieldingSince === null && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      const from = accepted.length;
      while (accepted.length <= from && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
      const first = accepted[from]!;
      let delivered = false;
      let heldThroughout = true;
      while (!delivered && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 50));
        // The hold is on the whole time (intake busy, loop saturated): what is delivered, its share delivered.
        heldThroughout &&= app.worker.yieldingSince !== null;
        delivered = (await app.deps.repos.routing.get('partner-a', first))?.state === 'delivered';
      }
      expect(delivered, `an alert accepted during the hold reached the PSA while the storm went on (${accepted.length} accepted)`).toBe(true);
      expect(heldThroughout, 'the worker was holding back the whole time').toBe(true);
      expect(storming).toBe(true);
    } finally {
      storming = false;
      await Promise.all(clients);
    }
  });

  it('reads the rule from ROUTING_YIELD_SHARE and ROUTING_YIELD_MAX_MS, and refuses a share of 0 (delivery would starve)', () => {
    const config = routingConfigFromEnv({ ROUTING_YIELD_SHARE: '0.25', ROUTING_YIELD_MAX_MS: '3000' });
    expect([config.yieldShare, config.yieldMaxMs]).toEqual([0.25, 3_000]);
    expect(() => routingConfigFromEnv({ ROUTING_YIELD_SHARE: '0' })).toThrow(/ROUTING_YIELD_SHARE/);
  });
});
