/**
 * @module The account-mapping table's pure logic: client-side filtering over every loaded PSA
 * account (10,000 filter within a frame), name-match suggestions (shared/name-match.ts) for acceptance, and
 * editing the mapping rows (only accounts that are mapped, have a contact or are ignored keep a row).
 */
import type { AccountMappingRow } from '../../../../bff/contracts/psa-settings.js';
import type { PsaAccount } from '../../../../bff/contracts/model.js';
import type { OrganizationOption } from '../psa-wizard.api.js';
import {
  NameIndex, SUGGESTION_THRESHOLD, assignOneToOne, candidatePairs, nameKey, type CandidatePairs, type NameMatch, type Suggestion,
} from '../../shared/name-match.js';

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

/** Name-match candidates of the loaded lists: computed once per account or organization list (the slow part). */
export function suggestionCandidates(accounts: PsaAccount[], organizations: OrganizationOption[]): { candidates: CandidatePairs<PsaAccount, OrganizationOption>; organizations: NameIndex<OrganizationOption> } {
  const index = new NameIndex(organizations, (o) => o.name);
  return { candidates: candidatePairs(accounts, (a) => a.name, index), organizations: index };
}

/**
 * The suggestions to show now, by account id: one-to-one, best score first, among accounts neither
 * mapped nor ignored and organizations no row maps yet. Cheap: re-run on every mapping change.
 */
export function currentSuggestions(candidates: CandidatePairs<PsaAccount, OrganizationOption>, rows: ReadonlyMap<string, AccountMappingRow>): Map<string, Suggestion<PsaAccount, OrganizationOption>> {
  const mappedOrgs = new Set<string>();
  for (const r of rows.values()) if (r.organizationId) mappedOrgs.add(r.organizationId);
  const taken = (a: PsaAccount) => Boolean(rows.get(a.id)?.organizationId || rows.get(a.id)?.ignored);
  return new Map(assignOneToOne(candidates, taken, (o) => mappedOrgs.has(o.id)).map((s) => [s.account.id, s]));
}

/** The organization nearly or exactly named like `name`, if any ("+ Add to platform" warns before making a twin). */
export function nearOrganization(organizations: NameIndex<OrganizationOption>, name: string): (NameMatch & { organization: OrganizationOption }) | null {
  const [best] = organizations.matches(nameKey(name), SUGGESTION_THRESHOLD, 1);
  return best ? { organization: best.item, score: best.score, reason: best.reason } : null;
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

/** Applies one patch to many accounts' rows at once (bulk actions), dropping rows that then say nothing. */
export function withRowsPatched(mappings: ReadonlyArray<AccountMappingRow>, accounts: PsaAccount[], patch: (row: AccountMappingRow) => AccountMappingRow): AccountMappingRow[] {
  const byId = new Map(mappings.map((r) => [r.psaAccountId, r]));
  for (const account of accounts) byId.set(account.id, patch(byId.get(account.id) ?? emptyRow(account)));
  return [...byId.values()].filter((r) => r.organizationId || r.contactId || r.ignored);
}
