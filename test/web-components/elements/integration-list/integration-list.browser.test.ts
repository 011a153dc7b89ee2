/**
 * <integration-list> in Chromium against the real BFF: what it shows, pause/resume, disconnect,
 * delete with confirmation, events for the host, load errors, and keyboard-only use.
 */
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { waitUntil } from '../../support/wait.js';
import '../../../../web-components/define.js';
import type { IntegrationList, IntegrationView } from '../../../../web-components/index.js';
import { button, dialogOf, loaded, rowFor, rows, shadow, statusOf, toastTexts } from '../../support/dom.js';
import { createIntegration, injectFault, seedPartner, setStoredStatus, storedIntegration } from '../../support/test-bff.js';
import { connectRmm, partnerWithOrganizations } from '../../wizards/rmm-wizard/rmm-support.js';

async function listFor(kind: 'psa' | 'rmm', token: string | undefined): Promise<IntegrationList> {
  const el = await fixture<IntegrationList>(html`<integration-list kind=${kind} .token=${token}></integration-list>`);
  await loaded(el);
  return el;
}

const byId = (seeded: IntegrationView[], vendor: string) => seeded.find((r) => r.vendor === vendor)!;

describe('<integration-list>', () => {
  it('is accessible with rows, switches and buttons', async () => {
    const { token } = await seedPartner([
      { vendor: 'kaseya-bms', status: 'active', accountLabel: 'Sandbox MSP' },
      { vendor: 'autotask', status: 'draft' },
    ]);
    const el = await listFor('psa', token);
    await expect(el).to.be.accessible();
  });

  describe('showing what the BFF has', () => {
    it('lists the PSA integrations with vendor, account and status, and no RMM ones', async () => {
      const { token } = await seedPartner([
        { vendor: 'kaseya-bms', status: 'active', accountLabel: 'Sandbox MSP' },
        { vendor: 'autotask', status: 'paused' },
        { vendor: 'datto-rmm', status: 'connected' },
      ]);
      const el = await listFor('psa', token);
      expect(rows(el).map((r) => r.querySelector('[part~="vendor"]')!.textContent)).to.deep.equal(['Kaseya BMS', 'Autotask']);
      expect(statusOf(rowFor(el, 'Kaseya BMS'))).to.equal('Active');
      expect(rowFor(el, 'Kaseya BMS').querySelector('[part~="account"]')!.textContent).to.equal('Sandbox MSP');
      expect(statusOf(rowFor(el, 'Autotask'))).to.equal('Paused');
      expect(button(shadow(el), 'Add PSA')).to.exist;
    });

    it('lists RMM integrations with Connected, Disconnected and Setup not finished', async () => {
      const { token } = await seedPartner([
        { vendor: 'datto-rmm', status: 'connected' },
        { vendor: 'syncro', status: 'disconnected' },
        { vendor: 'datto-rmm', status: 'draft' },
      ]);
      const el = await listFor('rmm', token);
      expect(rows(el).map(statusOf)).to.deep.equal(['Connected', 'Disconnected', 'Setup not finished']);
      expect(button(rows(el)[0]!, 'Disconnect')).to.exist;
      expect(button(rows(el)[1]!, 'Reconnect')).to.exist;
      expect(button(rows(el)[2]!, 'Finish setup')).to.exist;
      expect(rows(el)[2]!.querySelector('[part~="connection-button"]')).to.equal(null);
    });

    it('names each RMM row’s account: the Datto RMM platform, the Syncro address (as connected through the real API)', async () => {
      const { token } = await partnerWithOrganizations();
      await connectRmm(token, 'datto-rmm', 'org-internal');
      await connectRmm(token, 'syncro', 'org-internal');
      const el = await listFor('rmm', token);
      expect(rowFor(el, 'Datto RMM').querySelector('[part~="account"]')!.textContent).to.equal('Merlot platform · Northwind MSP');
      expect(rowFor(el, 'Syncro').querySelector('[part~="account"]')!.textContent).to.equal('sandbox.syncromsp.com');
    });

    it('says so when there is nothing yet', async () => {
      const { token } = await seedPartner();
      const el = await listFor('rmm', token);
      expect(shadow(el).querySelector('[part~="message"]')!.textContent).to.contain('No RMM is connected yet');
    });

    it('refresh() shows rows created since', async () => {
      const { partner, token } = await seedPartner();
      const el = await listFor('psa', token);
      await createIntegration({ partner, vendor: 'autotask', status: 'active' });
      await el.refresh();
      await el.updateComplete;
      expect(statusOf(rowFor(el, 'Autotask'))).to.equal('Active');
    });
  });

  describe('pause and resume (PSA)', () => {
    it('the switch pauses and resumes delivery, on screen and in the store', async () => {
      const { partner, token, rows: seeded } = await seedPartner([{ vendor: 'kaseya-bms', status: 'active' }]);
      const el = await listFor('psa', token);
      const toggle = shadow(el).querySelector<HTMLButtonElement>('[role="switch"]')!;
      expect(toggle.getAttribute('aria-checked')).to.equal('true');
      expect(toggle.getAttribute('aria-label')).to.equal('Deliver tickets to Kaseya BMS');

      toggle.click();
      await waitUntil(() => statusOf(rowFor(el, 'Kaseya BMS')) === 'Paused', 'not paused');
      expect(toggle.getAttribute('aria-checked')).to.equal('false');
      expect((await storedIntegration(partner, seeded[0]!.id)).status).to.equal('paused');
      expect(toastTexts(el).join(' ')).to.contain('Ticket delivery to Kaseya BMS is paused');

      toggle.click();
      await waitUntil(() => statusOf(rowFor(el, 'Kaseya BMS')) === 'Active', 'not resumed');
      expect(toggle.getAttribute('aria-checked')).to.equal('true');
      expect((await storedIntegration(partner, seeded[0]!.id)).status).to.equal('active');
    });

    it('shows the BFF refusal as an error toast and reloads when the row changed elsewhere', async () => {
      const { partner, token, rows: seeded } = await seedPartner([{ vendor: 'autotask', status: 'active' }]);
      const el = await listFor('psa', token);
      await setStoredStatus(partner, seeded[0]!.id, 'paused');
      shadow(el).querySelector<HTMLButtonElement>('[role="switch"]')!.click();
      await waitUntil(() => toastTexts(el).some((t) => t.includes('cannot be paused')), 'no error toast');
      await waitUntil(() => statusOf(rowFor(el, 'Autotask')) === 'Paused', 'not reloaded');
      const errorToast = shadow(shadow(el).querySelector('ih-toast-region')!).querySelector('[role="alert"] [part~="toast-error"]');
      expect(errorToast).to.exist;
    });
  });

  describe('disconnect and reconnect (RMM)', () => {
    it('asks first, saying history stays and ingestion stops; then disconnects and reconnects', async () => {
      const { partner, token, rows: seeded } = await seedPartner([{ vendor: 'datto-rmm', status: 'connected' }]);
      const el = await listFor('rmm', token);
      button(rowFor(el, 'Datto RMM'), 'Disconnect').click();
      const dialog = dialogOf(el);
      await waitUntil(() => dialog.open, 'no dialog');
      expect(dialog.textContent).to.contain('Disconnect Datto RMM?');
      expect(dialog.textContent).to.contain('history already collected stays');
      expect(dialog.textContent).to.contain('stops until you reconnect');
      button(dialog, 'Disconnect').click();
      await waitUntil(() => statusOf(rowFor(el, 'Datto RMM')) === 'Disconnected', 'not disconnected');
      expect((await storedIntegration(partner, seeded[0]!.id)).status).to.equal('disconnected');

      button(rowFor(el, 'Datto RMM'), 'Reconnect').click();
      await waitUntil(() => statusOf(rowFor(el, 'Datto RMM')) === 'Connected', 'not reconnected');
      expect((await storedIntegration(partner, seeded[0]!.id)).status).to.equal('connected');
    });
  });

  describe('delete', () => {
    it('names the vendor in a modal dialog; Cancel keeps the integration', async () => {
      const { partner, token, rows: seeded } = await seedPartner([{ vendor: 'kaseya-bms', status: 'active' }]);
      const el = await listFor('psa', token);
      button(rowFor(el, 'Kaseya BMS'), 'Delete').click();
      const dialog = dialogOf(el);
      await waitUntil(() => dialog.open, 'no dialog');
      expect(dialog.matches(':modal')).to.equal(true);
      expect(dialog.querySelector('h2')!.textContent).to.equal('Delete the Kaseya BMS integration?');
      expect(dialog.textContent).to.contain('Tickets stop being created in Kaseya BMS');
      await expect(dialog).to.be.accessible();

      button(dialog, 'Cancel').click();
      await waitUntil(() => !dialog.open, 'dialog still open');
      expect(rows(el)).to.have.length(1);
      expect((await storedIntegration(partner, seeded[0]!.id)).deletedAt).to.equal(null);
    });

    it('Confirm removes it from the list and the BFF, with a toast', async () => {
      const { partner, token, rows: seeded } = await seedPartner([
        { vendor: 'kaseya-bms', status: 'paused' },
        { vendor: 'autotask', status: 'active' },
      ]);
      const el = await listFor('psa', token);
      button(rowFor(el, 'Kaseya BMS'), 'Delete').click();
      const dialog = dialogOf(el);
      await waitUntil(() => dialog.open, 'no dialog');
      button(dialog, 'Delete').click();
      await waitUntil(() => rows(el).length === 1, 'row not removed'); // a delete's round trip through the real BFF, beside other files on 2 shared cores
      expect(rowFor(el, 'Autotask')).to.exist;
      expect(toastTexts(el)).to.include('The Kaseya BMS integration was deleted.');
      expect((await storedIntegration(partner, byId(seeded, 'kaseya-bms').id)).deletedAt).to.be.a('string');
      expect((await storedIntegration(partner, byId(seeded, 'autotask').id)).deletedAt).to.equal(null);
    });
  });

  describe('events for the host', () => {
    it('Edit fires a bubbling, composed integration-edit with id, vendor and kind', async () => {
      const { token, rows: seeded } = await seedPartner([{ vendor: 'syncro', status: 'connected' }]);
      const wrapper = await fixture<HTMLDivElement>(html`<div><integration-list kind="rmm" .token=${token}></integration-list></div>`);
      const el = wrapper.querySelector('integration-list')!;
      await loaded(el);
      setTimeout(() => button(rowFor(el, 'Syncro'), 'Edit').click());
      const event = await oneEvent(wrapper, 'integration-edit');
      expect(event.detail).to.deep.equal({ integrationId: seeded[0]!.id, vendor: 'syncro', kind: 'rmm' });
      expect(event.bubbles && event.composed).to.equal(true);
    });

    it('"Add PSA" fires integration-add with the kind', async () => {
      const { token } = await seedPartner();
      const el = await listFor('psa', token);
      setTimeout(() => button(shadow(el), 'Add PSA').click());
      const event = await oneEvent(el, 'integration-add');
      expect(event.detail).to.deep.equal({ kind: 'psa' });
      expect(event.composed).to.equal(true);
    });
  });

  describe('load errors', () => {
    it('without a token shows a clear "not signed in" error, and loads once a token is set', async () => {
      const { token } = await seedPartner([{ vendor: 'autotask', status: 'active' }]);
      const el = await listFor('psa', undefined);
      const error = shadow(el).querySelector('[part~="error"]')!;
      expect(error.getAttribute('role')).to.equal('alert');
      expect(error.textContent).to.contain('You are not signed in.');
      expect(error.textContent).to.contain('A valid bearer token is required.');
      await expect(el).to.be.accessible();

      el.token = token;
      await waitUntil(() => rows(el).length === 1, 'not loaded after the token arrived');
    });

    it('Retry loads again after a failure', async () => {
      const { partner, token } = await seedPartner([{ vendor: 'autotask', status: 'active' }]);
      await injectFault({ partner, status: 503, count: 1 });
      const el = await listFor('psa', token);
      expect(shadow(el).querySelector('[part~="error"]')!.textContent).to.contain('The PSA integrations could not be loaded.');
      shadow(el).querySelector<HTMLButtonElement>('[part~="retry-button"]')!.click();
      await waitUntil(() => rows(el).length === 1, 'not loaded after Retry');
    });
  });
});
