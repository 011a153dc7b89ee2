/**
 * <ih-psa-account-table>: suggested matches with their reasons, "Accept all" with its review,
 * multi-select with bulk actions, the near-identical warning of "+ Add to platform", and one card
 * per account at 390 px. Keyboard only where a person would use it; axe on each state.
 */
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { waitUntil } from '../../support/wait.js';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import '../../../../web-components/define.js';
import type { FieldChangeEvent, IhPsaAccountTable } from '../../../../web-components/index.js';
import type { AccountMappingRow } from '../../../../bff/contracts/psa-settings.js';

window.addEventListener('error', (e) => { if (e.message?.startsWith('ResizeObserver loop')) e.stopImmediatePropagation(); }, true);

const account = (id: string, name: string) => ({ id, name, type: 'Customer', classification: null, marketSegment: null, parentId: null, isActive: true });
const accounts = [
  account('1', 'FJORD MARINE SUPPLY LTD'),
  account('2', 'Fjord Marine Supply Ltd'),
  account('3', 'Harbor View Hotels - Downtown'),
  account('4', 'Granite and Co. Builders'),
  account('5', 'Cascade Orthopedics Inc'),
  account('6', 'Zenith Data Recovery'),
];
const org = (id: string, name: string) => ({ id, name, status: 'active' as const });
const organizations = [org('o-fjord', 'Fjord Marine Supply'), org('o-harbor', 'Harbor View Hotels'), org('o-granite', 'Granite & Co Builders'), org('o-cascade', 'Cascade Orthopedics')];
/** Cascade Orthopedics is already mapped (to another account), so it is not suggested again. */
const mappings: AccountMappingRow[] = [{ psaAccountId: '9', psaAccountName: 'Cascade Ortho (old)', organizationId: 'o-cascade', contactId: null, contactName: null, ignored: false }];

async function mount(options: { addToPlatform?: (a: { name: string }) => Promise<void> } = {}) {
  const el = await fixture<IhPsaAccountTable>(html`<ih-psa-account-table .accounts=${accounts} .organizations=${organizations} .mappings=${mappings}
    .addToPlatform=${options.addToPlatform}></ih-psa-account-table>`);
  // A parent would store the change and pass the rows back; the table is controlled.
  el.addEventListener('ih-field-change', (e) => { el.mappings = (e as FieldChangeEvent).value as AccountMappingRow[]; });
  el.scrollIntoView();
  await waitUntil(() => el.shadowRoot!.querySelectorAll('[part~="row"]').length === accounts.length, 'rows not rendered');
  return el;
}

const root = (el: IhPsaAccountTable) => el.shadowRoot!;
const rowOf = (el: IhPsaAccountTable, name: string) => [...root(el).querySelectorAll<HTMLElement>('[part~="row"]')].find((r) => r.querySelector('.name')?.textContent === name)!;
const active = (el: IhPsaAccountTable) => root(el).activeElement as HTMLElement | null;
const orgOf = (el: IhPsaAccountTable, id: string) => el.mappings.find((m) => m.psaAccountId === id)?.organizationId ?? null;
const buttonNamed = (el: IhPsaAccountTable, text: string) => [...root(el).querySelectorAll('button')].find((b) => b.textContent!.trim() === text)!;

/** A key with Shift held (the Chrome launcher's sendKeys takes no "Shift+X"). */
async function shifted(key: string): Promise<void> {
  await sendKeys({ down: 'Shift' });
  await sendKeys({ press: key });
  await sendKeys({ up: 'Shift' });
}

async function tabTo(el: IhPsaAccountTable, name: string | RegExp, back = false): Promise<void> {
  const matches = (t: string) => (typeof name === 'string' ? t === name : name.test(t));
  for (let i = 0; i < 40; i++) {
    const a = active(el);
    if (a && matches((a.getAttribute('aria-label') || a.textContent || '').trim())) return;
    if (back) await shifted('Tab');
    else await sendKeys({ press: 'Tab' });
  }
  throw new Error(`Tab never reached ${name}`);
}

describe('<ih-psa-account-table> suggestions', function () {
  afterEach(() => setViewport({ width: 1400, height: 1000 }));

  it('suggests near matches with the reason, one organization for one account only, and never a child account', async () => {
    const el = await mount();
    expect(rowOf(el, 'Fjord Marine Supply Ltd').querySelector('[part~="suggestion"]')!.textContent).to.equal('Suggested “Fjord Marine Supply”: same name but for ‘Ltd’');
    // The capitalised twin scores lower (case and ‘Ltd’): the organization is not offered twice.
    expect(rowOf(el, 'FJORD MARINE SUPPLY LTD').querySelector('[part~="suggestion"]')).to.equal(null);
    expect(rowOf(el, 'Granite and Co. Builders').querySelector('[part~="suggestion"]')!.textContent).to.contain('same name but for ‘&’/‘and’ and punctuation');
    expect(rowOf(el, 'Harbor View Hotels - Downtown').querySelector('[part~="suggestion"]')).to.equal(null);
    expect(rowOf(el, 'Cascade Orthopedics Inc').querySelector('[part~="suggestion"]')).to.equal(null);
    expect(buttonNamed(el, 'Accept all 2 suggestions')).to.exist;
    await expect(el).to.be.accessible();
  });

  it('"Accept all" opens a review where a pair can be unticked, with the keyboard alone; Escape cancels', async () => {
    const el = await mount();
    buttonNamed(el, 'Accept all 2 suggestions').focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => active(el)?.id === 'review-title', 'focus did not move to the review');
    expect(root(el).querySelector('[part~="suggestion-review"]')!.textContent).to.contain('Granite and Co. Builders → Granite & Co Builders');
    await expect(el).to.be.accessible();
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => active(el)?.getAttribute('part') === 'accept-all-button', 'Escape did not close the review');
    expect(el.mappings).to.deep.equal(mappings);

    await sendKeys({ press: 'Enter' });
    await waitUntil(() => active(el)?.id === 'review-title', 'the review did not open again');
    await sendKeys({ press: 'Tab' }); // the first pair: Fjord Marine Supply Ltd
    await sendKeys({ press: 'Space' }); // unticked
    await tabTo(el, 'Accept 1 match');
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => orgOf(el, '4') === 'o-granite', 'the reviewed pair was not mapped');
    expect(orgOf(el, '2')).to.equal(null);
    expect(root(el).querySelector('[part~="suggestion-review"]')).to.equal(null);
  });

  it('"+ Add to platform" warns when an organization of nearly the same name exists, and maps to it or adds anyway', async () => {
    const added: string[] = [];
    const el = await mount({ addToPlatform: async (a) => { added.push(a.name); } });
    const row = rowOf(el, 'Cascade Orthopedics Inc');
    row.querySelector<HTMLButtonElement>('button[aria-label="Add to platform: Cascade Orthopedics Inc"]')!.click();
    await el.updateComplete;
    const warning = row.querySelector('[part~="twin-warning"]')!;
    expect(warning.textContent).to.contain('“Cascade Orthopedics” is already on the platform (same name but for ‘Inc’)');
    expect(added).to.deep.equal([]);
    await waitUntil(() => active(el)?.textContent === 'Map to “Cascade Orthopedics”', 'focus did not move to the warning');
    await expect(el).to.be.accessible();
    await sendKeys({ press: 'Tab' });
    expect(active(el)?.textContent).to.equal('Add anyway');
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => added.length === 1, 'Add anyway did not add');
    expect(added).to.deep.equal(['Cascade Orthopedics Inc']);
  });
});

describe('<ih-psa-account-table> selection and bulk actions', function () {
  it('selects with Space and Shift+Arrow, then ignores and clears the selected rows from the bulk bar', async () => {
    const el = await mount();
    rowOf(el, 'FJORD MARINE SUPPLY LTD').focus();
    await sendKeys({ press: 'Space' });
    await shifted('ArrowDown');
    await shifted('ArrowDown');
    await waitUntil(() => el.selected.size === 3, 'Shift+ArrowDown did not extend the selection');
    expect([...el.selected]).to.have.members(['1', '2', '3']);
    expect(root(el).querySelector('[part~="bulk-bar"]')!.textContent).to.contain('3 selected');
    await expect(el).to.be.accessible();
    await tabTo(el, 'Ignore selected', true);
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => el.mappings.filter((m) => m.ignored).length === 3, 'the selected rows were not ignored');
    expect(root(el).querySelector('[part~="bulk-bar"]')!.textContent).to.contain('Ignored 3 accounts.');
    await tabTo(el, 'Clear selected');
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => el.mappings.every((m) => !m.ignored), 'the selected rows were not cleared');
    expect(el.mappings).to.deep.equal(mappings);
  });

  it('Shift+Space selects the range from the last row chosen; "Map selected to" their suggestions maps those that have one', async () => {
    const el = await mount();
    rowOf(el, 'Fjord Marine Supply Ltd').focus();
    await sendKeys({ press: 'Space' });
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'ArrowDown' });
    await waitUntil(() => active(el)?.dataset.index === '3', 'ArrowDown did not move');
    await shifted('Space');
    await waitUntil(() => el.selected.size === 3, 'Shift+Space did not select the range');
    await tabTo(el, 'Map', true);
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => orgOf(el, '2') === 'o-fjord' && orgOf(el, '4') === 'o-granite', 'the suggestions were not accepted');
    expect(orgOf(el, '3')).to.equal(null);
    expect(root(el).querySelector('[part~="bulk-bar"]')!.textContent).to.contain('Mapped 2 of 3 selected to the suggested organizations; 1 had no suggestion.');
  });
});

describe('<ih-psa-account-table> at 390 px', function () {
  after(() => setViewport({ width: 1400, height: 1000 }));

  it('shows one card per account: no sideways scrolling, each control under its name, axe-clean', async () => {
    await setViewport({ width: 390, height: 900 });
    const el = await mount();
    await waitUntil(() => getComputedStyle(rowOf(el, 'Zenith Data Recovery')).gridTemplateColumns.split(' ').length === 2, 'rows are not cards');
    const table = root(el).querySelector<HTMLElement>('.table')!;
    expect(table.scrollWidth).to.be.at.most(table.clientWidth);
    expect(root(el).querySelector('.viewport')!.scrollWidth).to.be.at.most(root(el).querySelector('.viewport')!.clientWidth);
    const label = rowOf(el, 'Zenith Data Recovery').querySelector('.card-label')!;
    expect(getComputedStyle(label).display).to.equal('block');
    expect(label.textContent).to.equal('Platform organization');
    // The column headers are still there for screen readers, out of sight.
    expect(root(el).querySelector('.head-group')!.getBoundingClientRect().height).to.be.at.most(1);
    await expect(el).to.be.accessible();
  });
});
