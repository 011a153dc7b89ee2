/**
 * @module An open-loop, fixed-rate load generator: request i is due at start + i / rate whatever
 * the server does, and its latency runs from that due time, not from when a connection was free to
 * send it. A server that stalls therefore shows its stall in every request that waited behind it
 * (no coordinated omission, which a closed loop such as autocannon's `overallRate` has: it sends
 * the next request only after an answer, so a stall hides as a few slow samples). At most
 * `connections` requests are in flight; the rest wait their turn, and that wait counts.
 */
import { Agent, request } from 'node:http';

export interface SteadyRateOptions {
  url: string;
  /** Requests per second offered. */
  rate: number;
  seconds: number;
  /** Keep-alive connections, the most requests in flight at once. */
  connections: number;
  headers: Record<string, string>;
  /** The body of request i (unique ids). */
  body: (i: number) => string;
}

export interface SteadyRateResult {
  sent: number;
  /** Answers with a status other than 2xx, plus failed requests. */
  bad: number;
  /** Answers per second achieved over the run (below the rate when the server fell behind). */
  achievedPerSec: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

/** The value at quantile q of an ascending array. */
const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? 0;

export async function steadyRate(options: SteadyRateOptions): Promise<SteadyRateResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: options.connections });
  const target = new URL(options.url);
  const total = Math.round(options.rate * options.seconds);
  const intervalMs = 1000 / options.rate;
  const latencies: number[] = [];
  let bad = 0;
  let next = 0;
  const started = performance.now();
  let lastAnswer = started;

  const send = (i: number, due: number) => new Promise<void>((done) => {
    const payload = options.body(i);
    const req = request({
      agent, host: target.hostname, port: target.port, path: target.pathname, method: 'POST',
      headers: { ...options.headers, 'Content-Length': Buffer.byteLength(payload) },
    }, (res) => {
      res.resume();
      res.on('end', () => {
        const now = performance.now();
        lastAnswer = now;
        latencies.push(now - due);
        if (res.statusCode === undefined || res.statusCode < 200 || res.statusCode >= 300) bad++;
        done();
      });
    });
    req.on('error', () => {
      bad++;
      done();
    });
    req.end(payload);
  });

  const inFlight: Promise<void>[] = [];
  await new Promise<void>((finished) => {
    // A 1 ms tick issues every request that has come due; a late tick sends the overdue ones at
    // once, and their latency still counts from their due time.
    const tick = setInterval(() => {
      const now = performance.now();
      while (next < total && started + next * intervalMs <= now) {
        inFlight.push(send(next, started + next * intervalMs));
        next++;
      }
      if (next >= total) {
        clearInterval(tick);
        finished();
      }
    }, 1);
  });
  await Promise.all(inFlight);
  agent.destroy();
  const sorted = latencies.sort((a, b) => a - b);
  return {
    sent: total, bad,
    achievedPerSec: Math.round(latencies.length / ((lastAnswer - started) / 1000)),
    p50Ms: quantile(sorted, 0.5), p99Ms: quantile(sorted, 0.99), maxMs: sorted[sorted.length - 1] ?? 0,
  };
}
