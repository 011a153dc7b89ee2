/**
 * Step links (issue 17, item 1): in the create flow every completed step's name is a link, reached
 * with Tab and followed with Enter, that asks the wizard to jump there; steps not done are plain
 * text; in a section of edit mode there is no progress list and no Back.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../../../web-components/define.js';
import type { IhWizardShell, WizardNavEvent } from '../../../../web-components/wizards/shared/wizard-shell.js';
import { deepActive } from '../../support/dom.js';

const STEPS = [{ id: 'credentials', label: 'Credentials' }, { id: 'account-mapping', label: 'Account Mapping' }, { id: 'service-parameters', label: 'Service Parameters' }];

describe('<ih-wizard-shell> step links', () => {
  it('a done step is a link reached with Tab; Enter asks to go there; upcoming steps are not links', async () => {
    const shell = await fixture<IhWizardShell>(html`
      <ih-wizard-shell heading="Connect Autotask" .steps=${STEPS} current="account-mapping" .done=${['credentials']} step-links><p>Step body</p></ih-wizard-shell>`);
    const links = [...shell.shadowRoot!.querySelectorAll('[part~="progress-link"]')];
    expect(links.map((a) => a.textContent)).to.deep.equal(['Credentials']);
    const asked: string[] = [];
    shell.addEventListener('ih-wizard-nav', (e) => asked.push(`${(e as WizardNavEvent).action}:${(e as WizardNavEvent).step}`));
    (document.activeElement as HTMLElement | null)?.blur();
    await sendKeys({ press: 'Tab' }); // the first focusable thing of the shell
    expect(deepActive()?.getAttribute('part')).to.equal('progress-link');
    await sendKeys({ press: 'Enter' });
    expect(asked).to.deep.equal(['goto:credentials']);
  });

  it('with `linkable`, only the done steps named there are links; the other done steps keep their tick', async () => {
    const shell = await fixture<IhWizardShell>(html`
      <ih-wizard-shell heading="Connect Datto RMM" .steps=${STEPS} current="account-mapping" .done=${['credentials', 'service-parameters']} .linkable=${['credentials']} step-links></ih-wizard-shell>`);
    const root = shell.shadowRoot!;
    expect([...root.querySelectorAll('[part~="progress-link"]')].map((a) => a.textContent)).to.deep.equal(['Credentials']);
    expect(root.querySelectorAll('[part~="progress-step-done"]')).to.have.length(2);
  });

  it('is accessible with its links', async () => {
    const shell = await fixture<IhWizardShell>(html`
      <ih-wizard-shell heading="Connect Autotask" .steps=${STEPS} current="service-parameters" .done=${['credentials', 'account-mapping']} step-links></ih-wizard-shell>`);
    await expect(shell).to.be.accessible();
  });

  it('one section alone (edit mode): no progress list, the section as heading, no Back', async () => {
    const shell = await fixture<IhWizardShell>(html`
      <ih-wizard-shell heading="Edit Service Parameters" .steps=${STEPS} current="service-parameters" .done=${['credentials', 'account-mapping']} section-mode next-label="Save"></ih-wizard-shell>`);
    const root = shell.shadowRoot!;
    expect(root.querySelector('[part~="progress"]')).to.equal(null);
    expect(root.querySelector('[part~="step-heading"]')!.textContent).to.equal('Service Parameters');
    expect(root.querySelector('[part~="back-button"]')).to.equal(null);
    expect(root.querySelector('[part~="next-button"]')!.textContent).to.equal('Save');
  });
});
