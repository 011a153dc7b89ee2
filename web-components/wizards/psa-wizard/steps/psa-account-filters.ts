/**
 * @module The account table's filter bar: search, account type, classification, market segment,
 * Parent/Child (vendors that model it) and the mapped/unmapped/ignored view. Markup only; the table
 * filters its loaded accounts in memory (account-mapping.model.ts).
 */
import { html, nothing } from 'lit';
import type { AccountFilters, AccountIndex } from './account-mapping.model.js';

export interface FilterBar {
  facets: AccountIndex['facets'];
  filters: AccountFilters;
  parentChild: boolean;
  set: <K extends keyof AccountFilters>(key: K, value: AccountFilters[K]) => void;
}

export function renderFilters({ facets, filters, parentChild, set }: FilterBar) {
  const select = (label: string, key: 'type' | 'classification' | 'marketSegment', values: string[]) => html`
    <label>${label}
      <select @change=${(e: Event) => set(key, (e.target as HTMLSelectElement).value)}>
        <option value="" ?selected=${!filters[key]}>All</option>
        ${values.map((v) => html`<option ?selected=${filters[key] === v}>${v}</option>`)}
      </select>
    </label>`;
  return html`
    <div class="filters" role="search" aria-label="Filter PSA accounts">
      <label class="search">Search PSA accounts
        <input type="search" .value=${filters.search} @input=${(e: Event) => set('search', (e.target as HTMLInputElement).value)}>
      </label>
      ${select('Account type', 'type', facets.types)}
      ${select('Classification', 'classification', facets.classifications)}
      ${select('Market segment', 'marketSegment', facets.marketSegments)}
      ${parentChild ? html`
        <label>Parent/Child
          <select @change=${(e: Event) => set('relation', (e.target as HTMLSelectElement).value as AccountFilters['relation'])}>
            <option value="all">All</option><option value="parent">Parent accounts</option><option value="child">Child accounts</option>
          </select>
        </label>` : nothing}
      <label>Show
        <select @change=${(e: Event) => set('view', (e.target as HTMLSelectElement).value as AccountFilters['view'])}>
          <option value="all">All accounts</option><option value="mapped">Mapped</option><option value="unmapped">Not mapped</option><option value="ignored">Ignored</option>
        </select>
      </label>
    </div>`;
}
