/**
 * The verified-token cache stays bounded: 1,500 distinct 8 KB tokens through the real auth
 * middleware keep it within its entries and bytes (it holds hashes, not tokens), least recently
 * used first out; a token over the size limit is still verified but never cached.
 */
import { Hono } from 'hono';
import { sign } from 'hono/jwt';
import { describe, expect, it } from 'vitest';
import { authenticate, type Principal } from '../../../bff/middleware/auth.js';
import { TOKEN_CACHE_LIMITS, VerifiedTokenCache } from '../../../bff/middleware/verified-token-cache.js';

const SECRET = 'token-cache-test-secret-long-enough-for-hs256';

function appWith(cache: VerifiedTokenCache<Principal>) {
  return new Hono().use(authenticate({ secret: SECRET }, () => undefined, cache)).get('/who', (c) => c.json(c.get('principal' as never)));
}

/** A distinct signed token of about `size` characters. */
async function token(i: number, size = 8 * 1024): Promise<string> {
  const exp = Math.floor(Date.now() / 1000) + 3600;
  return sign({ sub: `user-${i}@partner.example`, partner: 'partner-a', role: 'admin', exp, pad: 'x'.repeat(Math.floor(size * 0.75)) }, SECRET, 'HS256');
}

async function call(app: ReturnType<typeof appWith>, bearer: string): Promise<number> {
  return (await app.request('/who', { headers: { Authorization: `Bearer ${bearer}` } })).status;
}

describe('verified-token cache', () => {
  it('1,500 distinct 8 KB tokens keep it within its entries and byte budget (hashes, not tokens, are kept)', async () => {
    const cache = new VerifiedTokenCache<Principal>();
    const app = appWith(cache);
    const tokens = await Promise.all(Array.from({ length: 1_500 }, (_, i) => token(i)));
    expect(tokens[0]!.length).toBeGreaterThan(8 * 1024);
    for (const t of tokens) expect(await call(app, t)).toBe(200);
    expect(cache.size).toBeLessThanOrEqual(TOKEN_CACHE_LIMITS.maxEntries);
    expect(cache.bytes).toBeLessThanOrEqual(TOKEN_CACHE_LIMITS.maxBytes);
    // 1,500 × 8 KB of tokens would be 12 MB; what is held is a few hundred bytes an entry.
    expect(cache.bytes / cache.size).toBeLessThan(1_024);
  });

  it('evicts the least recently used first when a small bound is reached', async () => {
    const cache = new VerifiedTokenCache<Principal>({ maxEntries: 100, maxBytes: 30_000, maxTokenLength: 16 * 1024 });
    const app = appWith(cache);
    const kept = await token(-1);
    expect(await call(app, kept)).toBe(200);
    const tokens = await Promise.all(Array.from({ length: 1_500 }, (_, i) => token(i)));
    for (const [i, t] of tokens.entries()) {
      expect(await call(app, t)).toBe(200);
      if (i % 20 === 0) expect(await call(app, kept)).toBe(200);
    }
    expect(cache.size).toBeLessThanOrEqual(100);
    expect(cache.bytes).toBeLessThanOrEqual(30_000);
    expect(cache.get(`Bearer ${kept}`)?.sub).toBe('user--1@partner.example');
    expect(cache.get(`Bearer ${tokens[1_499]}`)?.sub).toBe('user-1499@partner.example');
    expect(cache.get(`Bearer ${tokens[0]}`)).toBeUndefined();
  });

  it('verifies a token over the size limit every time without caching it', async () => {
    const cache = new VerifiedTokenCache<Principal>();
    const app = appWith(cache);
    const huge = await token(1, 40 * 1024);
    expect(await call(app, huge)).toBe(200);
    expect(await call(app, huge)).toBe(200);
    expect(cache.size).toBe(0);
    expect(await call(app, `${huge.slice(0, -2)}xx`)).toBe(401);
  });
});
