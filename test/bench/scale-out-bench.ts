/**
 * @module Scale-out figures: intake and delivery throughput of real BFF processes with 1, 2 and 4
 * instances on one PostgreSQL database beside one instance on SQLite; then a storm of 10,000
 * alerts over 3 PostgreSQL instances: lost, duplicated, 429s and the most vendor calls in any
 * budget window. The sandboxes run as their own process and count what the PSA received.
 * Needs PostgreSQL (TEST_DATABASE_URL, default the machine's `test` database); says so otherwise.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { VENDOR_BUDGETS } from '../../bff/vendors/adapter-context.js';
import { alert, alertMentions, setupPsa, ticketWrites } from '../bff/routing/routing-harness.js';
import { control } from '../helpers/serve.js';
import { postgresUnavailable } from '../helpers/test-database.js';
import { postAlert, startCluster, waitDelivered, type Cluster } from '../scale-out/cluster.js';

const ORGS = ['org-acme', 'org-cedar', 'org-harbor', 'org-ironwood'];
const MAPPINGS = { 'org-acme': { account: 'Acme Dental Group' }, 'org-cedar': { account: 'Cedar Ridge Law' }, 'org-harbor': { account: 'Harbor View Hotels' } };

async function metricSum(cluster: Cluster, pattern: RegExp): Promise<number> {
  let sum = 0;
  for (const instance of cluster.instances) {
    try {
      const text = await (await fetch(`${instance.origin}/metrics`)).text();
      for (const m of text.matchAll(pattern)) sum += Number(m[1]);
    } catch {
      // a killed instance has no metrics
    }
  }
  return sum;
}

/** Posts every alert round-robin over the instances, `concurrency` at a time; returns the seconds taken. */
async function storm(cluster: Cluster, alerts: unknown[], concurrency: number): Promise<number> {
  const started = performance.now();
  const queue = [...alerts];
  let turn = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    for (let a = queue.shift(); a; a = queue.shift()) {
      if (!(await postAlert(cluster.instances[turn++ % cluster.instances.length]!, cluster.router, a))) throw new Error('an instance refused an alert');
    }
  }));
  return (performance.now() - started) / 1000;
}

function stormAlerts(prefix: string, total: number, users: number) {
  const types = ['at-too-many-downloads', 'at-too-many-uploads', 'at-mfa-failures'];
  return Array.from({ length: total }, (_, i) => {
    const u = (i * 7919) % users;
    return alert({ id: `${prefix}-${i}`, organizationId: ORGS[u % ORGS.length]!, user: { email: `user${u}@storm.example`, name: null }, alertType: types[(i * 31) % types.length]! });
  });
}

export async function throughput(label: string, instances: number, env: NodeJS.ProcessEnv, total: number): Promise<void> {
  const cluster = await startCluster(instances, env);
  try {
    const psa = await setupPsa(cluster.api(cluster.instances[0]!), 'autotask', { subjectTemplate: '{user} – {alert}', mappings: MAPPINGS });
    const alerts = stormAlerts(`tp${instances}`, total, 100);
    const started = performance.now();
    const intakeS = await storm(cluster, alerts, 32);
    const health = await waitDelivered(cluster.api(cluster.instances[0]!), psa.id, total, 600_000);
    const totalS = (performance.now() - started) / 1000;
    console.log(`  ${label.padEnd(26)} intake ${String(Math.round(total / intakeS)).padStart(5)} alerts/s   delivered ${health.totals.delivered}/${total} in ${totalS.toFixed(1)} s = ${String(Math.round(health.totals.delivered / totalS)).padStart(4)} alerts/s`);
  } finally {
    await cluster.close();
  }
}

export async function scaleOutBenchmarks(): Promise<void> {
  const down = await postgresUnavailable();
  console.log('\nScale-out (real BFF processes, 32 posts in flight round-robin, Autotask sandbox in its own process, 2,000 alerts in 300 groups)');
  const sqliteDir = mkdtempSync(join(tmpdir(), 'ih-scale-bench-'));
  await throughput('SQLite, 1 instance', 1, { DATABASE_URL: '', DATABASE_PATH: join(sqliteDir, 'hub.db') }, 2_000);
  if (down) {
    console.log(`  PostgreSQL figures skipped: ${down}`);
    return;
  }
  for (const n of [1, 2, 4]) await throughput(`PostgreSQL, ${n} instance${n > 1 ? 's' : ''}`, n, {}, 2_000);

  const total = 10_000;
  const cluster = await startCluster(3);
  try {
    const psa = await setupPsa(cluster.api(cluster.instances[0]!), 'autotask', { subjectTemplate: '{user} – {alert}', mappings: MAPPINGS });
    const callsBefore = (await control(cluster.sandbox.origin, 'autotask', 'stats')).calls as number;
    const alerts = stormAlerts('storm3', total, 100);
    const started = performance.now();
    const intakeS = await storm(cluster, alerts, 48);
    const health = await waitDelivered(cluster.api(cluster.instances[0]!), psa.id, total, 900_000);
    const drainS = (performance.now() - started) / 1000;
    const calls = (await control(cluster.sandbox.origin, 'autotask', 'stats')).calls - callsBefore;
    const mentions = await alertMentions(cluster.sandbox.origin, 'autotask', alerts.map((a) => a.id));
    const lost = [...mentions.values()].filter((n) => n === 0).length;
    const duplicated = [...mentions.values()].filter((n) => n > 1).length;
    const tickets = await ticketWrites(cluster.sandbox.origin, 'autotask');
    const groups = new Set(alerts.map((a) => `${a.organizationId}|${a.user!.email}|${a.alertType}`)).size;
    const limited = await metricSum(cluster, /^ih_vendor_rate_limited_total\{vendor="autotask"\} (\d+)$/gm);
    const budget = VENDOR_BUDGETS.autotask;
    console.log(`\nStorm over 3 PostgreSQL instances: ${total.toLocaleString('en')} alerts, ${groups} groups, Autotask sandbox in its own process`);
    console.log(`  accepted in ${intakeS.toFixed(1)} s (${Math.round(total / intakeS)} alerts/s over HTTP); delivered ${health.totals.delivered}, failed ${health.totals.failed}, skipped ${health.totals.skipped}; drained in ${drainS.toFixed(1)} s`);
    console.log(`  lost ${lost}, duplicated ${duplicated} (goal: 0 and 0); tickets ${tickets.length} (one per group: ${tickets.length === groups ? 'yes' : 'NO'})`);
    console.log(`  vendor calls ${calls} (all instances, counted by the sandbox) of a ${budget.limit.toLocaleString('en')}-per-hour budget shared through the database; 429s ${limited}; budget held: ${calls <= budget.limit && limited === 0 ? 'yes' : 'NO'} (goal: yes)`);
  } finally {
    await cluster.close();
  }
}

const isMain = process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href;
if (isMain) await scaleOutBenchmarks();
