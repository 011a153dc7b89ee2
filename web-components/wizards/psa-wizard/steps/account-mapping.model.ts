/**
 * @module The account-mapping table's pure logic: client-side filtering over every loaded PSA
 * account (10,000 filter within a frame), exact-name suggestions for one-click acceptance, and
 * editing the mapping rows (only accounts that are mapped, have a contact or are ignored keep a row).
 */
import type { AccountMappingRow } from '../../../../bff/contracts/psa-settings.js';
import type { PsaAccount } from '../../../../bff/vendors/model.js';
import type { OrganizationOption } from '../psa-wizard.api.js';

export type Relation = 'all' | 'parent' | 'child';
export type MappingView = 'all' | 'mapped' | 'unmapped' | 'ignored';

export interface AccountFilters {
  search: string;
  type: string;
  classification: string;
  marketSegment: string;
  relation: Relation;
  view: MappingView;
}

export const NO_FILTERS: AccountFilters = { search: '', type: '', classification: '', marketSegment: '', relation: 'all', view: 'all' };

/** Accounts with their lower-cased names, computed once per loaded list. */
export interface AccountIndex {
  accounts: PsaAccount[];
  names: string[];
  facets: { types: string[]; classifications: string[]; marketSegments: string[] };
}

export function indexAccounts(accounts: PsaAccount[]): AccountIndex {
  const distinct = (values: Array<string | null>) => [...new Set(values.filter((v): v is string => Boolean(v)))].sort();
  return {
    accounts,
    names: accounts.map((a) => a.name.toLowerCase()),
    facets: { types: distinct(accounts.map((a) => a.type)), classifications: distinct(accounts.map((a) => a.classification)), marketSegments: distinct(accounts.map((a) => a.marketSegment)) },
  };
}

/** The accounts that pass every filter, in their loaded order. */
export function filterAccounts(index: AccountIndex, filters: AccountFilters, rows: ReadonlyMap<string, AccountMappingRow>): PsaAccount[] {
  const search = filters.search.trim().toLowerCase();
  const out: PsaAccount[] = [];
  const { accounts, names } = index;
  for (let i = 0; i < accounts.length; i++) {
    const a = accounts[i]!;
    if (search && !names[i]!.includes(search)) continue;
    if (filters.type && a.type !== filters.type) continue;
    if (filters.classification && a.classification !== filters.classification) continue;
    if (filters.marketSegment && a.marketSegment !== filters.marketSegment) continue;
    if (filters.relation !== 'all' && (filters.relation === 'child') !== (a.parentId !== null)) continue;
    if (filters.view !== 'all') {
      const row = rows.get(a.id);
      const view: MappingView = row?.ignored ? 'ignored' : row?.organizationId ? 'mapped' : 'unmapped';
      if (view !== filters.view) continue;
    }
    out.push(a);
  }
  return out;
}

/**
 * Exact-name matches to suggest: an account and an organization with the very same name, neither
 * mapped nor ignored yet. Near misses ("EVERGREEN ACCOUNTING", "… Ltd") are left to a person.
 */
export function exactSuggestions(accounts: PsaAccount[], organizations: OrganizationOption[], rows: ReadonlyMap<string, AccountMappingRow>): Map<string, OrganizationOption> {
  const mappedOrgs = new Set([...rows.values()].map((r) => r.organizationId).filter(Boolean));
  const byName = new Map<string, OrganizationOption>();
  for (const org of organizations) if (!mappedOrgs.has(org.id) && !byName.has(org.name.trim())) byName.set(org.name.trim(), org);
  const suggestions = new Map<string, OrganizationOption>();
  const taken = new Set<string>();
  for (const account of accounts) {
    const row = rows.get(account.id);
    if (row?.organizationId || row?.ignored) continue;
    const org = byName.get(account.name.trim());
    if (org && !taken.has(org.id)) {
      suggestions.set(account.id, org);
      taken.add(org.id);
    }
  }
  return suggestions;
}

export function rowsByAccount(mappings: ReadonlyArray<AccountMappingRow>): Map<string, AccountMappingRow> {
  return new Map(mappings.map((r) => [r.psaAccountId, r]));
}

export function emptyRow(account: PsaAccount): AccountMappingRow {
  return { psaAccountId: account.id, psaAccountName: account.name, organizationId: null, contactId: null, contactName: null, ignored: false };
}

/** Replaces (or adds, or drops when it says nothing) the row of one account. */
export function withRow(mappings: ReadonlyArray<AccountMappingRow>, row: AccountMappingRow): AccountMappingRow[] {
  const keep = Boolean(row.organizationId || row.contactId || row.ignored);
  const index = mappings.findIndex((r) => r.psaAccountId === row.psaAccountId);
  if (index === -1) return keep ? [...mappings, row] : [...mappings];
  const next = [...mappings];
  if (keep) next[index] = row;
  else next.splice(index, 1);
  return next;
}
