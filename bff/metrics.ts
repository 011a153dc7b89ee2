/**
 * @module Prometheus metrics (prom-client) for `GET /metrics`: alerts taken in, queue depth and
 * deliveries by outcome (read from the database at scrape time, so every instance reports the
 * shared queue), vendor calls and 429s by vendor, how long alerts waited to be claimed, and per
 * integration whether the PSA answers (circuit breaker) and the age of its oldest waiting alert.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Repositories } from '../db/repositories/index.js';
import { onVendorCall } from './vendors/http/vendor-call-events.js';

export function createMetrics(repos: Repositories) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'ih_' });
  const intake = new Counter({ name: 'ih_routing_intake_total', help: 'Alerts posted to this instance, by result (accepted: new; duplicate: the same alert id again).', labelNames: ['result'] as const, registers: [registry] });
  const vendorCalls = new Counter({ name: 'ih_vendor_calls_total', help: 'Vendor API calls made by this instance, by vendor and HTTP status class.', labelNames: ['vendor', 'status'] as const, registers: [registry] });
  const vendorRateLimited = new Counter({ name: 'ih_vendor_rate_limited_total', help: 'Vendor answers 429 (rate limited) seen by this instance, by vendor.', labelNames: ['vendor'] as const, registers: [registry] });
  const claimLag = new Histogram({
    name: 'ih_routing_claim_lag_seconds', help: 'Time from an alert being accepted to its group being claimed for delivery (oldest alert of each claim).',
    buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300], registers: [registry],
  });
  new Gauge({
    name: 'ih_routing_queue_depth', help: 'Alerts waiting for delivery in the shared outbox (all instances).', registers: [registry],
    async collect() {
      const rows = await repos.routing.stateCounts();
      this.set(rows.filter((r) => r.state === 'queued').reduce((n, r) => n + r.n, 0));
    },
  });
  new Gauge({
    name: 'ih_routing_deliveries', help: 'Alerts in the shared outbox by state and outcome (delivered as a ticket or a note, skipped, failed).',
    labelNames: ['state', 'outcome'] as const, registers: [registry],
    async collect() {
      this.reset();
      for (const r of await repos.routing.stateCounts()) this.set({ state: r.state, outcome: r.outcome ?? 'none' }, r.n);
    },
  });
  new Gauge({
    name: 'ih_integration_available', help: 'Whether each active PSA integration answers (1) or its circuit breaker holds its queue during an outage (0).',
    labelNames: ['integration_id'] as const, registers: [registry],
    async collect() {
      this.reset();
      const unavailable = new Set((await repos.integrationHealth.list()).filter((r) => r.state === 'unavailable').map((r) => r.integrationId));
      for (const { id } of await repos.routing.activePsaIntegrations()) this.set({ integration_id: id }, unavailable.has(id) ? 0 : 1);
    },
  });
  new Gauge({
    name: 'ih_routing_oldest_waiting_seconds', help: 'Age of the oldest alert waiting for delivery, per integration (0 when none waits).',
    labelNames: ['integration_id'] as const, registers: [registry],
    async collect() {
      this.reset();
      const now = Date.now();
      for (const r of await repos.integrationHealth.oldestWaiting()) this.set({ integration_id: r.integrationId }, Math.max(0, (now - Date.parse(r.oldestAt)) / 1000));
    },
  });
  const unsubscribe = onVendorCall((vendor, status) => {
    vendorCalls.inc({ vendor, status: status <= 0 ? 'error' : `${Math.floor(status / 100)}xx` });
    if (status === 429) vendorRateLimited.inc({ vendor });
  });
  return { registry, intake, claimLag, close: unsubscribe };
}
export type Metrics = ReturnType<typeof createMetrics>;
