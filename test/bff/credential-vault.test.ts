/**
 * The vault's keyed hashes (issue 17, item 9: an account identity stored beside the sealed
 * credentials): never the value itself, tied to its purpose and key, and still comparable after the
 * key rotates while the old key is configured as a previous one.
 */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CredentialVault } from '../../bff/credential-vault.js';

const OLD_KEY = randomBytes(32);
const NEW_KEY = randomBytes(32);

describe('CredentialVault keyed hashes', () => {
  it('names its key, hides the value, and matches only the same value and purpose', () => {
    const vault = new CredentialVault('k1', OLD_KEY);
    const hash = vault.keyedHash('account-identity', 'datto-rmm\nmerlot\nsandbox-key');
    expect(hash).toMatch(/^k1:[A-Za-z0-9_-]{43}$/);
    expect(hash).not.toContain('sandbox-key');
    expect(vault.matchesKeyedHash('account-identity', 'datto-rmm\nmerlot\nsandbox-key', hash)).toBe(true);
    expect(vault.matchesKeyedHash('account-identity', 'datto-rmm\nmerlot\nsandbox-key-2', hash)).toBe(false);
    expect(vault.matchesKeyedHash('vendor-budgets', 'datto-rmm\nmerlot\nsandbox-key', hash)).toBe(false);
    // Another installation (another SECRET_KEY) cannot recompute it.
    expect(new CredentialVault('k1', NEW_KEY).matchesKeyedHash('account-identity', 'datto-rmm\nmerlot\nsandbox-key', hash)).toBe(false);
  });

  it('compares a hash made before a rotation under the previous key; without that key it matches nothing', () => {
    const before = new CredentialVault('k1', OLD_KEY).keyedHash('account-identity', 'syncro\nsandbox');
    const rotated = new CredentialVault('k2', NEW_KEY, [{ id: 'k1', key: OLD_KEY }]);
    expect(rotated.matchesKeyedHash('account-identity', 'syncro\nsandbox', before)).toBe(true);
    expect(rotated.keyedHash('account-identity', 'syncro\nsandbox')).toMatch(/^k2:/);
    expect(new CredentialVault('k2', NEW_KEY).matchesKeyedHash('account-identity', 'syncro\nsandbox', before)).toBe(false);
    expect(rotated.matchesKeyedHash('account-identity', 'syncro\nsandbox', 'not a hash')).toBe(false);
  });
});
