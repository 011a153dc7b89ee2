/** <psa-wizard vendor="connectwise">: its credential fields and its own words, against the real BFF and the ConnectWise sandbox. */
import { expect } from '@open-wc/testing';
import type { PsaWizard } from '../../../../web-components/index.js';
import { errorOf, expectStep, field, fill, mountWizard, next, partnerWithOrganizations, passAccountMapping, passCredentials, q, stepElement } from './psa-wizard.harness.js';

const labelOf = (el: PsaWizard, name: string) => (field(el, name) as HTMLElement & { label: string }).label;
const optionLabels = (el: PsaWizard, name: string) => [...field(el, name).shadowRoot!.querySelectorAll('option')].filter((o) => o.value).map((o) => o.textContent!.trim());

describe('<psa-wizard vendor="connectwise">', function () {
  this.timeout(15_000);

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

  it('speaks ConnectWise: Service Board, Status, Item, Type, Subtype; a board’s values only with that board', async () => {
    const { token } = await partnerWithOrganizations();
    const el = await mountWizard('connectwise', token);
    await passCredentials(el, 'connectwise');
    await passAccountMapping(el, 'connectwise');
    await expectStep(el, 'service-parameters');
    expect(['ticket.queueId', 'ticket.statusId', 'ticket.typeId', 'ticket.issueTypeId', 'ticket.subIssueTypeId'].map((n) => labelOf(el, n)))
      .to.deep.equal(['Service Board', 'Status', 'Item', 'Default Type', 'Default Subtype']);
    expect(q(el, '[name="ticket.categoryId"]')).to.equal(undefined);
    const queue = field(el, 'ticket.queueId').shadowRoot!.querySelector('select')!;
    const helpDesk = [...queue.options].find((o) => o.textContent!.trim() === 'Help Desk')!.value;
    expect(optionLabels(el, 'ticket.statusId')[0]).to.match(/^Security Operations \//);
    await fill(el, 'ticket.queueId', helpDesk);
    // The board's own default status replaces the other board's; nothing "no longer offered" stays chosen.
    expect((el.snapshot!.context.ticket.statusId)).to.equal([...field(el, 'ticket.statusId').shadowRoot!.querySelectorAll('option')].find((o) => o.textContent!.trim() === 'Help Desk / New')!.value);
    for (const name of ['ticket.statusId', 'ticket.typeId', 'ticket.issueTypeId']) {
      const labels = optionLabels(el, name);
      expect(labels.length, name).to.be.greaterThan(0);
      expect(labels.every((l) => l.startsWith('Help Desk / ')), `${name}: ${labels.join(', ')}`).to.equal(true);
    }
    await expect(el).to.be.accessible();
  });
});
