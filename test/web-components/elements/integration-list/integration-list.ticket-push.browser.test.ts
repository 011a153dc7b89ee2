/**
 * <integration-list>'s "Ticket status" line in Chromium against the real BFF and the vendor sandboxes:
 * a PSA that refuses to create the webhook (the sandbox's 403, to the real registration code) reads
 * as polled, with the reason, what to change in the PSA and the next try, in a polite live region;
 * "Try again now" is reached and pressed with the keyboard, and once the registration succeeds the
 * line says status arrives by push.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../../../web-components/define.js';
import type { IntegrationList } from '../../../../web-components/index.js';
import { clockTime } from '../../../../web-components/elements/integration-list/integration-list.format.js';
import { deepActive, loaded, rowFor } from '../../support/dom.js';
import { waitUntil } from '../../support/wait.js';
import { api, configurePsa, deactivatePush, newPartner, registerPush, textOf } from './integration-list.fixtures.js';

interface TicketPushAnswer { ticketPush: { state: string; replacementAt: string | null; failure: { nextTryAt: string } | null } }

const line = (row: Element) => row.querySelector('[part~="ticket-push"]');

describe('<integration-list> ticket status', () => {
  it('says why status is polled and what to change in Autotask; "Try again now" by keyboard, then "by push"', async () => {
    const { partner, token } = await newPartner();
    const psa = await configurePsa({ partner, vendor: 'autotask' });
    expect((await registerPush({ partner, integrationId: psa.id, refuse: true })).outcome).to.equal('failed');
    const { ticketPush } = await api<TicketPushAnswer>(token, `/integrations/${psa.id}/health`);
    expect(ticketPush.state).to.equal('failing');

    const el = await fixture<IntegrationList>(html`<integration-list kind="psa" .token=${token}></integration-list>`);
    await loaded(el);
    const row = () => rowFor(el, 'Autotask');
    await waitUntil(() => line(row()) !== null, 'no ticket status line');
    expect(textOf(line(row()))).to.equal(
      'Ticket status: checked every 15 minutes — Autotask refused the webhook (permission): In Autotask, allow the API user’s security level to create webhooks '
      + '(it is off by default): Admin > Account Settings & Users > Resources/Users (HR) > Security > Security Levels. Then choose “Try again now”. '
      + `Tried again at ${clockTime(ticketPush.failure!.nextTryAt)}.`,
    );
    // Read out politely when it changes while the panel is open.
    expect(line(row())!.getAttribute('role')).to.equal('status');
    await expect(el).to.be.accessible();

    // "Try again now", reached with Tab from the button before it, pressed with Enter.
    const retry = row().querySelector<HTMLButtonElement>('[part~="push-retry-button"]')!;
    expect(textOf(retry)).to.equal('Try again now');
    expect(retry.getAttribute('aria-label')).to.equal('Try again now to register the Autotask webhook');
    row().querySelector<HTMLButtonElement>('[part~="test-ticket-button"]')!.focus();
    await sendKeys({ press: 'Tab' });
    expect(deepActive()).to.equal(retry);
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => textOf(line(row())).endsWith('Trying again now.'), 'the line does not say it is trying again');
    const audit = await api<{ entries: Array<{ action: string }> }>(token, `/integrations/${psa.id}/audit`);
    expect(audit.entries.map((e) => e.action)).to.include('psa.push-retry');

    // The worker's pass (this BFF runs none: the test stands in for it), and the vendor accepts now.
    expect((await registerPush({ partner, integrationId: psa.id })).outcome).to.equal('registered');
    await waitUntil(() => textOf(line(row())) === 'Ticket status: by push from Autotask', 'the line did not turn to "by push"');
    expect(row().querySelector('[part~="push-retry-button"]')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('says when a webhook the PSA turned off is replaced', async () => {
    const { partner, token } = await newPartner();
    const psa = await configurePsa({ partner, vendor: 'autotask' });
    expect((await registerPush({ partner, integrationId: psa.id })).outcome).to.equal('registered');
    expect((await deactivatePush({ partner, integrationId: psa.id })).status).to.equal(200);
    const { ticketPush } = await api<TicketPushAnswer>(token, `/integrations/${psa.id}/health`);
    expect(ticketPush.state).to.equal('deactivated');

    const el = await fixture<IntegrationList>(html`<integration-list kind="psa" .token=${token}></integration-list>`);
    await loaded(el);
    const row = () => rowFor(el, 'Autotask');
    await waitUntil(() => line(row()) !== null, 'no ticket status line');
    expect(textOf(line(row()))).to.equal(
      `Ticket status: checked every 15 minutes — Autotask turned the webhook off. A new one will be registered at about ${clockTime(ticketPush.replacementAt!)}.`,
    );
    // Nothing for the admin to press: the hub replaces it by itself.
    expect(row().querySelector('[part~="push-retry-button"]')).to.equal(null);
    await expect(el).to.be.accessible();
  });
});
