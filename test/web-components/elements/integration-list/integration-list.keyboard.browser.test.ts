/** <integration-list> with a keyboard alone: Tab reaches everything, Space/Enter operate, Escape cancels, focus is visible and kept. */
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { waitUntil } from '../../support/wait.js';
import { sendKeys } from '@web/test-runner-commands';
import '../../../../web-components/define.js';
import type { IntegrationList } from '../../../../web-components/index.js';
import { deepActive, dialogOf, loaded, rowFor, rows, shadow, statusOf, toastTexts } from '../../support/dom.js';
import { seedPartner, storedIntegration } from '../../support/test-bff.js';
import { configurePsa, connectRmm, newPartner } from './integration-list.fixtures.js';

async function setup(vendor: 'kaseya-bms' | 'datto-rmm', status: 'active' | 'connected') {
  const seeded = await seedPartner([{ vendor, status }]);
  const wrapper = await fixture<HTMLDivElement>(html`
    <div>
      <button id="before">Before</button>
      <integration-list kind=${vendor === 'kaseya-bms' ? 'psa' : 'rmm'} .token=${seeded.token}></integration-list>
    </div>`);
  const el = wrapper.querySelector('integration-list') as IntegrationList;
  await loaded(el);
  wrapper.querySelector<HTMLButtonElement>('#before')!.focus();
  return { ...seeded, wrapper, el };
}

const focusedName = () => {
  const active = deepActive() as HTMLElement | null;
  return active?.getAttribute('aria-label') ?? active?.textContent?.trim();
};

async function tab(times = 1) {
  for (let i = 0; i < times; i += 1) await sendKeys({ press: 'Tab' });
}

describe('<integration-list> keyboard', function () {
  it('is accessible', async () => {
    const { el } = await setup('kaseya-bms', 'active');
    await expect(el).to.be.accessible();
  });

  it('reaches Add, the switch, Edit and Delete in order, with a visible focus ring', async () => {
    await setup('kaseya-bms', 'active');
    const order: Array<string | undefined> = [];
    for (let i = 0; i < 4; i += 1) {
      await tab();
      order.push(focusedName());
      expect(getComputedStyle(deepActive()!).outlineStyle, `focus ring on ${focusedName()}`).to.equal('solid');
    }
    expect(order).to.deep.equal(['Add PSA', 'Deliver tickets to Kaseya BMS', 'Edit Kaseya BMS', 'Delete Kaseya BMS']);
  });

  it('Space and Enter flip the switch, which keeps focus', async () => {
    const { el, partner, rows: seeded } = await setup('kaseya-bms', 'active');
    await tab(2);
    const toggle = deepActive()!;
    await sendKeys({ press: 'Space' });
    await waitUntil(() => statusOf(rowFor(el, 'Kaseya BMS')) === 'Paused', 'Space did not pause');
    expect(toggle.getAttribute('aria-checked')).to.equal('false');
    expect(deepActive()).to.equal(toggle);
    expect((await storedIntegration(partner, seeded[0]!.id)).status).to.equal('paused');
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => statusOf(rowFor(el, 'Kaseya BMS')) === 'Active', 'Enter did not resume');
    expect(deepActive()).to.equal(toggle);
  });

  it('Enter on Edit fires integration-edit', async () => {
    const { wrapper, rows: seeded } = await setup('kaseya-bms', 'active');
    await tab(3);
    setTimeout(() => void sendKeys({ press: 'Enter' }));
    const event = await oneEvent(wrapper, 'integration-edit');
    expect(event.detail.integrationId).to.equal(seeded[0]!.id);
  });

  it('Delete: focus starts on Cancel, Escape cancels and returns focus; Tab to Delete and Enter deletes', async () => {
    const { el, partner, rows: seeded } = await setup('kaseya-bms', 'active');
    await tab(4);
    const deleteButton = deepActive();
    await sendKeys({ press: 'Enter' });
    const dialog = dialogOf(el);
    await waitUntil(() => dialog.open, 'no dialog');
    expect(focusedName()).to.equal('Cancel');

    await sendKeys({ press: 'Escape' });
    await waitUntil(() => !dialog.open, 'Escape did not close');
    expect(deepActive()).to.equal(deleteButton);
    expect(rows(el)).to.have.length(1);

    await sendKeys({ press: 'Enter' });
    await waitUntil(() => dialog.open, 'no dialog the second time');
    await tab();
    expect(focusedName()).to.equal('Delete');
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => rows(el).length === 0, 'not deleted');
    expect((await storedIntegration(partner, seeded[0]!.id)).deletedAt).to.be.a('string');
    expect(focusedName(), 'focus moves to a stable place once the row is gone').to.equal('Add PSA');
  });

  it('RMM: Enter on Disconnect asks, Enter on the dialog\'s Disconnect disconnects', async () => {
    const { el } = await setup('datto-rmm', 'connected');
    await tab(2);
    expect(focusedName()).to.equal('Disconnect Datto RMM');
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => dialogOf(el).open, 'no dialog');
    await tab();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => statusOf(rowFor(el, 'Datto RMM')) === 'Disconnected', 'not disconnected');
    expect(focusedName(), 'focus stays on the (now Reconnect) button').to.equal('Reconnect Datto RMM');
  });

  describe('health actions', () => {
    async function setupConfigured(kind: 'psa' | 'rmm') {
      const { partner, token } = await newPartner();
      if (kind === 'psa') await configurePsa({ partner, vendor: 'kaseya-bms', billableSync: true });
      else await connectRmm({ partner, vendor: 'datto-rmm' });
      const wrapper = await fixture<HTMLDivElement>(html`
        <div>
          <button id="before">Before</button>
          <integration-list kind=${kind} .token=${token}></integration-list>
        </div>`);
      const el = wrapper.querySelector('integration-list') as IntegrationList;
      await loaded(el);
      if (kind === 'psa') await waitUntil(() => rows(el)[0]!.querySelector('[part~="billable-sync-button"]'), 'no health actions');
      wrapper.querySelector<HTMLButtonElement>('#before')!.focus();
      return el;
    }

    const politeToasts = (el: IntegrationList) => shadow(shadow(el).querySelector('ih-toast-region')!).querySelector('[role="status"]')!.textContent ?? '';

    it('PSA: Tab reaches "Send test ticket" and "Sync billable users now" after Delete; Enter runs it, keeps focus, and the toast is announced', async () => {
      const el = await setupConfigured('psa');
      const order: Array<string | undefined> = [];
      for (let i = 0; i < 6; i += 1) {
        await tab();
        order.push(focusedName());
        expect(getComputedStyle(deepActive()!).outlineStyle, `focus ring on ${focusedName()}`).to.equal('solid');
      }
      expect(order).to.deep.equal([
        'Add PSA', 'Deliver tickets to Kaseya BMS', 'Edit Kaseya BMS', 'Delete Kaseya BMS', 'Send test ticket to Kaseya BMS', 'Sync billable users now to Kaseya BMS',
      ]);
      const syncButton = deepActive();
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => toastTexts(el).some((t) => t.startsWith('Billable users synced')), 'no toast');
      expect(politeToasts(el)).to.contain('Billable users synced to Kaseya BMS. Sent 1, failed 0.');
      expect(deepActive()).to.equal(syncButton);

      await sendKeys({ down: 'Shift' });
      await sendKeys({ press: 'Tab' });
      await sendKeys({ up: 'Shift' });
      expect(focusedName()).to.equal('Send test ticket to Kaseya BMS');
      await sendKeys({ press: 'Space' });
      await waitUntil(() => toastTexts(el).some((t) => t.startsWith('Test ticket')), 'no test-ticket toast');
      expect(politeToasts(el)).to.match(/Test ticket \S+ created in Kaseya BMS \(ticket id \d+\)/);
    });

    it('RMM: Tab reaches "Sync now" after Delete; Enter syncs and focus stays on it through the reload', async () => {
      const el = await setupConfigured('rmm');
      await tab(5);
      expect(focusedName()).to.equal('Sync now Datto RMM');
      const syncNow = deepActive();
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => toastTexts(el).some((t) => t.startsWith('Datto RMM synced')), 'no sync toast');
      expect(politeToasts(el)).to.match(/Datto RMM synced: \d+ devices, \d+ activity entries\./);
      await el.loadComplete;
      await el.updateComplete;
      expect(deepActive()).to.equal(syncNow);
      expect(rowFor(el, 'Datto RMM').querySelector('[part~="sync"] p')!.textContent).to.match(/^Last sync just now/);
    });
  });
});
