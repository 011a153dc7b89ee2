/**
 * @module The environment, parsed once at start-up. A wrong value stops start-up with a message that
 * names the variable; nothing else in the BFF reads process.env.
 */
import { z } from 'zod';

const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
/** An exact origin (scheme, host and optional port; nothing else), as a browser sends in `Origin`. */
const isOrigin = (value: string) => {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.origin === value;
  } catch {
    return false;
  }
};
const originList = z.string().transform((v, ctx) => {
  const origins = v.split(',').map((o) => o.trim()).filter(Boolean);
  for (const origin of origins) {
    if (!isOrigin(origin)) ctx.addIssue({ code: 'custom', message: `"${origin}" is not an origin: use scheme://host[:port], e.g. https://portal.example.com (no path, no trailing slash, no wildcard)` });
  }
  return origins;
});
const base64Key = z.string().refine((v) => Buffer.from(v, 'base64').length === 32, 'must be 32 bytes, base64-encoded (openssl rand -base64 32)');

export const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8787),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_PATH: z.string().min(1).default('./data/integration-hub.db'),
  /** PostgreSQL instead of SQLite (production, several instances): `postgres://user:pass@host:5432/db`. */
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL').optional(),
  /** PostgreSQL schema holding the tables (default `public`). */
  DATABASE_SCHEMA: z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/, 'lower-case letters, digits and _ only').optional(),
  /** Where alerts are delivered: in this process (inline), by `npm run worker` (separate), or nowhere yet (off). */
  ROUTING_WORKER: z.enum(['off', 'inline', 'separate']).default('inline'),
  /** `npm run worker` only: serve /metrics and /api/ready on this port (the worker has no API otherwise). */
  METRICS_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Demo mode: built-in sandboxes, the demo host page, a seeded partner and a token for the page. */
  DEMO_MODE: bool.default(true),
  /** HS256 secret for tokens (at least 32 characters). Demo mode makes one when it is absent. */
  AUTH_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  /** Alternatively, an operator-configured JWKS (e.g. the host's identity provider). */
  AUTH_JWKS_URL: z.url().optional(),
  /** AES-256-GCM key for vendor credentials at rest. Demo mode keeps one in data/secret.key. */
  SECRET_KEY: base64Key.optional(),
  SECRET_KEY_ID: z.string().regex(/^[A-Za-z0-9_-]{1,32}$/, 'letters, digits, _ and - only').default('k1'),
  /** Older keys still able to open stored credentials: `id:base64,id:base64`. */
  SECRET_KEYS_PREVIOUS: z.string().regex(/^([A-Za-z0-9_-]+:[A-Za-z0-9+/=]+)(,[A-Za-z0-9_-]+:[A-Za-z0-9+/=]+)*$/, 'use id:base64key,id:base64key').optional(),
  /** Autotask API tracking identifier: the platform's own, never typed by an admin. */
  AUTOTASK_INTEGRATION_CODE: z.string().min(1).optional(),
  /** Where vendors live: the built-in sandboxes (demo) or the vendors' real hosts. */
  VENDOR_ENDPOINTS: z.enum(['sandbox', 'real']).optional(),
  /** Where the sandboxes answer when vendors are the sandboxes (default: this server; a separate worker needs it). */
  VENDOR_SANDBOX_ORIGIN: z.url().optional(),
  AUTOTASK_ZONE_URL: z.url().optional(),
  KASEYA_BMS_BASE_URL: z.url().optional(),
  DATTO_RMM_BASE_URL: z.url().optional(),
  SYNCRO_BASE_URL: z.url().optional(),
  /**
   * Host pages on other origins allowed to load the elements and call the API (CORS), comma-separated
   * exact origins. Absent: demo mode allows its own origin only, production none.
   */
  ALLOWED_ORIGINS: originList.optional(),
  /** How long vendor lists (accounts, picklists, sites) stay cached per integration. */
  VENDOR_CACHE_SECONDS: z.coerce.number().int().min(0).max(86_400).default(300),
  /** Minutes between two device syncs of one RMM integration. */
  RMM_SYNC_INTERVAL_MINUTES: z.coerce.number().int().min(1).max(1_440).default(15),
  /**
   * The address PSAs reach this BFF at (https in production), for their ticket pushes to
   * `/webhooks/psa/…`. Absent: demo mode uses its own origin; production registers no push and
   * relies on polling alone.
   */
  PUBLIC_BASE_URL: z.string().url().optional(),
  /** Minutes between two status checks of one open ticket (polling, within a share of the vendor budget). */
  TWO_WAY_POLL_MINUTES: z.coerce.number().int().min(1).max(1_440).default(15),
});

export type Env = z.infer<typeof envSchema>;

export class EnvError extends Error {}

/** Parses the environment or throws an EnvError naming each wrong variable. */
export function parseEnv(source: Record<string, string | undefined> = process.env): Env {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new EnvError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const env = parsed.data;
  if (!env.DEMO_MODE) {
    const missing = [!env.SECRET_KEY && 'SECRET_KEY', !env.AUTH_SECRET && !env.AUTH_JWKS_URL && 'AUTH_SECRET (or AUTH_JWKS_URL)']
      .filter(Boolean);
    if (missing.length) throw new EnvError(`Invalid configuration:\n${missing.map((m) => `  ${m}: required when DEMO_MODE=false`).join('\n')}`);
  }
  return env;
}
