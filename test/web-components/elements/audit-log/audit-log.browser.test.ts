/**
 * <audit-log> in Chromium against the real BFF, and the logs panels <integration-list> opens from a
 * row: the audit trail of a PSA set up through the real API lists who changed what and when with a
 * before/after table, pages with "Load more changes", and is accessible; "Audit log" and
 * "Delivery log" on a row open the log in a dialog, Escape closes it and focus returns.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { waitUntil } from '../../support/wait.js';
import { sendKeys } from '@web/test-runner-commands';
import '../../../../web-components/define.js';
import type { AuditLog, DeliveryLog, IntegrationList } from '../../../../web-components/index.js';
import { deepActive, loaded, rowFor, shadow } from '../../support/dom.js';
import { configurePsa, newPartner, seedDeliveries, textOf } from '../integration-list/integration-list.fixtures.js';

window.addEventListener('error', (e) => { if (e.message?.startsWith('ResizeObserver loop')) e.stopImmediatePropagation(); }, true);

const entries = (el: AuditLog) => [...shadow(el).querySelectorAll<HTMLElement>('[part~="entry"]')];
const labels = (el: AuditLog) => entries(el).map((e) => textOf(e.querySelector('.title')));

async function apiPost(token: string, path: string): Promise<void> {
  const res = await fetch(`/api${path}`, { method: 'POST', headers: { Authorization: `Bearer ${token}` } });
  if (!res.ok) throw new Error(`POST /api${path}: HTTP ${res.status}`);
}

describe('<audit-log>', function () {

  it('lists who changed what and when, newest first, with settings before and after, and is accessible', async () => {
    const { partner, token } = await newPartner();
    const psa = await configurePsa({ partner, vendor: 'kaseya-bms' });
    await apiPost(token, `/integrations/${psa.id}/pause`);
    const el = await fixture<AuditLog>(html`<audit-log integration-id=${psa.id} .token=${token}></audit-log>`);
    await el.loadComplete;
    expect(labels(el)).to.deep.equal(['Paused ticket delivery', 'Finished setup', 'Changed the ticket settings', 'Changed the account mapping', 'Connected the integration']);
    const paused = entries(el)[0]!;
    expect(textOf(paused.querySelector('.meta'))).to.match(new RegExp(`by admin@${partner}\\.example$`));
    expect(paused.querySelector('time')!.getAttribute('datetime')).to.match(/^\d{4}-\d{2}-\d{2}T/);
    const rows = [...paused.querySelectorAll('[part~="changes"] tbody tr')].map((r) => [...r.children].map(textOf));
    expect(rows).to.deep.equal([['status', 'active', 'paused']]);
    await expect(el).to.be.accessible();
  });

  it('pages with "Load more changes"', async () => {
    const { partner, token } = await newPartner();
    const psa = await configurePsa({ partner, vendor: 'kaseya-bms' });
    // Setup recorded 4 changes; 48 more make 52, one past a page of 50.
    for (let i = 0; i < 48; i += 1) await apiPost(token, `/integrations/${psa.id}/${i % 2 ? 'resume' : 'pause'}`);
    const el = await fixture<AuditLog>(html`<audit-log integration-id=${psa.id} .token=${token}></audit-log>`);
    await el.loadComplete;
    expect(entries(el)).to.have.length(50);
    const more = shadow(el).querySelector<HTMLButtonElement>('[part~="load-more-button"]')!;
    expect(textOf(more)).to.equal('Load more changes');
    more.click();
    await waitUntil(() => entries(el).length === 52, `entries: ${entries(el).length}`);
    expect(shadow(el).querySelector('[part~="load-more-button"]')).to.equal(null);
    expect(labels(el).at(-1)).to.equal('Connected the integration');
  });
});

describe('<integration-list> logs panels', function () {

  it('opens the delivery log and the audit log of a row in a dialog; Escape closes it and focus returns', async () => {
    const { partner, token } = await newPartner();
    const psa = await configurePsa({ partner, vendor: 'kaseya-bms' });
    await seedDeliveries({ partner, integrationId: psa.id, delivered: [{ minutesAgo: 2, title: 'Seen in the panel', vendorTicketId: '77' }] });
    const list = await fixture<IntegrationList>(html`<integration-list kind="psa" .token=${token}></integration-list>`);
    await loaded(list);
    const row = rowFor(list, 'Kaseya BMS');
    const open = row.querySelector<HTMLButtonElement>('[part~="delivery-log-button"]')!;
    expect(open.getAttribute('aria-label')).to.equal('Delivery log Kaseya BMS');
    open.focus();
    await sendKeys({ press: 'Enter' });
    const dialog = () => shadow(list).querySelector<HTMLDialogElement>('dialog.logs');
    await waitUntil(() => dialog()?.open, 'the dialog did not open');
    expect(textOf(dialog()!.querySelector('h2'))).to.equal('Deliveries to Kaseya BMS');
    const log = dialog()!.querySelector<DeliveryLog>('delivery-log')!;
    await log.loadComplete;
    await waitUntil(() => textOf(shadow(log).querySelector('[part~="entry"] .title')) === 'Seen in the panel', 'the log has no entry');
    await expect(list).to.be.accessible();
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => !dialog(), 'the dialog did not close');
    expect(deepActive()).to.equal(rowFor(list, 'Kaseya BMS').querySelector('[part~="delivery-log-button"]'));

    rowFor(list, 'Kaseya BMS').querySelector<HTMLButtonElement>('[part~="audit-log-button"]')!.click();
    await waitUntil(() => dialog()?.open, 'the audit dialog did not open');
    expect(textOf(dialog()!.querySelector('h2'))).to.equal('Changes to the Kaseya BMS integration');
    const audit = dialog()!.querySelector<AuditLog>('audit-log')!;
    await audit.loadComplete;
    expect(labels(audit)[0]).to.equal('Finished setup');
  });
});
