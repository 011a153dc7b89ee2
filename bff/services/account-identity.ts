/**
 * @module One vendor account, one connection per partner (issue 17, item 9). "Separate instance"
 * lets a partner connect a second Datto RMM or Syncro, but never the same account twice: that only
 * doubles the data. Which account a set of credentials reaches is kept beside the sealed credentials
 * as a keyed hash (HMAC under a key derived from SECRET_KEY, `CredentialVault.keyedHash`), never in
 * clear, so the check needs no decryption.
 *
 * A partial unique index (partner, hash, live rows only) backs the check when two requests pass it at
 * once: the write that loses gets the same 409 (`guardSameAccount`).
 *
 * Rows sealed before the hash existed get theirs lazily, the first time a check of the same partner
 * and vendor looks at them: the check opens their credentials once and stores the hash. We chose
 * this over a start-up backfill because it runs only where the answer matters (one partner's few
 * connections of one vendor), costs nothing at start-up, and a row whose key is no longer configured
 * only fails to be compared (logged) instead of stopping the server.
 */
import type { Logger } from '../logger.js';
import type { CredentialVault } from '../credential-vault.js';
import { credentialSchemas, type VendorCredentials } from '../contracts/credentials.js';
import { STATUS_LABELS } from '../contracts/integration-view.js';
import { ProblemError } from '../errors.js';
import type { Repositories } from '../../db/repositories/index.js';
import type { IntegrationRecord } from '../../db/repositories/integrations.repo.js';
import { VENDOR_LABELS, type Vendor } from '../contracts/vendor-catalog.js';

/** The vault's purpose name for these hashes (its own derived key, used for nothing else). */
const PURPOSE = 'account-identity';

interface IdentityRule<C> {
  /** What names the account: equal strings mean the same account. */
  of: (credentials: C) => string;
  /** The credential field the refusal is shown next to. */
  field: string;
  /** What to do instead, in the admin's words. */
  instead: string;
}

/**
 * Per RMM vendor, what makes two connections the same account. Datto RMM: the platform and the API
 * key (the API key names the API user of one account on one platform). Syncro: the subdomain alone,
 * since `<subdomain>.syncromsp.com` is the account; a second API token of it reads the same customers
 * and assets. PSAs have one connection per partner anyway (psa_exists), so they have no rule.
 */
const RULES: { [V in Vendor]?: IdentityRule<VendorCredentials[V]> } = {
  'datto-rmm': {
    of: (c) => `datto-rmm\n${c.platform}\n${c.apiKey}`,
    field: 'apiKey',
    instead: 'Edit that connection instead, or enter the API key of another Datto RMM account.',
  },
  syncro: {
    of: (c) => `syncro\n${c.subdomain.trim().toLowerCase()}`,
    field: 'subdomain',
    instead: 'Edit that connection instead, or enter the subdomain of another Syncro account.',
  },
};

function ruleOf(vendor: Vendor): IdentityRule<unknown> | undefined {
  return RULES[vendor] as IdentityRule<unknown> | undefined;
}

/** The keyed hash of the account these (parsed) credentials reach, or null for a vendor without a rule. */
export function accountIdentityHash(vault: CredentialVault, vendor: Vendor, credentials: unknown): string | null {
  const rule = ruleOf(vendor);
  return rule ? vault.keyedHash(PURPOSE, rule.of(credentials)) : null;
}

export interface AccountIdentityDeps {
  repos: Repositories;
  vault: CredentialVault;
  logger: Logger;
}

/**
 * The partner's live connection of `vendor` that reaches the same account as `credentials` (parsed
 * with the vendor's schema), other than `exceptId` (the connection whose credentials are replaced).
 */
export async function findSameAccount(
  { repos, vault, logger }: AccountIdentityDeps,
  partnerId: string,
  vendor: Vendor,
  credentials: unknown,
  exceptId?: string,
): Promise<IntegrationRecord | undefined> {
  const rule = ruleOf(vendor);
  if (!rule) return undefined;
  const identity = rule.of(credentials);
  for (const row of await repos.integrations.accountIdentities(partnerId, vendor)) {
    if (row.id === exceptId || !row.hasCredentials) continue;
    const stored = row.accountIdentityHash ?? (await backfill(row.id));
    if (stored && vault.matchesKeyedHash(PURPOSE, identity, stored)) return repos.integrations.get(partnerId, row.id);
  }
  return undefined;

  /** A row sealed before the hash existed: open it once, hash it, keep the hash. */
  async function backfill(id: string): Promise<string | null> {
    let hash: string;
    try {
      const sealed = await repos.integrations.getSealedCredentials(partnerId, id);
      const parsed = sealed && credentialSchemas[vendor].safeParse(vault.open(sealed));
      if (!parsed || !parsed.success) return null;
      hash = vault.keyedHash(PURPOSE, rule!.of(parsed.data));
    } catch (err) {
      // A key no longer configured: this row cannot be compared (nor used); the others still are.
      logger.warn({ err: err instanceof Error ? err.message : String(err), integrationId: id }, 'account identity: stored credentials could not be opened');
      return null;
    }
    try {
      await repos.integrations.setAccountIdentityHash(partnerId, id, hash);
    } catch (err) {
      // Two rows of one account from before the rule: the second keeps no hash (it is compared by opening it).
      if (!isUniqueViolation(err)) throw err;
    }
    return hash;
  }
}

/** A unique index refused the write (better-sqlite3's code, or PostgreSQL's SQLSTATE), however drizzle wrapped it. */
function isUniqueViolation(error: unknown): boolean {
  for (let e = error; e instanceof Error; e = e.cause) {
    const code = (e as { code?: unknown }).code;
    if (code === 'SQLITE_CONSTRAINT_UNIQUE' || code === '23505') return true;
  }
  return false;
}

/**
 * Runs the write that stores these credentials' identity hash. Two requests for one account that both
 * passed `findSameAccount` meet at the unique index: the one that loses gets the same 409 as the check's.
 */
export async function guardSameAccount<T>(
  deps: AccountIdentityDeps, partnerId: string, vendor: Vendor, credentials: unknown, exceptId: string | undefined, write: () => Promise<T>,
): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const existing = await findSameAccount(deps, partnerId, vendor, credentials, exceptId);
    if (existing) throw sameAccountProblem(vendor, existing);
    throw error;
  }
}

/** The 409 that names the connection already holding this account (its label, never a credential). */
export function sameAccountProblem(vendor: Vendor, existing: IntegrationRecord): ProblemError {
  const rule = ruleOf(vendor)!;
  const vendorLabel = VENDOR_LABELS[vendor];
  const name = existing.accountLabel ? `${vendorLabel} · ${existing.accountLabel}` : vendorLabel;
  const message = `This ${vendorLabel} account is already connected as “${name}” (${STATUS_LABELS[existing.status].toLowerCase()}). ${rule.instead}`;
  return new ProblemError(409, 'account_already_connected', 'Account already connected', message, {
    existingIntegrationId: existing.id,
    errors: [{ field: `credentials.${rule.field}`, message }],
  });
}
