/**
 * <ih-psa-account-table> rows of one fixed height (the virtualizer places them without measuring
 * each): every row's content fits it, in the table and in the cards at 390 px; a row that shows a
 * message grows and pushes the rows after it down; and when the filter changes, the rows in view
 * (whose elements are reused for the accounts now shown) show each account's own mapping and selection.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { waitUntil } from '../../support/wait.js';
import { setViewport } from '@web/test-runner-commands';
import '../../../../web-components/define.js';
import type { FieldChangeEvent, IhPsaAccountTable } from '../../../../web-components/index.js';
import type { AccountMappingRow } from '../../../../bff/contracts/psa-settings.js';

window.addEventListener('error', (e) => { if (e.message?.startsWith('ResizeObserver loop')) e.stopImmediatePropagation(); }, true);

const account = (id: string, name: string, type = 'Customer') => ({ id, name, type, classification: 'Gold', marketSegment: 'Healthcare', parentId: null, isActive: true });
const accounts = [
  account('1', 'Cascade Orthopedics Inc'),
  account('2', 'Granite and Co. Builders'),
  account('3', 'Harbor View Hotels - Downtown and the Very Long Name of the Harbour Side Annex, Building C', 'Prospect'),
  ...Array.from({ length: 60 }, (_, i) => account(String(100 + i), `Account ${i}`, i % 2 ? 'Customer' : 'Vendor')),
];
const org = (id: string, name: string) => ({ id, name, status: 'active' as const });
const organizations = [org('o-cascade', 'Cascade Orthopedics'), org('o-granite', 'Granite & Co Builders'), org('o-x', 'Xylo Partners')];
const row = (id: string, organizationId: string | null): AccountMappingRow => ({ psaAccountId: id, psaAccountName: id, organizationId, contactId: null, contactName: null, ignored: false });

async function mount(mappings: AccountMappingRow[] = []) {
  const el = await fixture<IhPsaAccountTable>(html`<ih-psa-account-table .accounts=${accounts} .organizations=${organizations} .mappings=${mappings}
    .addToPlatform=${async () => {}}></ih-psa-account-table>`);
  el.addEventListener('ih-field-change', (e) => { el.mappings = (e as FieldChangeEvent).value as AccountMappingRow[]; });
  el.scrollIntoView();
  await waitUntil(() => rows(el).length > 5, 'rows not rendered');
  return el;
}

const rows = (el: IhPsaAccountTable) => [...el.shadowRoot!.querySelectorAll<HTMLElement>('[part~="row"]')].sort((a, b) => Number(a.dataset.index) - Number(b.dataset.index));
const frames = async (n = 3) => { for (let i = 0; i < n; i++) await new Promise(requestAnimationFrame); };

/** Each row's height, whether its content fits, and that it starts where the previous one ends. */
function geometry(el: IhPsaAccountTable) {
  const list = rows(el);
  const boxes = list.map((r) => r.getBoundingClientRect());
  return {
    heights: [...new Set(boxes.map((b) => b.height.toFixed(1)))],
    clipped: list.filter((r) => r.scrollHeight > r.clientHeight + 1).map((r) => r.querySelector('.name')!.textContent),
    gaps: boxes.slice(1).map((b, i) => Math.abs(b.top - boxes[i]!.bottom)).filter((gap) => gap > 0.5),
  };
}

describe('<ih-psa-account-table> fixed-height rows', function () {
  afterEach(() => setViewport({ width: 1400, height: 1000 }));

  for (const width of [1400, 390]) {
    it(`gives every row one height that its content fits, back to back, at ${width} px (mapped, suggested and long-named rows alike)`, async () => {
      await setViewport({ width, height: 1000 });
      const el = await mount([row('2', 'o-granite'), row('101', 'o-x')]);
      await frames();
      const { heights, clipped, gaps } = geometry(el);
      expect(heights).to.have.length(1);
      expect(clipped).to.deep.equal([]);
      expect(gaps).to.deep.equal([]);
      // The long name is cut with an ellipsis but whole in its title.
      expect(rows(el)[2]!.querySelector('.name')!.getAttribute('title')).to.equal(accounts[2]!.name);
    });
  }

  it('a row showing a message (the near-identical warning) grows to fit it, and the rows after it move down by as much', async () => {
    const el = await mount();
    const before = geometry(el).heights;
    rows(el)[0]!.querySelector<HTMLButtonElement>('button[aria-label="Accept “Cascade Orthopedics” for Cascade Orthopedics Inc: same name but for ‘Inc’"]');
    // Cascade is suggested; map Granite's organization away so "+ Add to platform" shows on Cascade's row with a twin.
    el.mappings = [row('100', 'o-cascade')];
    await el.updateComplete;
    rows(el)[0]!.querySelector<HTMLButtonElement>('button[aria-label="Add to platform: Cascade Orthopedics Inc"]')!.click();
    await waitUntil(() => rows(el)[0]!.querySelector('[part~="twin-warning"]'), 'no warning');
    await waitUntil(() => rows(el)[0]!.getBoundingClientRect().height > Number(before[0]), 'the row did not grow');
    await frames();
    const { clipped, gaps } = geometry(el);
    expect(clipped).to.deep.equal([]);
    expect(gaps).to.deep.equal([]);
    expect(rows(el)[1]!.getBoundingClientRect().height.toFixed(1)).to.equal(before[0]);
  });

  it('after a filter keystroke each row shows its own account’s organization and selection', async () => {
    const el = await mount([row('2', 'o-granite'), row('105', 'o-x')]);
    el.selected = new Set(['1', '104']);
    await el.updateComplete;
    const search = el.shadowRoot!.querySelector<HTMLInputElement>('input[type="search"]')!;
    for (const query of ['a', 'ac', 'acc', 'account', 'account ', 'account 1', 'account ', '']) {
      search.value = query;
      search.dispatchEvent(new Event('input'));
      await el.updateComplete;
      await frames(2);
      const shown = rows(el);
      expect(shown.length, `rows for "${query}"`).to.be.greaterThan(0);
      for (const r of shown) {
        const a = el.visibleAccounts[Number(r.dataset.index)]!;
        expect(r.querySelector('.name')!.textContent, `"${query}"`).to.equal(a.name);
        const orgId = el.mappings.find((m) => m.psaAccountId === a.id)?.organizationId ?? '';
        expect(r.querySelector<HTMLSelectElement>('select')!.value, `${a.name} for "${query}"`).to.equal(orgId);
        expect(r.querySelector<HTMLInputElement>('.pick input')!.checked, `${a.name} selected for "${query}"`).to.equal(el.selected.has(a.id));
      }
    }
  });
});
