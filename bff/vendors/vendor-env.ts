/**
 * @module Operator settings of the plugged-in vendors (vendor-catalog.ts `PLUGGED_VENDORS`), read
 * from the environment at start-up beside bff/env.ts, so plugging a vendor in never edits the
 * environment schema. A wrong value stops start-up with a message naming the variable.
 */
import { z } from 'zod';
import { PLUGGED_VENDORS, VENDORS, type Vendor } from '../contracts/vendor-catalog.js';
import type { PluggedEndpoint } from './adapter-context.js';

/** A host name, optionally with a port: no scheme, path or credentials. */
const hostSchema = z.string().regex(/^[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?(?::\d{1,5})?$/i, 'use host names (host or host:port), comma-separated');

export class VendorEnvError extends Error {}

/**
 * Each plugged vendor's settings: `baseUrl` (when set, it replaces the vendor's real host),
 * `platformId` (demo mode falls back to the sandbox's), `allowedHosts`.
 */
export function pluggedEndpointsFromEnv(source: Record<string, string | undefined>, options: { useSandbox: boolean; sandboxOrigin: string }): Partial<Record<Vendor, PluggedEndpoint>> {
  const problems: string[] = [];
  const result: Partial<Record<Vendor, PluggedEndpoint>> = {};
  for (const vendor of VENDORS) {
    const facts = PLUGGED_VENDORS[vendor];
    if (!facts) continue;
    const read = (name: string | undefined) => (name ? source[name]?.trim() || undefined : undefined);
    const endpoint: PluggedEndpoint = {};
    const baseUrl = read(facts.env.baseUrl);
    if (baseUrl !== undefined) {
      if (z.url().safeParse(baseUrl).success) endpoint.baseUrl = baseUrl.replace(/\/+$/, '');
      else problems.push(`  ${facts.env.baseUrl}: must be a URL`);
    } else if (options.useSandbox) {
      endpoint.baseUrl = `${options.sandboxOrigin}/sandbox/${vendor}`;
    }
    endpoint.platformId = read(facts.env.platformId) ?? (options.useSandbox ? facts.sandboxPlatformId : undefined);
    const hosts = read(facts.env.allowedHosts)?.split(',').map((h) => h.trim().toLowerCase()).filter(Boolean) ?? [];
    for (const host of hosts) if (!hostSchema.safeParse(host).success) problems.push(`  ${facts.env.allowedHosts}: “${host}” is not a host name (host or host:port)`);
    endpoint.allowedHosts = hosts;
    result[vendor] = endpoint;
  }
  if (problems.length) throw new VendorEnvError(`Invalid configuration:\n${problems.join('\n')}`);
  return result;
}
