/**
 * @module The verified-token cache of auth.ts, bounded in entries and bytes: a least-recently-used
 * map keyed by the token's SHA-256 (never the token itself, so an 8 KB token costs the same few
 * bytes as a small one), with a byte budget, and tokens over a size never cached (they are still
 * verified, each time). A flood of distinct tokens evicts old entries instead of growing the heap.
 * Besides the map, only the last header seen is held (one string), so the same token is hashed once.
 */
import { hash } from 'node:crypto';

export interface CachedPrincipal<P> {
  principal: P;
  expiresAt: number;
}

export interface TokenCacheLimits {
  maxEntries: number;
  maxBytes: number;
  /** Authorization headers longer than this are verified every time, never cached. */
  maxTokenLength: number;
}

export const TOKEN_CACHE_LIMITS: TokenCacheLimits = { maxEntries: 10_000, maxBytes: 4 * 1024 * 1024, maxTokenLength: 16 * 1024 };

/** Map, key and bookkeeping overhead per entry (an estimate; the budget is about order of magnitude). */
const ENTRY_OVERHEAD_BYTES = 160;

export class VerifiedTokenCache<P> {
  private readonly entries = new Map<string, CachedPrincipal<P> & { bytes: number }>();
  private used = 0;
  /** The last header seen and its key: an alert pipeline sends one token thousands of times a second, hashed once. */
  private last = { header: '', key: keyOf('') };

  constructor(readonly limits: TokenCacheLimits = TOKEN_CACHE_LIMITS) {}

  /** Entries held now. */
  get size(): number {
    return this.entries.size;
  }

  /** Estimated bytes held now (keys, principals and per-entry overhead). */
  get bytes(): number {
    return this.used;
  }

  /** The principal of a still-valid cached token (marked as recently used), or undefined. */
  get(header: string, now = Date.now()): P | undefined {
    if (header.length > this.limits.maxTokenLength) return undefined;
    const key = this.keyOf(header);
    const hit = this.entries.get(key);
    if (!hit) return undefined;
    this.entries.delete(key);
    if (hit.expiresAt <= now) {
      this.used -= hit.bytes;
      return undefined;
    }
    this.entries.set(key, hit);
    return hit.principal;
  }

  private keyOf(header: string): string {
    if (header !== this.last.header) this.last = { header, key: keyOf(header) };
    return this.last.key;
  }

  set(header: string, principal: P, expiresAt: number): void {
    if (header.length > this.limits.maxTokenLength) return;
    const key = this.keyOf(header);
    const old = this.entries.get(key);
    if (old) {
      this.entries.delete(key);
      this.used -= old.bytes;
    }
    const bytes = ENTRY_OVERHEAD_BYTES + key.length + 2 * JSON.stringify(principal).length;
    this.entries.set(key, { principal, expiresAt, bytes });
    this.used += bytes;
    for (const [oldest, entry] of this.entries) {
      if (this.entries.size <= this.limits.maxEntries && this.used <= this.limits.maxBytes) break;
      this.entries.delete(oldest);
      this.used -= entry.bytes;
    }
  }
}

// One-shot hashing: a Hash object per request cost about 5 % of intake's CPU (issue 20).
const keyOf = (header: string) => hash('sha256', header, 'base64url');
