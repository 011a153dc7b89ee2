/**
 * @module The account table's selection and its bulk bar: which rows Space and Shift select (pure),
 * and the bar's actions for them (map to their suggestions or to new platform organizations, ignore,
 * clear, deselect). Render and state stay in `<ih-psa-account-table>`; this holds the parts that
 * need none of its other state.
 */
import { html, nothing } from 'lit';
import type { PsaAccount } from '../../../../bff/contracts/model.js';

export type BulkTarget = 'suggestions' | 'new';

/** `selected` with `ids` added (`on`) or taken out. */
export function withSelection(selected: ReadonlySet<string>, ids: Iterable<string>, on: boolean): Set<string> {
  const next = new Set(selected);
  for (const id of ids) if (on) next.add(id); else next.delete(id);
  return next;
}

/** Shift+Space: the rows from the anchor to `index` take the anchor's state (selected when the anchor is). */
export function withRange(selected: ReadonlySet<string>, rows: PsaAccount[], anchor: number, index: number): Set<string> {
  const anchorRow = rows[anchor];
  const on = !anchorRow || anchor === index || selected.has(anchorRow.id) || !selected.has(rows[index]!.id);
  const [from, to] = anchor <= index ? [anchor, index] : [index, anchor];
  return withSelection(selected, rows.slice(from, to + 1).map((a) => a.id), on);
}

export interface BulkBar {
  count: number;
  /** What the last bulk action did ("Ignored 3 accounts."). */
  note: string;
  target: BulkTarget;
  setTarget: (target: BulkTarget) => void;
  map: () => void;
  ignore: () => void;
  clear: () => void;
  deselect: () => void;
}

export function renderBulkBar(bar: BulkBar) {
  const { count } = bar;
  return html`
    <div class="bulk" part="bulk-bar" role="group" aria-label="Selected accounts">
      <span class="count" role="status">${count ? `${count.toLocaleString('en')} selected` : 'None selected'}${bar.note ? html` · ${bar.note}` : nothing}</span>
      ${count ? html`
        <label class="inline">Map selected to
          <select @change=${(e: Event) => bar.setTarget((e.target as HTMLSelectElement).value as BulkTarget)}>
            <option value="suggestions" ?selected=${bar.target === 'suggestions'}>their suggested organizations</option>
            <option value="new" ?selected=${bar.target === 'new'}>new organizations on the platform</option>
          </select>
        </label>
        <button type="button" @click=${bar.map}>Map</button>
        <button type="button" @click=${bar.ignore}>Ignore selected</button>
        <button type="button" @click=${bar.clear}>Clear selected</button>
        <button type="button" @click=${bar.deselect}>Deselect all</button>` : nothing}
    </div>`;
}
