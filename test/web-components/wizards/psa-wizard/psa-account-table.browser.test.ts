/** <ih-psa-account-table> with 10,000 PSA accounts: windowed rows, in-memory filtering, suggestions, keyboard reach. */
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { waitUntil } from '../../support/wait.js';
import '../../../../web-components/define.js';
import type { FieldChangeEvent, IhPsaAccountTable } from '../../../../web-components/index.js';

window.addEventListener('error', (e) => { if (e.message?.startsWith('ResizeObserver loop')) e.stopImmediatePropagation(); }, true);

const TYPES = ['Customer', 'Prospect', 'Vendor'];
const accounts = Array.from({ length: 10_000 }, (_, i) => ({
  id: String(1000 + i), name: i === 7777 ? 'Acme Dental Group' : `Account ${i}`, type: TYPES[i % 3]!, classification: i % 2 ? 'Gold' : 'Silver',
  marketSegment: null, parentId: i % 10 === 0 ? '1000' : null, isActive: true,
}));
const organizations = [{ id: 'org-acme', name: 'Acme Dental Group', status: 'active' as const }, { id: 'org-b', name: 'Bluebird', status: 'active' as const }];

async function mount() {
  const el = await fixture<IhPsaAccountTable>(html`<ih-psa-account-table parent-child .accounts=${accounts} .organizations=${organizations}></ih-psa-account-table>`);
  el.scrollIntoView();
  await waitUntil(() => el.shadowRoot!.querySelectorAll('[part~="row"]').length > 5, 'no rows rendered');
  return el;
}

describe('<ih-psa-account-table>', function () {

  it('is accessible with 10,000 accounts', async () => {
    const el = await mount();
    await expect(el).to.be.accessible();
  });

  it('keeps only the rows in view in the DOM and states the total', async () => {
    const el = await mount();
    expect(el.shadowRoot!.querySelectorAll('[part~="row"]').length).to.be.lessThan(80);
    expect(el.shadowRoot!.querySelector('[role="table"]')!.getAttribute('aria-rowcount')).to.equal('10001');
    expect(el.shadowRoot!.querySelector('.count')!.textContent).to.contain('Showing 10,000 of 10,000 PSA accounts');
  });

  it('filters in memory by search, type and parent/child', async () => {
    const el = await mount();
    const [search] = el.shadowRoot!.querySelectorAll('input');
    search!.value = 'account 99';
    search!.dispatchEvent(new Event('input'));
    await el.updateComplete;
    expect(el.visibleAccounts.length).to.equal(111); // 99, 990–999, 9900–9999
    el.filters = { ...el.filters, search: '', type: 'Vendor', relation: 'child' };
    await el.updateComplete;
    expect(el.visibleAccounts.every((a) => a.type === 'Vendor' && a.parentId !== null)).to.equal(true);
  });

  it('filters after the keystroke’s own frame: quick keys filter once, by the text typed last, and another filter takes that text along', async () => {
    const el = await mount();
    const [search] = el.shadowRoot!.querySelectorAll('input');
    const status = el.shadowRoot!.querySelector('[role="status"]')!;
    const announced: string[] = [];
    new MutationObserver(() => announced.push(status.textContent!.trim())).observe(status, { subtree: true, childList: true, characterData: true });
    for (const text of ['a', 'ac', 'acc', 'account 9', 'account 99']) {
      search!.value = text;
      search!.dispatchEvent(new Event('input'));
      for (let i = 0; i < 10; i++) await Promise.resolve(); // the keystroke's task ends (a render would have run by now)
      // The box shows what was typed; the rows and the count have not been touched within the keystroke.
      expect(el.visibleAccounts.length, `rows right after "${text}"`).to.equal(10_000);
    }
    await el.updateComplete;
    expect(el.visibleAccounts.length).to.equal(111); // 99, 990–999, 9900–9999
    expect(search!.value).to.equal('account 99');
    expect(status.textContent).to.contain('Showing 111 of 10,000 PSA accounts');
    expect(announced.filter((t, i) => t !== announced[i - 1]), 'the count changed once').to.deep.equal([announced.at(-1)]);

    // A filter chosen while typed text still waits applies both at once.
    search!.value = 'account 999';
    search!.dispatchEvent(new Event('input'));
    const type = el.shadowRoot!.querySelector<HTMLSelectElement>('.filters select')!;
    type.value = 'Customer';
    type.dispatchEvent(new Event('change'));
    expect(el.filters).to.include({ search: 'account 999', type: 'Customer' });
    await el.updateComplete;
    expect(el.visibleAccounts.map((a) => a.name)).to.deep.equal(['Account 999', 'Account 9990', 'Account 9993', 'Account 9996', 'Account 9999']);
  });

  it('suggests the exact-name match, and "Accept all" maps it in one event after the review', async () => {
    const el = await mount();
    const button = el.shadowRoot!.querySelector<HTMLButtonElement>('[part~="accept-all-button"]')!;
    expect(button.textContent).to.equal('Accept all 1 suggestion');
    button.click();
    await el.updateComplete;
    const change = oneEvent(el, 'ih-field-change') as Promise<FieldChangeEvent>;
    el.shadowRoot!.querySelector<HTMLButtonElement>('[part~="accept-reviewed-button"]')!.click();
    const { name, value } = await change;
    expect(name).to.equal('accountMapping.mappings');
    expect(value).to.deep.equal([{ psaAccountId: '8777', psaAccountName: 'Acme Dental Group', organizationId: 'org-acme', contactId: null, contactName: null, ignored: false }]);
  });

  /** The table's Tab stops: its body while the active row is not rendered, else that row (never none, never two). */
  const tabStops = (el: IhPsaAccountTable) =>
    [el.shadowRoot!.querySelector<HTMLElement>('.viewport')!, ...el.shadowRoot!.querySelectorAll<HTMLElement>('[part~="row"]')].filter((e) => e.tabIndex === 0);

  it('can be reached by Tab while off screen: exactly one Tab stop, and focusing it lands on the first row', async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div style="margin-top: 300vh"><ih-psa-account-table .accounts=${accounts}></ih-psa-account-table></div>`);
    const el = wrapper.querySelector('ih-psa-account-table') as IhPsaAccountTable;
    await el.updateComplete;
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    const stops = tabStops(el);
    expect(stops).to.have.length(1);
    stops[0]!.focus();
    await waitUntil(() => (el.shadowRoot!.activeElement as HTMLElement | null)?.dataset.index === '0', 'focus did not move to the first row');
    expect(tabStops(el)).to.have.length(1);
  });

  it('keeps exactly one Tab stop when the page scrolls past the table and back', async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div><ih-psa-account-table .accounts=${accounts}></ih-psa-account-table><div style="height: 300vh"></div></div>`);
    const el = wrapper.querySelector('ih-psa-account-table') as IhPsaAccountTable;
    el.scrollIntoView();
    const rows = () => el.shadowRoot!.querySelectorAll('[part~="row"]');
    await waitUntil(() => rows().length > 5, 'no rows rendered');
    const body = el.shadowRoot!.querySelector<HTMLElement>('.viewport')!;
    await waitUntil(() => body.tabIndex === -1, 'the first row did not take the Tab stop');
    expect(tabStops(el)).to.have.length(1);
    window.scrollTo(0, document.documentElement.scrollHeight);
    // Two frames more than the virtualizer needs: whatever it keeps rendered, the table must keep one Tab stop.
    for (let i = 0; i < 3; i++) await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    expect(tabStops(el)).to.have.length(1);
    window.scrollTo(0, 0);
  });
});

describe('<ih-psa-account-table> keyboard', () => {
  it('is one Tab stop: arrows move between rows, Tab goes through the row’s controls and then leaves', async () => {
    const { sendKeys } = await import('@web/test-runner-commands');
    const wrapper = await fixture<HTMLDivElement>(html`<div><button id="before">Before</button>
      <ih-psa-account-table .accounts=${accounts} .organizations=${organizations}></ih-psa-account-table><button id="after">After</button></div>`);
    const el = wrapper.querySelector('ih-psa-account-table') as IhPsaAccountTable;
    el.scrollIntoView();
    await waitUntil(() => el.shadowRoot!.querySelectorAll('[part~="row"]').length > 5, 'no rows');
    await el.updateComplete;
    const active = () => el.shadowRoot!.activeElement as HTMLElement | null;
    // Into the table: Tab from the "Accept all" button reaches "Select all shown", then the first row.
    el.shadowRoot!.querySelector<HTMLButtonElement>('[part~="accept-all-button"]')!.focus();
    await sendKeys({ press: 'Tab' });
    expect(active()?.getAttribute('aria-label')).to.equal('Select all 10000 shown accounts');
    await sendKeys({ press: 'Tab' });
    expect(active()?.dataset.index).to.equal('0');
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'ArrowDown' });
    await waitUntil(() => active()?.dataset.index === '2', 'ArrowDown did not move to row 3');
    await sendKeys({ press: 'End' });
    await waitUntil(() => active()?.dataset.index === '9999', 'End did not reach the last row');
    await sendKeys({ press: 'Tab' });
    expect(active()?.getAttribute('aria-label')).to.equal('Select Account 9999');
    await sendKeys({ press: 'Tab' });
    expect(active()?.getAttribute('aria-label')).to.equal('Platform organization for Account 9999');
    for (let i = 0; i < 3; i += 1) await sendKeys({ press: 'Tab' });
    expect(document.activeElement?.id).to.equal('after');
  });
});
