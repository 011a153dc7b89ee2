/**
 * @module The account-mapping table's pure logic: client-side filtering over every loaded PSA
 * account (a keystroke that narrows the query searches only the previous matches), the counts (kept
 * until the list or the mappings change), name-match suggestions (shared/name-match.ts) for
 * acceptance, and editing the mapping rows (only accounts that are mapped, have a contact or are ignored keep a row).
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

/** Accounts with their search keys (lower-cased names), computed once per loaded list. */
export interface AccountIndex {
  accounts: PsaAccount[];
  /** `searchKey(name)` of each account, by position. */
  names: string[];
  facets: { types: string[]; classifications: string[]; marketSegments: string[] };
}

/** What a name and a query are compared as: the search box matches case-insensitively, ignoring leading and trailing spaces. */
export function searchKey(text: string): string {
  return text.trim().toLowerCase();
}

export function indexAccounts(accounts: PsaAccount[]): AccountIndex {
  const distinct = (values: Array<string | null>) => [...new Set(values.filter((v): v is string => Boolean(v)))].sort();
  return {
    accounts,
    names: accounts.map((a) => a.name.toLowerCase()),
    facets: { types: distinct(accounts.map((a) => a.type)), classifications: distinct(accounts.map((a) => a.classification)), marketSegments: distinct(accounts.map((a) => a.marketSegment)) },
  };
}

function viewOf(row: AccountMappingRow | undefined): MappingView {
  return row?.ignored ? 'ignored' : row?.organizationId ? 'mapped' : 'unmapped';
}

/** The positions (into `index.accounts`) among `candidates` that pass every filter, in loaded order. */
function passing(index: AccountIndex, filters: AccountFilters, rows: ReadonlyMap<string, AccountMappingRow>, candidates: ArrayLike<number> | null): number[] {
  const search = searchKey(filters.search);
  const out: number[] = [];
  const { accounts, names } = index;
  const count = candidates ? candidates.length : accounts.length;
  for (let c = 0; c < count; c++) {
    const i = candidates ? candidates[c]! : c;
    const a = accounts[i]!;
    if (search && !names[i]!.includes(search)) continue;
    if (filters.type && a.type !== filters.type) continue;
    if (filters.classification && a.classification !== filters.classification) continue;
    if (filters.marketSegment && a.marketSegment !== filters.marketSegment) continue;
    if (filters.relation !== 'all' && (filters.relation === 'child') !== (a.parentId !== null)) continue;
    if (filters.view !== 'all' && viewOf(rows.get(a.id)) !== filters.view) continue;
    out.push(i);
  }
  return out;
}

/** The accounts that pass every filter, in their loaded order (a full pass over the list). */
export function filterAccounts(index: AccountIndex, filters: AccountFilters, rows: ReadonlyMap<string, AccountMappingRow>): PsaAccount[] {
  return passing(index, filters, rows, null).map((i) => index.accounts[i]!);
}

/** One filtering's result, kept so the next keystroke can start from it. */
export interface FilteredAccounts {
  index: AccountIndex;
  filters: AccountFilters;
  rows: ReadonlyMap<string, AccountMappingRow>;
  /** Positions into `index.accounts` of the accounts shown. */
  positions: number[];
  accounts: PsaAccount[];
  /** The matches of the queries typed lately under the same other filters, by search key (Backspace returns to them). */
  history: Map<string, Matches>;
}

type Matches = Pick<FilteredAccounts, 'positions' | 'accounts'>;

/** Queries remembered for Backspace: a query typed letter by letter and deleted again stays well within it. */
const HISTORY = 32;

/** Whether `filters` select among the same accounts as `previous` apart from the search (so its matches can be reused). */
function sameBase(previous: FilteredAccounts, index: AccountIndex, filters: AccountFilters, rows: ReadonlyMap<string, AccountMappingRow>): boolean {
  const before = previous.filters;
  return previous.index === index && (filters.view === 'all' || previous.rows === rows)
    && filters.type === before.type && filters.classification === before.classification && filters.marketSegment === before.marketSegment
    && filters.relation === before.relation && filters.view === before.view;
}

/**
 * The accounts that pass every filter, like `filterAccounts`, without a pass over every account on
 * the usual keystrokes: a letter typed (the new query contains the previous one, so every match is
 * among the previous matches and only those are searched) and Backspace back to a query typed
 * before (its matches are remembered). Another query, another filter, a new list or, while the view
 * filter is on, new mappings: a full pass.
 */
export function refilterAccounts(previous: FilteredAccounts | null, index: AccountIndex, filters: AccountFilters, rows: ReadonlyMap<string, AccountMappingRow>): FilteredAccounts {
  if (previous && previous.index === index && previous.rows === rows && previous.filters === filters) return previous;
  const base = previous !== null && sameBase(previous, index, filters, rows) ? previous : null;
  const history = base ? base.history : new Map<string, Matches>();
  const search = searchKey(filters.search);
  let matches = history.get(search);
  if (!matches) {
    const narrows = base !== null && search.includes(searchKey(base.filters.search));
    const positions = passing(index, filters, rows, narrows ? base.positions : null);
    // The same accounts as before (a letter that narrows nothing): the same array, so the table renders no row again.
    const same = previous !== null && previous.index === index && samePositions(positions, previous.positions);
    matches = { positions, accounts: same ? previous.accounts : positions.map((i) => index.accounts[i]!) };
    if (history.size >= HISTORY) history.delete(history.keys().next().value!);
    history.set(search, matches);
  }
  return { index, filters, rows, ...matches, history };
}

function samePositions(a: number[], b: number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The counts the table states, recomputed when the list or the mappings change (not per keystroke). */
export interface MappingCounts {
  /** Mapping rows with an organization (accounts of earlier lists included, as the settings hold them). */
  mapped: number;
  /** Loaded accounts ignored. */
  ignored: number;
  /** Loaded accounts neither mapped nor ignored. */
  unmapped: number;
}

export function countMappings(accounts: ReadonlyArray<PsaAccount>, rows: ReadonlyMap<string, AccountMappingRow>): MappingCounts {
  let mapped = 0;
  for (const row of rows.values()) if (row.organizationId) mapped++;
  let ignored = 0;
  let unmapped = 0;
  for (const a of accounts) {
    const view = viewOf(rows.get(a.id));
    if (view === 'ignored') ignored++;
    else if (view === 'unmapped') unmapped++;
  }
  return { mapped, ignored, unmapped };
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

/** A row's errors, as the table shows them next to its organization and contact. */
export type RowErrors = { organizationId?: string; contactId?: string };

/** Errors of each account's row, from the mapping list's row index in each error's path. */
export function rowErrorsByAccount(errors: Readonly<Record<string, string>>, mappings: ReadonlyArray<AccountMappingRow>): Map<string, RowErrors> {
  const out = new Map<string, RowErrors>();
  for (const [path, message] of Object.entries(errors)) {
    const m = /^accountMapping\.mappings\.(\d+)\.(organizationId|contactId|ignored)$/.exec(path);
    const row = m ? mappings[Number(m[1])] : undefined;
    if (!row) continue;
    const key = m![2] === 'contactId' ? 'contactId' : 'organizationId';
    out.set(row.psaAccountId, { ...out.get(row.psaAccountId), [key]: message });
  }
  return out;
}
