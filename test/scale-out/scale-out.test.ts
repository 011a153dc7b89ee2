/**
 * Several BFF processes on one PostgreSQL database: two instances taking the same group at once
 * open one ticket; one of three instances killed with SIGKILL in the middle of a storm loses and
 * repeats nothing (counted in the sandbox, which runs as its own process and survives the kill).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { control } from '../helpers/serve.js';
import { alert, alertMentions, setupPsa, ticketWrites } from '../bff/routing/routing-harness.js';
import { killStarted, postAlert, startCluster, waitDelivered, type Cluster } from './cluster.js';
import { postgresUnavailable } from '../helpers/test-database.js';

const unavailable = await postgresUnavailable();
if (unavailable) console.warn(`Scale-out tests skipped: ${unavailable}`);

// Each test starts its processes through tsx (seconds each on a loaded 2-core machine) before its
// own waits begin, so a test's budget is theirs plus the start: 90 s, as the storm test has.
let cluster: Cluster | null = null;
afterEach(async () => {
  await cluster?.close();
  cluster = null;
  await killStarted();
});

describe.skipIf(unavailable)('several instances on one PostgreSQL database', () => {
  it('two instances taking the same group at once open one ticket, and every alert is sent once', async () => {
    cluster = await startCluster(2);
    const [a, b] = cluster.instances as [NonNullable<Cluster['instances'][0]>, NonNullable<Cluster['instances'][0]>];
    const psa = await setupPsa(cluster.api(a), 'autotask', { subjectTemplate: '{user}' });
    // Slow PSA calls, so both instances' workers are busy with the group at the same moment.
    await control(cluster.sandbox.origin, 'autotask', 'faults', { kind: 'latency', count: 10_000, ms: 20 });
    const alerts = Array.from({ length: 40 }, (_, i) => alert({ id: `same-${i}`, user: { email: 'same@domain.com' } }));
    // Pairs arrive at both instances at once, each instance's worker woken by its own intake.
    for (let i = 0; i < alerts.length; i += 2) {
      const accepted = await Promise.all([postAlert(a, cluster.router, alerts[i]), postAlert(b, cluster.router, alerts[i + 1])]);
      expect(accepted).toEqual([true, true]);
    }
    const health = await waitDelivered(cluster.api(b), psa.id, alerts.length, 30_000);
    expect(health.totals).toMatchObject({ delivered: alerts.length, failed: 0, skipped: 0 });
    expect(await ticketWrites(cluster.sandbox.origin, 'autotask')).toHaveLength(1);
    const mentions = await alertMentions(cluster.sandbox.origin, 'autotask', alerts.map((x) => x.id));
    expect([...mentions.entries()].filter(([, n]) => n !== 1)).toEqual([]);
  }, 90_000);

  it('ROUTING_WORKER=separate: intake only queues; `npm run worker` in its own process delivers', async () => {
    cluster = await startCluster(1, { ROUTING_WORKER: 'separate' });
    const intake = cluster.instances[0]!;
    const psa = await setupPsa(cluster.api(intake), 'autotask', { subjectTemplate: '{user}' });
    const alerts = Array.from({ length: 10 }, (_, i) => alert({ id: `sep-${i}`, user: { email: `u${i % 2}@domain.com` } }));
    for (const a of alerts) expect(await postAlert(intake, cluster.router, a)).toBe(true);
    await new Promise((r) => setTimeout(r, 1_000));
    const waiting = await (await cluster.api(intake).call('GET', `/api/integrations/${psa.id}/health`)).json();
    expect(waiting.queue.depth).toBe(alerts.length);
    expect(await ticketWrites(cluster.sandbox.origin, 'autotask')).toHaveLength(0);
    const worker = await cluster.startWorker();
    const health = await waitDelivered(cluster.api(intake), psa.id, alerts.length, 20_000);
    expect(health.totals).toMatchObject({ delivered: alerts.length, failed: 0 });
    expect(await ticketWrites(cluster.sandbox.origin, 'autotask')).toHaveLength(2);
    // The worker reports its own vendor calls and claim lag, and its readiness.
    expect((await fetch(`${worker.origin}/api/ready`)).status).toBe(200);
    const metrics = await (await fetch(`${worker.origin}/metrics`)).text();
    expect(Number(/^ih_vendor_calls_total\{vendor="autotask",status="2xx"\} (\d+)$/m.exec(metrics)?.[1] ?? 0)).toBeGreaterThanOrEqual(2);
    expect(Number(/^ih_routing_claim_lag_seconds_count (\d+)$/m.exec(metrics)?.[1] ?? 0)).toBeGreaterThan(0);
  }, 90_000);

  it('kill -9 of one of three instances mid-storm: every alert delivered exactly once, one ticket per group', async () => {
    cluster = await startCluster(3);
    const [first, victim, third] = cluster.instances as Array<NonNullable<Cluster['instances'][0]>>;
    const psa = await setupPsa(cluster.api(first!), 'autotask', { subjectTemplate: '{user} – {alert}' });
    await control(cluster.sandbox.origin, 'autotask', 'faults', { kind: 'latency', count: 10_000, ms: 10 });
    const users = Array.from({ length: 10 }, (_, i) => `user${i}@domain.com`);
    const types = ['at-too-many-downloads', 'at-too-many-uploads'];
    const alerts = Array.from({ length: 600 }, (_, i) => alert({ id: `storm-${i}`, user: { email: users[i % users.length]! }, alertType: types[Math.floor(i / users.length) % 2]! }));
    const answered = new Set<string>();
    let killed: Promise<void> | null = null;
    const live = () => (killed ? [first!, third!] : [first!, victim!, third!]);
    // The storm round-robin over the instances, 12 posts in flight; the victim dies once the PSA has
    // seen some writes, with deliveries and posts in flight everywhere.
    const watcher = (async () => {
      while (!killed && answered.size < alerts.length) {
        if ((await control(cluster!.sandbox.origin, 'autotask', 'writes')).writes.length >= 8) killed = victim!.kill();
        else await new Promise((r) => setTimeout(r, 5));
      }
    })();
    const queue = [...alerts];
    let turn = 0;
    await Promise.all(Array.from({ length: 12 }, async () => {
      for (let a = queue.shift(); a; a = queue.shift()) {
        const instances = live();
        if (await postAlert(instances[turn++ % instances.length]!, cluster!.router, a)) answered.add(a.id);
        else queue.push(a); // no answer (the victim died under it): the platform posts it again elsewhere
      }
    }));
    await watcher;
    expect(killed).not.toBeNull();
    await killed;
    expect(answered.size).toBe(alerts.length);

    const health = await waitDelivered(cluster.api(third!), psa.id, alerts.length, 60_000);
    expect(health).toMatchObject({ totals: { delivered: alerts.length, failed: 0, skipped: 0 }, queue: { depth: 0 } });
    const tickets = await ticketWrites(cluster.sandbox.origin, 'autotask');
    expect(tickets).toHaveLength(users.length * types.length);
    expect(new Set(tickets.map((w) => w.title)).size).toBe(tickets.length);
    const mentions = await alertMentions(cluster.sandbox.origin, 'autotask', alerts.map((a) => a.id));
    expect([...mentions.entries()].filter(([, n]) => n !== 1)).toEqual([]);
  }, 90_000);
});
