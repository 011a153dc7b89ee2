/**
 * Step links in the RMM wizards' create flow (issue 17, item 1), in Chromium against the real BFF
 * and sandboxes: each completed earlier step's name in the progress list is a link, reached with
 * Tab and followed with Enter, landing on that step with focus on its heading; steps ahead (even
 * completed ones) are not links, since the way forward is Next, which saves the step left.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../../../web-components/define.js';
import type { RmmWizard } from '../../../../web-components/index.js';
import { deepActive } from '../../support/dom.js';
import {
  choose, currentStep, ignoreResizeObserverLoop, next, partnerWithOrganizations, settle, shell, sitesLoaded, stepHeading, type, waitFor,
} from './rmm-support.js';

ignoreResizeObserverLoop();

/** The wizard after a button, so Tab starts before it as it would on a host page. */
async function wizardOnPage(vendor: 'datto-rmm' | 'syncro', token: string) {
  const page = await fixture<HTMLDivElement>(html`<div><button id="before">Before</button><rmm-wizard vendor=${vendor} .token=${token}></rmm-wizard></div>`);
  const el = page.querySelector('rmm-wizard') as RmmWizard;
  await waitFor(() => el.step && currentStep(el), 'wizard did not start');
  return { el, before: page.querySelector<HTMLButtonElement>('#before')! };
}

const links = (el: RmmWizard) => [...shell(el).shadowRoot!.querySelectorAll('[part~="progress-link"]')].map((a) => a.textContent!.trim());
const heading = (el: RmmWizard) => shell(el).shadowRoot!.querySelector('[part~="step-heading"]');

/** Tab from the button before the wizard until `name` has focus (at most `limit` presses). */
async function tabTo(before: HTMLButtonElement, name: string, limit = 6) {
  before.focus();
  for (let i = 0; i < limit; i++) {
    await sendKeys({ press: 'Tab' });
    if (deepActive()?.textContent?.trim() === name) return deepActive()!;
  }
  throw new Error(`Tab never reached "${name}" (focus on ${deepActive()?.outerHTML.slice(0, 80)})`);
}

describe('<rmm-wizard> step links', () => {
  it('Datto RMM: from Parameters, Tab to "Set Credentials", Enter: on that step with focus on its heading; then Next goes on', async () => {
    const { token } = await partnerWithOrganizations();
    const { el, before } = await wizardOnPage('datto-rmm', token);
    expect(links(el), 'nothing is done yet').to.deep.equal([]);
    await choose(el, 'userActivityOrganizationId', 'org-internal');
    await next(el, 'credentials');
    expect(links(el)).to.deep.equal(['Organization']);
    await choose(el, 'credentials.platform', 'merlot');
    await type(el, 'credentials.apiKey', 'sandbox-key');
    await type(el, 'credentials.apiSecret', 'sandbox-secret');
    await next(el, 'organization-mapping');
    await sitesLoaded(el);
    await next(el, 'parameters');
    expect(links(el)).to.deep.equal(['Organization', 'Set Credentials', 'Organization Mapping']);
    await expect(el).to.be.accessible();

    const link = await tabTo(before, 'Set Credentials');
    expect(link.getAttribute('part')).to.contain('progress-link');
    await sendKeys({ press: 'Enter' });
    await waitFor(() => el.step === 'credentials' && currentStep(el), 'not on Set Credentials');
    await settle(el);
    expect(stepHeading(el)).to.equal('Step 2 of 5: Set Credentials');
    expect(deepActive(), 'focus on the step heading').to.equal(heading(el));
    // Organization Mapping stays done (ticked) but is no link from here.
    expect(links(el)).to.deep.equal(['Organization']);
    const done = [...shell(el).shadowRoot!.querySelectorAll('[part~="progress-step-done"]')].map((li) => li.textContent!.replace(/\s+/g, ' ').trim());
    expect(done).to.deep.equal(['✓ Organization (done)', '✓ Organization Mapping (done)']);
    await expect(el).to.be.accessible();

    // The stored credentials are kept (fields left empty): Next goes straight on.
    await next(el, 'organization-mapping');
    expect(stepHeading(el)).to.equal('Step 3 of 5: Organization Mapping');
  });

  it('Syncro: from Finish, Enter on "Account Mapping" lands there with focus on its heading', async () => {
    const { token } = await partnerWithOrganizations();
    const { el, before } = await wizardOnPage('syncro', token);
    await type(el, 'credentials.subdomain', 'sandbox');
    await type(el, 'credentials.apiToken', 'sandbox-token');
    await next(el, 'account-mapping');
    await sitesLoaded(el);
    await choose(el, 'userActivityOrganizationId', 'org-internal');
    await next(el, 'finish');
    expect(links(el)).to.deep.equal(['Credentials', 'Account Mapping']);

    await tabTo(before, 'Account Mapping');
    await sendKeys({ press: 'Enter' });
    await waitFor(() => el.step === 'account-mapping' && currentStep(el), 'not on Account Mapping');
    await settle(el);
    expect(stepHeading(el)).to.equal('Step 2 of 3: Account Mapping');
    expect(deepActive()).to.equal(heading(el));
    await sitesLoaded(el);
    await expect(el).to.be.accessible();
  });
});
