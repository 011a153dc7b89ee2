/**
 * Edit by section in <rmm-wizard> (issue 17, item 1), in Chromium against the real BFF and the
 * sandboxes, keyboard only: a connected Datto RMM or Syncro opens at the summary (keys "stored",
 * never shown; the user-activity organization read-only, with no Edit); a section's Edit opens that
 * step alone with Save / Cancel (no Back, no progress list); Cancel saves nothing; Save saves that
 * section and returns to the summary. axe finds nothing on the summary or the section.
 */
import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../../../web-components/define.js';
import type { RmmWizard } from '../../../../web-components/index.js';
import { deepActive } from '../../support/dom.js';
import {
  DATTO, SYNCRO, api, connectRmm, currentStep, ignoreResizeObserverLoop, navButton, openWizard, partnerWithOrganizations, shell, sitesLoaded, stepHeading, waitFor,
} from './rmm-support.js';

ignoreResizeObserverLoop();

const summaryText = (el: RmmWizard) => (currentStep(el).textContent ?? '').replace(/\s+/g, ' ');

/** Tabs (at most `max` times) until `target` has the focus, then presses Enter. */
async function tabAndEnter(target: () => Element | null | undefined, max = 40) {
  for (let i = 0; i < max && deepActive() !== target(); i++) await sendKeys({ press: 'Tab' });
  expect(deepActive(), 'focus reached the control').to.equal(target());
  await sendKeys({ press: 'Enter' });
}

const sectionButton = (el: RmmWizard, label: string) => el.shadowRoot!.querySelector<HTMLButtonElement>(`[aria-label="Edit ${label}"]`);

for (const [vendor, mappingLabel, mappingStep] of [['datto-rmm', 'Organization Mapping', 'organization-mapping'], ['syncro', 'Account Mapping', 'account-mapping']] as const) {
  describe(`<rmm-wizard vendor="${vendor}" integration-id> edit by section`, () => {
    it('shows the summary, opens one section alone, Cancel keeps it, Save saves it only', async function () {
      const { token } = await partnerWithOrganizations();
      const { id } = await connectRmm(token, vendor, 'org-internal', { autoMapExact: true });
      const el = await openWizard(vendor, token, id);
      expect(el.step).to.equal('summary');
      const text = summaryText(el);
      expect(text).to.contain('Northwind MSP (Internal). Set when the integration was created; it cannot be changed.');
      expect(text).to.contain('Stored (never shown; replace them to change them)');
      expect(text).to.contain(vendor === 'syncro' ? 'sandbox.syncromsp.com' : 'Merlot');
      for (const secret of vendor === 'syncro' ? [SYNCRO.apiToken] : [DATTO.apiKey, DATTO.apiSecret]) expect(text).not.to.contain(secret);
      // The organization is shown, never edited: its section has no button.
      expect(sectionButton(el, 'User activity organization')).to.equal(null);
      await expect(el).to.be.accessible();

      const before = (await api(token, 'GET', `/integrations/${id}/rmm/mapping`)).body;

      // The connection section by keyboard: Replace credentials, then Cancel; nothing is asked, nothing saved.
      const replace = () => [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part~="section-edit-button"]')].find((b) => b.textContent?.trim() === 'Replace credentials');
      await tabAndEnter(replace);
      await waitFor(() => el.step === 'credentials' && shell(el), 'the connection section did not open');
      expect(stepHeading(el)).to.match(/Credentials/);
      expect(shell(el).shadowRoot!.querySelector('[part~="progress"]')).to.equal(null);
      expect(shell(el).shadowRoot!.querySelector('[part~="back-button"]')).to.equal(null);
      expect(navButton(el, 'next-button').textContent?.trim()).to.equal('Save');
      await expect(el).to.be.accessible();
      await tabAndEnter(() => navButton(el, 'cancel-button'));
      await waitFor(() => el.step === 'summary', 'Cancel did not return to the summary');
      await waitFor(() => deepActive()?.tagName === 'H3', 'focus did not go to the summary heading');

      // The mapping section: its Save (Enter on it) saves that section alone and returns to the summary.
      await tabAndEnter(() => sectionButton(el, mappingLabel));
      await waitFor(() => el.step === mappingStep && shell(el), 'the mapping section did not open');
      await sitesLoaded(el);
      expect(stepHeading(el)).to.equal(mappingLabel);
      navButton(el, 'next-button').focus();
      await sendKeys({ press: 'Enter' });
      await waitFor(() => el.step === 'summary', 'Save did not return to the summary');
      expect(summaryText(el)).to.contain('Connected');
      const after = (await api(token, 'GET', `/integrations/${id}/rmm/mapping`)).body;
      expect(after.userActivityOrganizationId).to.equal(before.userActivityOrganizationId);
      const rows = (await api(token, 'GET', '/integrations?kind=rmm')).body.integrations;
      expect(rows.find((r: { id: string }) => r.id === id).status).to.equal('connected');
    });
  });
}
