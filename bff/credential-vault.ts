/**
 * @module Seals vendor credentials with AES-256-GCM. The key id travels beside the ciphertext so
 * keys can rotate: new writes use the current key, older rows still open with a previous one.
 */
import { createCipheriv, createDecipheriv, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export interface SealedSecret {
  sealed: string;
  keyId: string;
}

export class CredentialVault {
  private readonly keys: Map<string, Buffer>;

  constructor(
    private readonly currentKeyId: string,
    currentKey: Buffer,
    previous: Array<{ id: string; key: Buffer }> = [],
  ) {
    if (currentKey.length !== 32) throw new Error('The credential key must be 32 bytes');
    this.keys = new Map([[currentKeyId, currentKey], ...previous.map((p) => [p.id, p.key] as const)]);
  }

  seal(value: unknown): SealedSecret {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.keys.get(this.currentKeyId)!, iv);
    // The key id is authenticated too, so a ciphertext cannot be replayed under another key id.
    cipher.setAAD(Buffer.from(this.currentKeyId));
    const data = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
    const sealed = [iv, cipher.getAuthTag(), data].map((b) => b.toString('base64')).join('.');
    return { sealed, keyId: this.currentKeyId };
  }

  open<T = unknown>(secret: SealedSecret): T {
    const key = this.keys.get(secret.keyId);
    if (!key) throw new Error(`No key "${secret.keyId}" is configured to open these credentials (SECRET_KEYS_PREVIOUS)`);
    const [iv, tag, data] = secret.sealed.split('.').map((p) => Buffer.from(p, 'base64'));
    const decipher = createDecipheriv('aes-256-gcm', key, iv!);
    decipher.setAAD(Buffer.from(secret.keyId));
    decipher.setAuthTag(tag!);
    return JSON.parse(Buffer.concat([decipher.update(data!), decipher.final()]).toString('utf8')) as T;
  }

  /**
   * Key material for another purpose (e.g. hashing budget keys), derived from the current key so the
   * sealing key itself is used for nothing else. It changes when the current key rotates.
   */
  derivedKey(purpose: string): Buffer {
    return this.derivedKeyOf(this.currentKeyId, purpose)!;
  }

  /**
   * A keyed hash (HMAC-SHA256) of `value` under the current key's `purpose` key, as `<keyId>:<hash>`.
   * The key id travels with it, like a sealed value's, so a hash made before a key rotation is still
   * compared under the key that made it (`matchesKeyedHash`).
   */
  keyedHash(purpose: string, value: string): string {
    return `${this.currentKeyId}:${this.hmac(this.currentKeyId, purpose, value)!}`;
  }

  /** Whether `stored` (from `keyedHash`) is the hash of `value`; false when its key is no longer configured. */
  matchesKeyedHash(purpose: string, value: string, stored: string): boolean {
    const at = stored.lastIndexOf(':');
    const expected = at > 0 ? this.hmac(stored.slice(0, at), purpose, value) : undefined;
    if (!expected) return false;
    const [a, b] = [Buffer.from(expected), Buffer.from(stored.slice(at + 1))];
    return a.length === b.length && timingSafeEqual(a, b);
  }

  private derivedKeyOf(keyId: string, purpose: string): Buffer | undefined {
    const key = this.keys.get(keyId);
    return key && createHmac('sha256', key).update(`integration-hub:${purpose}`).digest();
  }

  private hmac(keyId: string, purpose: string, value: string): string | undefined {
    const key = this.derivedKeyOf(keyId, purpose);
    return key && createHmac('sha256', key).update(value, 'utf8').digest('base64url');
  }

  /** Whether this sealed value should be re-sealed under the current key. */
  isStale(secret: SealedSecret): boolean {
    return secret.keyId !== this.currentKeyId;
  }
}

export function parsePreviousKeys(value: string | undefined): Array<{ id: string; key: Buffer }> {
  if (!value) return [];
  return value.split(',').map((pair) => {
    const [id, key] = pair.split(':');
    return { id: id!, key: Buffer.from(key!, 'base64') };
  });
}
