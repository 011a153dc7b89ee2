/** <psa-wizard vendor="connectwise">: its credential fields and its own words, against the real BFF and the ConnectWise sandbox. */
import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { deepActive } from '../../support/dom.js';
import type { PsaWizard } from '../../../../web-components/index.js';
import { errorOf, expectStep, field, fill, mountWizard, next, partnerWithOrganizations, passAccountMapping, passCredentials, q, settled, stepElement } from './psa-wizard.harness.js';

const labelOf = (el: PsaWizard, name: string) => (field(el, name) as HTMLElement & { label: string }).label;
const optionLabels = (el: PsaWizard, name: string) => [...field(el, name).shadowRoot!.querySelectorAll('option')].filter((o) => o.value).map((o) => o.textContent!.trim());
const selectOf = (el: PsaWizard, name: string) => field(el, name).shadowRoot!.querySelector('select')!;
const selectedLabel = (el: PsaWizard, name: string) => selectOf(el, name).selectedOptions[0]?.textContent?.trim() ?? '';
const hintOf = (el: PsaWizard, name: string) => field(el, name).shadowRoot!.querySelector('.hint')?.textContent?.trim() ?? '';
/** The name of the field whose control has focus. */
const focusedName = () => ((deepActive()?.getRootNode() as ShadowRoot | undefined)?.host?.getAttribute('name') ?? '');
/** Presses a key (`Shift+Tab`: the modifier held around it) and waits for the wizard. */
async function key(el: PsaWizard, press: string): Promise<void> {
  const [modifier, keyName] = press.includes('+') ? press.split('+') : [null, press];
  if (modifier) await sendKeys({ down: modifier });
  await sendKeys({ press: keyName! });
  if (modifier) await sendKeys({ up: modifier });
  await settled(el);
}

describe('<psa-wizard vendor="connectwise">', function () {

  it('asks for site, Company ID, public and private key (never the clientId), accessibly', async () => {
    const { token } = await partnerWithOrganizations();
    const el = await mountWizard('connectwise', token);
    await expect(el).to.be.accessible();
    const names = [...stepElement(el).shadowRoot!.querySelectorAll('[name]')].map((f) => f.getAttribute('name'));
    expect(names).to.deep.equal(['credentials.site', 'credentials.companyId', 'credentials.publicKey', 'credentials.privateKey']);
    expect(names.map((n) => labelOf(el, n!))).to.deep.equal(['ConnectWise site', 'Company ID', 'Public key', 'Private key']);
    expect(field(el, 'credentials.privateKey').shadowRoot!.querySelector('input')!.type).to.equal('password');
  });

  it('shows the server host only for an on-premises site, and refuses a malformed one next to it', async () => {
    const { token } = await partnerWithOrganizations();
    const el = await mountWizard('connectwise', token);
    expect(q(el, '[name="credentials.host"]')).to.equal(undefined);
    await fill(el, 'credentials.site', 'on-premises');
    expect(labelOf(el, 'credentials.host')).to.equal('Server host name');
    await fill(el, 'credentials.host', 'https://cw.example.com/login');
    for (const [key, value] of [['companyId', 'sandboxmsp'], ['publicKey', 'sandbox-public'], ['privateKey', 'sandbox-private']]) await fill(el, `credentials.${key}`, value!);
    await next(el);
    expect(el.step).to.equal('credentials');
    expect(errorOf(el, 'credentials.host')).to.contain('host name');
    await expect(el).to.be.accessible();
    await fill(el, 'credentials.site', 'eu');
    expect(q(el, '[name="credentials.host"]')).to.equal(undefined);
  });

  it('points refused keys at the private key', async () => {
    const { token } = await partnerWithOrganizations();
    const el = await mountWizard('connectwise', token);
    for (const [key, value] of [['site', 'na'], ['companyId', 'sandboxmsp'], ['publicKey', 'sandbox-public'], ['privateKey', 'wrong']]) await fill(el, `credentials.${key}`, value!);
    await next(el);
    expect(errorOf(el, 'credentials.privateKey')).to.contain('ConnectWise did not accept the API keys');
  });

  it('asks for the Service Board first; Status, Type, Subtype and Item wait for it and come from it, keyboard only', async () => {
    const { token } = await partnerWithOrganizations();
    const el = await mountWizard('connectwise', token);
    await passCredentials(el, 'connectwise');
    await passAccountMapping(el, 'connectwise');
    await expectStep(el, 'service-parameters');
    const step = stepElement(el).shadowRoot!;
    const defaults = [...step.querySelector('fieldset')!.querySelectorAll('ih-select-field')].map((f) => f.getAttribute('name')!);
    expect(defaults).to.deep.equal(['ticket.queueId', 'ticket.statusId', 'ticket.issueTypeId', 'ticket.subIssueTypeId', 'ticket.typeId', 'ticket.sourceId']);
    expect(defaults.map((n) => labelOf(el, n))).to.deep.equal(['Service Board', 'Status', 'Default Type', 'Default Subtype', 'Item', 'Source']);
    expect(q(el, '[name="ticket.categoryId"]')).to.equal(undefined);

    // No board yet: its dependents are disabled, say why, and hold nothing from any board.
    for (const name of ['ticket.statusId', 'ticket.issueTypeId', 'ticket.subIssueTypeId', 'ticket.typeId']) expect(selectOf(el, name).disabled, name).to.equal(true);
    for (const name of ['ticket.statusId', 'ticket.issueTypeId', 'ticket.typeId']) expect(hintOf(el, name), name).to.equal('Choose the Service Board first: the choices here come from it.');
    expect(hintOf(el, 'ticket.subIssueTypeId')).to.equal('Choose the Default Type first: the choices here come from it.');
    expect(el.snapshot!.context.ticket).to.include({ queueId: null, statusId: null, typeId: null, issueTypeId: null, subIssueTypeId: null });
    await expect(el).to.be.accessible();

    // Keyboard only: the board, then Tab to each dependent in turn.
    selectOf(el, 'ticket.queueId').focus();
    await key(el, 'ArrowDown');
    expect(selectedLabel(el, 'ticket.queueId')).to.equal('Security Operations');
    expect(selectedLabel(el, 'ticket.statusId'), 'the board’s default status').to.equal('Security Operations / New');
    await key(el, 'Tab');
    expect(focusedName()).to.equal('ticket.statusId');
    await key(el, 'Tab');
    expect(focusedName()).to.equal('ticket.issueTypeId');
    await key(el, 'ArrowDown');
    expect(selectedLabel(el, 'ticket.issueTypeId')).to.equal('Security Operations / Security Incident');
    await key(el, 'Tab');
    expect(focusedName()).to.equal('ticket.subIssueTypeId');
    expect(optionLabels(el, 'ticket.subIssueTypeId')).to.deep.equal(['Account Compromise', 'Data Exfiltration', 'Malware', 'Suspicious Sign-in']);
    await key(el, 'Tab');
    expect(focusedName()).to.equal('ticket.typeId');
    await key(el, 'ArrowDown');
    expect(selectedLabel(el, 'ticket.typeId')).to.equal('Security Operations / Alert');

    // Another board clears what came from the first one and offers only its own values.
    for (let i = 0; i < 4; i++) await key(el, 'Shift+Tab');
    expect(focusedName()).to.equal('ticket.queueId');
    await key(el, 'ArrowDown');
    expect(selectedLabel(el, 'ticket.queueId')).to.equal('Help Desk');
    expect(selectedLabel(el, 'ticket.statusId')).to.equal('Help Desk / New');
    expect(el.snapshot!.context.ticket).to.include({ typeId: null, issueTypeId: null, subIssueTypeId: null });
    for (const name of ['ticket.statusId', 'ticket.typeId', 'ticket.issueTypeId']) {
      const labels = optionLabels(el, name);
      expect(labels.length, name).to.be.greaterThan(0);
      expect(labels.every((l) => l.startsWith('Help Desk / ')), `${name}: ${labels.join(', ')}`).to.equal(true);
    }
    expect(selectOf(el, 'ticket.subIssueTypeId').disabled).to.equal(true);
    expect(hintOf(el, 'ticket.subIssueTypeId')).to.equal('Choose the Default Type first: the choices here come from it.');

    // The Item's own word in its error.
    await next(el);
    expect(el.step).to.equal('service-parameters');
    expect(errorOf(el, 'ticket.typeId')).to.equal('Choose an Item');
    await expect(el).to.be.accessible();
  });
});
