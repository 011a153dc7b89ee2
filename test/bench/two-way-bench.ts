/**
 * @module Two-way status figures per PSA, over real HTTP to the sandboxes: the webhook path's
 * latency (a technician's close → the platform's receiver has the verified event), the polling
 * path's (the push dropped; polling every 400 ms here), the vendor calls one status check costs, and
 * so the calls an hour polling spends on 1,000 open tickets (every TWO_WAY_POLL_MINUTES, capped at
 * the 10% budget share). Latencies over rounds (min / median / max). No issue sets a goal for them;
 * the budget line's goal is the share itself. Run: `node --import tsx test/bench/two-way-bench.ts`.
 */
import { fileURLToPath } from 'node:url';
import { PSA_VENDORS, type PsaVendor } from '../../bff/contracts/model.js';
import { pollCallsPerHour, DEFAULT_TWO_WAY_CONFIG } from '../../bff/services/two-way/two-way-worker.js';
import { startSandboxServer } from '../helpers/sandbox-server.js';
import { control } from '../helpers/serve.js';
import { alert, closeAsTechnician, deliverAll, setupPsa } from '../bff/routing/routing-harness.js';
import { createTwoWayTestApp, startPlatformReceiver, until } from '../bff/two-way/two-way-harness.js';
import { benchRounds, spread } from './rounds.js';

const OPEN_TICKETS = 1_000;

async function measure(vendor: PsaVendor, sandboxOrigin: string, dropPush: boolean) {
  const receiver = await startPlatformReceiver();
  await control(sandboxOrigin, vendor, 'reset');
  const t = await createTwoWayTestApp(sandboxOrigin, receiver, { twoWay: { pollIntervalMs: dropPush ? 400 : 3_600_000 } });
  try {
    const psa = await setupPsa(t, vendor);
    const [first] = await deliverAll(t, [alert()]);
    await until('push', () => t.deps.repos.twoWay.getPush(psa.id));
    // Calls one status check costs (the ticket still open: no status name to look up).
    const tracked = (await t.deps.repos.twoWay.findTicket(psa.id, first.vendorTicketId))!;
    const before = (await control(sandboxOrigin, vendor, 'stats')).calls;
    for (let i = 0; i < 10; i++) await t.twoWay.status.refresh(tracked, { source: 'polling' });
    const perCheck = ((await control(sandboxOrigin, vendor, 'stats')).calls - before) / 10;
    if (dropPush) await control(sandboxOrigin, vendor, 'webhooks/drop', { count: 1 });
    const started = performance.now();
    await closeAsTechnician(sandboxOrigin, vendor, first.vendorTicketId);
    await until('event', () => receiver.events.find((e) => e.type === 'ticket.status_changed'), 20_000);
    return { ms: Math.round(performance.now() - started), perCheck };
  } finally {
    await t.shutdown();
    await receiver.close();
  }
}

export async function twoWayBenchmarks(rounds = benchRounds()): Promise<void> {
  console.log(`\nTwo-way status per PSA (sandboxes over HTTP, ${rounds} rounds alternating webhook and polling path; ms min / median / max)`);
  const sandbox = await startSandboxServer();
  try {
    const wanted = DEFAULT_TWO_WAY_CONFIG.pollIntervalMs;
    for (const vendor of PSA_VENDORS) {
      const push: number[] = [];
      const poll: number[] = [];
      let perCheck = 0;
      for (let round = 0; round < rounds; round++) {
        const p = await measure(vendor, sandbox.origin, false);
        push.push(p.ms);
        perCheck = p.perCheck;
        poll.push((await measure(vendor, sandbox.origin, true)).ms);
      }
      const share = pollCallsPerHour(vendor, DEFAULT_TWO_WAY_CONFIG);
      const checksWanted = OPEN_TICKETS * (3_600_000 / wanted);
      const checksAllowed = Math.min(checksWanted, Math.floor(share / Math.max(1, perCheck)));
      const everyMinutes = Math.round((OPEN_TICKETS / checksAllowed) * 60);
      const calls = Math.round(checksAllowed * perCheck);
      console.log(`  ${vendor.padEnd(11)} webhook path ${spread(push, 0)} ms; polling path ${spread(poll, 0)} ms (poll interval 400 ms); ${perCheck} vendor call(s) per check`);
      console.log(`  ${''.padEnd(11)} 1,000 open tickets: ${calls} calls/hour, each ticket checked every ${everyMinutes} min; goal ≤ the budget share ${share}/h: ${calls <= share ? 'met' : 'MISSED'}`);
    }
  } finally {
    await sandbox.close();
  }
}

const isMain = process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1];
if (isMain) {
  await twoWayBenchmarks();
  process.exit(0);
}
