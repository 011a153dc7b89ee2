/**
 * <delivery-log> in Chromium against the real BFF (test/helpers/browser-bff.ts) and the Kaseya BMS
 * sandbox: it lists a PSA's deliveries newest first with organization, outcome, the ticket linked
 * into BMS and the reason; filters by state and organization; loads further pages as it scrolls;
 * retries one failed delivery or all of them with progress until the worker has delivered them;
 * works with the keyboard alone; axe finds nothing.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { waitUntil } from '../../support/wait.js';
import { sendKeys } from '@web/test-runner-commands';
import '../../../../web-components/define.js';
import type { DeliveryLog } from '../../../../web-components/index.js';
import { deepActive, shadow } from '../../support/dom.js';
import { configurePsa, newPartner, seedDeliveries, textOf } from '../integration-list/integration-list.fixtures.js';

// The virtualizer's ResizeObserver may report a loop under mocha (TOOLING.md gotcha 12): not an error of the element.
window.addEventListener('error', (e) => { if (e.message?.startsWith('ResizeObserver loop')) e.stopImmediatePropagation(); }, true);

async function deliverQueued(partner: string, integrationId: string): Promise<number> {
  const res = await fetch('/__test/deliver-queued', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ partner, integrationId }) });
  return ((await res.json()) as { delivered: number }).delivered;
}

async function logFor(integrationId: string, token: string): Promise<DeliveryLog> {
  const el = await fixture<DeliveryLog>(html`<delivery-log integration-id=${integrationId} .token=${token}></delivery-log>`);
  await el.loadComplete;
  await waitUntil(() => entries(el).length > 0 || shadow(el).querySelector('[part~="message"]'), 'the log did not render');
  return el;
}

const entries = (el: DeliveryLog) => [...shadow(el).querySelectorAll<HTMLElement>('[part~="entry"]')];
const titles = (el: DeliveryLog) => entries(el).map((e) => textOf(e.querySelector('.title')));
const outcomes = (el: DeliveryLog) => entries(el).map((e) => textOf(e.querySelector('[part~="outcome"]')));
const select = (el: DeliveryLog, name: string) => shadow(el).querySelector<HTMLSelectElement>(`select[name="${name}"]`)!;
const retryAll = (el: DeliveryLog) => shadow(el).querySelector<HTMLButtonElement>('[part~="retry-all-button"]')!;
const progressText = (el: DeliveryLog) => textOf(shadow(el).querySelector('[part~="progress"] [role="status"]'));
const toasts = (el: DeliveryLog) => [...shadow(shadow(el).querySelector('ih-toast-region')!).querySelectorAll('[part~="toast"] p')].map(textOf);

async function choose(el: DeliveryLog, name: string, value: string): Promise<void> {
  const s = select(el, name);
  s.value = value;
  s.dispatchEvent(new Event('change'));
  await el.loadComplete;
  await el.updateComplete;
}

/** The titles once the virtualizer has rendered what the server answered. */
async function titlesShown(el: DeliveryLog, expected: string[]): Promise<void> {
  await waitUntil(() => JSON.stringify(titles(el)) === JSON.stringify(expected), `titles: ${titles(el).join(', ')}`);
}

/** A partner with a Kaseya BMS integration and, oldest first: two delivered, one failed, one delivered. */
async function seeded() {
  const { partner, token } = await newPartner();
  const psa = await configurePsa({ partner, vendor: 'kaseya-bms' });
  await seedDeliveries({ partner, integrationId: psa.id, delivered: [{ minutesAgo: 30, title: 'Oldest', organizationId: 'org-acme', vendorTicketId: '9001' }, { minutesAgo: 20, title: 'Bluebird sign-in', organizationId: 'org-bluebird', vendorTicketId: '9002' }] });
  await seedDeliveries({ partner, integrationId: psa.id, failed: [{ code: 'not_found', title: 'Failed one', organizationId: 'org-acme', lastError: 'Account not found or inactive.' }] });
  await seedDeliveries({ partner, integrationId: psa.id, delivered: [{ minutesAgo: 1, title: 'Newest', organizationId: 'org-acme', vendorTicketId: '9003' }] });
  return { partner, token, psa };
}

describe('<delivery-log>', function () {

  it('lists deliveries newest first with organization, outcome, ticket link and reason, and is accessible', async () => {
    const { token, psa } = await seeded();
    const el = await logFor(psa.id, token);
    expect(titles(el)).to.deep.equal(['Newest', 'Failed one', 'Bluebird sign-in', 'Oldest']);
    expect(outcomes(el)).to.deep.equal(['Ticket created', 'Failed', 'Ticket created', 'Ticket created']);
    expect(textOf(entries(el)[2]!.querySelector('.meta'))).to.equal('Bluebird Logistics · at-too-many-downloads · high');
    const link = entries(el)[0]!.querySelector<HTMLAnchorElement>('[part~="ticket-link"]')!;
    expect(textOf(link)).to.equal('Ticket 9003');
    expect(link.href).to.equal('https://bms.kaseya.com/MSP/TicketEdit.aspx?ID=9003');
    expect(link.target).to.equal('_blank');
    expect(textOf(entries(el)[1]!.querySelector('[part~="reason"]'))).to.match(/^The PSA no longer has a record the ticket needs/);
    expect(entries(el)[1]!.querySelector('[part~="ticket-link"]')).to.equal(null);
    expect(textOf(shadow(el).querySelector('[part~="counts"]'))).to.equal('1 failed · 0 waiting · 3 delivered · 0 skipped');
    expect(textOf(retryAll(el))).to.equal('Retry all failed (1)');
    await expect(el).to.be.accessible();
  });

  it('filters by state and by organization on the server', async () => {
    const { token, psa } = await seeded();
    const el = await logFor(psa.id, token);
    await waitUntil(() => select(el, 'organization').options.length > 1, 'no organizations offered');
    await choose(el, 'state', 'failed');
    await titlesShown(el, ['Failed one']);
    await choose(el, 'state', '');
    await choose(el, 'organization', 'org-bluebird');
    await titlesShown(el, ['Bluebird sign-in']);
    await choose(el, 'state', 'failed');
    await titlesShown(el, []);
    expect(textOf(shadow(el).querySelector('[part~="message"]'))).to.equal('No deliveries match these filters.');
  });

  it('loads the next page from the server as the list scrolls', async function () {
    const { partner, token } = await newPartner();
    const psa = await configurePsa({ partner, vendor: 'kaseya-bms' });
    await seedDeliveries({ partner, integrationId: psa.id, delivered: Array.from({ length: 70 }, (_, i) => ({ minutesAgo: 70 - i, title: `Alert ${i + 1}` })) });
    const el = await logFor(psa.id, token);
    const feed = shadow(el).querySelector<HTMLElement>('[part~="feed"]')!;
    expect(feed.getAttribute('role')).to.equal('feed');
    // The virtualizer renders only rows near the view, newest first.
    expect(titles(el)[0]).to.equal('Alert 70');
    expect(entries(el).length).to.be.lessThan(50);
    expect(shadow(el).querySelector('[part~="load-more-button"]')).to.not.equal(null);
    for (let i = 0; i < 20 && shadow(el).querySelector('[part~="load-more-button"]'); i += 1) {
      feed.scrollTop = feed.scrollHeight;
      await new Promise((r) => setTimeout(r, 100));
      await el.loadComplete;
    }
    expect(shadow(el).querySelector('[part~="load-more-button"]'), 'every page loaded').to.equal(null);
    feed.scrollTop = feed.scrollHeight;
    await waitUntil(() => titles(el).includes('Alert 1'), 'the oldest alert is not shown at the end');
    expect(entries(el).at(-1)!.getAttribute('aria-setsize')).to.equal('70');
  });

  it('retries one failed delivery, then shows it delivered when the worker has sent it', async function () {
    const { partner, token, psa } = await seeded();
    const el = await logFor(psa.id, token);
    entries(el)[1]!.querySelector<HTMLButtonElement>('[part~="retry-button"]')!.click();
    await waitUntil(() => progressText(el) === 'Retrying 1 failed delivery: 0 of 1 done.', `progress: ${progressText(el)}`);
    expect(outcomes(el)[1]).to.equal('Waiting');
    expect(await deliverQueued(partner, psa.id)).to.equal(1);
    await waitUntil(() => toasts(el).includes('Retried 1 failed delivery: 1 delivered.'), `toasts: ${toasts(el).join(' | ')}`);
    await el.loadComplete;
    await waitUntil(() => outcomes(el)[1] === 'Ticket created', `outcomes: ${outcomes(el).join(', ')}`);
    expect(textOf(retryAll(el))).to.equal('Retry all failed (0)');
  });

  it('"Retry all failed" queues every failed delivery and shows progress until each is delivered', async function () {
    const { partner, token } = await newPartner();
    const psa = await configurePsa({ partner, vendor: 'kaseya-bms' });
    await seedDeliveries({ partner, integrationId: psa.id, failed: [{ code: 'not_found' }, { code: 'rejected' }, { code: 'not_found' }] });
    const el = await logFor(psa.id, token);
    expect(textOf(retryAll(el))).to.equal('Retry all failed (3)');
    retryAll(el).click();
    await waitUntil(() => progressText(el) === 'Retrying 3 failed deliveries: 0 of 3 done.', `progress: ${progressText(el)}`);
    const bar = shadow(el).querySelector<HTMLProgressElement>('[part~="progress"] progress')!;
    expect([bar.max, bar.value]).to.deep.equal([3, 0]);
    expect(retryAll(el).getAttribute('aria-disabled')).to.equal('true');
    await expect(el).to.be.accessible();
    expect(await deliverQueued(partner, psa.id)).to.equal(3);
    await waitUntil(() => progressText(el) === 'Retried 3 failed deliveries: 3 delivered.', `progress: ${progressText(el)}`);
    expect(bar.value).to.equal(3);
    await el.loadComplete;
    await waitUntil(() => outcomes(el).every((o) => o === 'Ticket created'), `outcomes: ${outcomes(el).join(', ')}`);
  });

  it('works with the keyboard alone: filter, move between deliveries, follow and retry', async function () {
    const { partner, token, psa } = await seeded();
    const el = await logFor(psa.id, token);
    select(el, 'state').focus();
    // Tab order: state, organization, Retry all failed, then the feed's first delivery.
    await sendKeys({ press: 'Tab' });
    expect(deepActive()).to.equal(select(el, 'organization'));
    await sendKeys({ press: 'Tab' });
    expect(deepActive()).to.equal(retryAll(el));
    await sendKeys({ press: 'Tab' });
    expect(deepActive()).to.equal(entries(el)[0]);
    await sendKeys({ press: 'PageDown' });
    expect(deepActive()).to.equal(entries(el)[1]);
    expect(textOf((deepActive() as HTMLElement).querySelector('.title'))).to.equal('Failed one');
    await sendKeys({ press: 'PageUp' });
    expect(deepActive()).to.equal(entries(el)[0]);
    await sendKeys({ press: 'Tab' });
    expect(deepActive()).to.equal(entries(el)[0]!.querySelector('[part~="ticket-link"]'));
    await sendKeys({ press: 'Tab' });
    expect(deepActive()).to.equal(entries(el)[1]);
    await sendKeys({ press: 'Tab' });
    expect(deepActive()).to.equal(entries(el)[1]!.querySelector('[part~="retry-button"]'));
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => progressText(el) === 'Retrying 1 failed delivery: 0 of 1 done.', `progress: ${progressText(el)}`);
    await deliverQueued(partner, psa.id);
    await waitUntil(() => toasts(el).includes('Retried 1 failed delivery: 1 delivered.'), 'no toast');
  });
});
