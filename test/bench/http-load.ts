/** @module Measures one route with autocannon: requests per second and p99 latency. */
import autocannon from 'autocannon';

export interface LoadResult {
  route: string;
  reqPerSec: number;
  p99Ms: number;
  errors: number;
  non2xx: number;
}

export async function load(url: string, options: { connections?: number; seconds?: number; headers?: Record<string, string>; method?: 'GET' | 'POST'; body?: string } = {}): Promise<LoadResult> {
  const result = await autocannon({
    url,
    connections: options.connections ?? 50,
    duration: options.seconds ?? 5,
    headers: options.headers,
    method: options.method ?? 'GET',
    body: options.body,
  });
  return {
    route: `${options.method ?? 'GET'} ${new URL(url).pathname}`,
    reqPerSec: Math.round(result.requests.average),
    p99Ms: result.latency.p99,
    errors: result.errors,
    non2xx: result.non2xx,
  };
}
