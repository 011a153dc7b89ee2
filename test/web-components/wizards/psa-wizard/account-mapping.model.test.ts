/**
 * The mapping table's filtering as a keystroke runs it: narrowing the previous matches must give
 * exactly the rows a full pass over all accounts gives, whatever the query did; and the counts.
 */
import { describe, expect, it } from 'vitest';
import type { AccountMappingRow } from '../../../../bff/contracts/psa-settings.js';
import {
  NO_FILTERS, countMappings, filterAccounts, indexAccounts, refilterAccounts, rowsByAccount, type AccountFilters, type FilteredAccounts,
} from '../../../../web-components/wizards/psa-wizard/steps/account-mapping.model.js';

const WORDS = ['Granite', 'Dental', 'Harbor', 'Legal', 'Group', 'Grant', 'Denton', 'Labs'];
const accounts = Array.from({ length: 2_000 }, (_, i) => ({
  id: String(i), name: `${WORDS[i % 8]} ${WORDS[Math.floor(i / 8) % 8]} ${i}`, type: i % 3 ? 'Customer' : 'Prospect', classification: i % 5 ? null : 'Gold',
  marketSegment: null, parentId: i % 7 ? null : '0', isActive: true,
}));
const index = indexAccounts(accounts);
const row = (id: string, patch: Partial<AccountMappingRow>): AccountMappingRow => ({ psaAccountId: id, psaAccountName: `#${id}`, organizationId: null, contactId: null, contactName: null, ignored: false, ...patch });
const rows = rowsByAccount([row('1', { organizationId: 'o1' }), row('8', { organizationId: 'o2' }), row('16', { ignored: true }), row('old', { organizationId: 'o3' })]);
const ids = (list: Array<{ id: string }>) => list.map((a) => a.id);

/** Types `keys` one by one ('⌫' is Backspace), checking each step against a full filter. */
function typeQuery(keys: string[], base: AccountFilters = NO_FILTERS): FilteredAccounts {
  let query = base.search;
  let result = refilterAccounts(null, index, base, rows);
  for (const key of keys) {
    query = key === '⌫' ? query.slice(0, -1) : query + key;
    const filters = { ...base, search: query };
    result = refilterAccounts(result, index, filters, rows);
    expect(ids(result.accounts), `after "${query}"`).toEqual(ids(filterAccounts(index, filters, rows)));
  }
  return result;
}

describe('refilterAccounts (a keystroke in the search box)', () => {
  it('typing a query letter by letter gives the rows a full filter gives at every step', () => {
    const result = typeQuery([...'granite den']);
    expect(result.accounts.length).toBeGreaterThan(0);
    expect(result.accounts.every((a) => a.name.toLowerCase().includes('granite den'))).toBe(true);
  });

  it('Backspace, a corrected typo and an emptied box give the rows a full filter gives', () => {
    const result = typeQuery([...'grant', '⌫', '⌫', ...'nite', ' ', ...'dnt', '⌫', '⌫', ...'ent', ...Array(12).fill('⌫')]);
    expect(result.accounts).toHaveLength(accounts.length);
  });

  it('narrows only within the other filters, and starts again when one of them changes', () => {
    const gold: AccountFilters = { ...NO_FILTERS, classification: 'Gold', relation: 'parent' };
    typeQuery([...'harbor l'], gold);
    const narrowed = typeQuery([...'harbor'], NO_FILTERS);
    const wider = refilterAccounts(narrowed, index, { ...narrowed.filters, search: 'harbor l', classification: '' }, rows);
    const prospects = refilterAccounts(wider, index, { ...wider.filters, type: 'Prospect' }, rows);
    expect(ids(prospects.accounts)).toEqual(ids(filterAccounts(index, prospects.filters, rows)));
    expect(prospects.accounts.every((a) => a.type === 'Prospect')).toBe(true);
  });

  it('a query with spaces around it or in capitals matches like the trimmed lower-case one', () => {
    const spaced = refilterAccounts(null, index, { ...NO_FILTERS, search: '  GRANITE ' }, rows);
    expect(ids(spaced.accounts)).toEqual(ids(filterAccounts(index, { ...NO_FILTERS, search: 'granite' }, rows)));
  });

  it('the mapped/unmapped/ignored view follows new mappings even while the query only narrows', () => {
    const mapped = refilterAccounts(null, index, { ...NO_FILTERS, view: 'mapped', search: 'granite d' }, rows);
    expect(ids(mapped.accounts)).toEqual(['8']); // "Granite Dental 8"; account 1 is "Dental Granite 1"
    const moreRows = rowsByAccount([...rows.values(), row('72', { organizationId: 'o4' })]); // "Granite Dental 72"
    const next = refilterAccounts(mapped, index, { ...mapped.filters, search: 'granite de' }, moreRows);
    expect(ids(next.accounts)).toEqual(['8', '72']);
  });

  it('keeps the same array when the matches did not change, so the table renders no row again', () => {
    const first = refilterAccounts(null, index, { ...NO_FILTERS, search: 'granite dental 1' }, rows);
    const sameMatches = refilterAccounts(first, index, { ...first.filters, search: 'granite dental 1 ' }, rows);
    expect(sameMatches.accounts).toBe(first.accounts);
    const back = refilterAccounts(sameMatches, index, first.filters, rows);
    expect(back.accounts).toBe(first.accounts);
    const other = refilterAccounts(back, index, { ...first.filters, search: 'granite dental 10' }, rows);
    expect(other.accounts).not.toBe(first.accounts);
  });
});

describe('refilterAccounts remembers the queries typed', () => {
  it('Backspace back to a query typed before gives its remembered matches, the same array', () => {
    const gr = refilterAccounts(null, index, { ...NO_FILTERS, search: 'gr' }, rows);
    const gra = refilterAccounts(gr, index, { ...NO_FILTERS, search: 'gra' }, rows);
    const back = refilterAccounts(gra, index, { ...NO_FILTERS, search: 'gr' }, rows);
    expect(back.accounts).toBe(gr.accounts);
  });

  it('forgets them when another filter changes, or when the mappings change while the view filter is on', () => {
    const gr = refilterAccounts(null, index, { ...NO_FILTERS, search: 'gr' }, rows);
    const prospects = refilterAccounts(gr, index, { ...NO_FILTERS, search: 'gr', type: 'Prospect' }, rows);
    const again = refilterAccounts(prospects, index, { ...NO_FILTERS, search: 'gr' }, rows);
    expect(again.accounts).not.toBe(gr.accounts);
    expect(ids(again.accounts)).toEqual(ids(gr.accounts));

    const mapped = refilterAccounts(null, index, { ...NO_FILTERS, view: 'mapped', search: 'granite d' }, rows);
    const longer = refilterAccounts(mapped, index, { ...mapped.filters, search: 'granite de' }, rows);
    const moreRows = rowsByAccount([...rows.values(), row('72', { organizationId: 'o4' })]);
    const backWithNewRows = refilterAccounts(longer, index, { ...mapped.filters }, moreRows);
    expect(ids(backWithNewRows.accounts)).toEqual(['8', '72']);
  });
});

describe('countMappings', () => {
  it('counts mapped rows (earlier lists included), and the loaded accounts ignored and not mapped', () => {
    expect(countMappings(accounts, rows)).toEqual({ mapped: 3, ignored: 1, unmapped: accounts.length - 3 });
    expect(countMappings([], new Map())).toEqual({ mapped: 0, ignored: 0, unmapped: 0 });
  });
});

// Seed 000/003: "Filter PSA accounts by account type, classification, or market segment"; seed 001:
// "set the Parent/Child dropdown". Each filter alone keeps exactly its accounts, and they combine.
describe('filterAccounts: the seeds’ account filters', () => {
  const account = (id: string, type: string, classification: string | null, marketSegment: string | null, parentId: string | null) =>
    ({ id, name: `Account ${id}`, type, classification, marketSegment, parentId, isActive: true });
  const few = indexAccounts([
    account('a', 'Customer', 'Gold', 'Healthcare', null),
    account('b', 'Customer', 'Silver', 'Legal', 'a'),
    account('c', 'Prospect', 'Gold', 'Legal', null),
    account('d', 'Customer', null, 'Healthcare', 'c'),
  ]);
  const none = rowsByAccount([]);
  const pick = (filters: Partial<AccountFilters>) => ids(filterAccounts(few, { ...NO_FILTERS, ...filters }, none));

  it('filters by account type, classification, market segment and parent/child, alone and together', () => {
    expect(few.facets).toEqual({ types: ['Customer', 'Prospect'], classifications: ['Gold', 'Silver'], marketSegments: ['Healthcare', 'Legal'] });
    expect(pick({ type: 'Customer' })).toEqual(['a', 'b', 'd']);
    expect(pick({ classification: 'Gold' })).toEqual(['a', 'c']);
    expect(pick({ marketSegment: 'Legal' })).toEqual(['b', 'c']);
    expect(pick({ relation: 'parent' })).toEqual(['a', 'c']);
    expect(pick({ relation: 'child' })).toEqual(['b', 'd']);
    expect(pick({ type: 'Customer', marketSegment: 'Healthcare', relation: 'child' })).toEqual(['d']);
  });
});
