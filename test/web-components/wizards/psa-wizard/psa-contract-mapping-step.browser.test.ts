/** <psa-wizard> step 4, Contract Mapping: optional switches, the Default Contract Service rule, Create Service, per-organization contracts. */
import { expect } from '@open-wc/testing';
import { waitUntil } from '../../support/wait.js';
import { injectFault } from '../../support/test-bff.js';
import { errorOf, expectStep, fill, mountWizard, next, partnerWithOrganizations, passAccountMapping, passCredentials, passServiceParameters, q, settled } from './psa-wizard.harness.js';

async function atContract(vendor: 'autotask' | 'kaseya-bms' = 'autotask', mapBluebird = false, failContractsOnce = false) {
  const seeded = await partnerWithOrganizations();
  const el = await mountWizard(vendor, seeded.token);
  await passCredentials(el, vendor);
  if (mapBluebird) {
    // An organization mapped to its PSA account, so the contract table has a row.
    await waitUntil(() => (q(el, 'ih-psa-account-table') as unknown as { accounts: unknown[] }).accounts.length > 0, 'accounts');
    const bluebird = (q(el, 'ih-psa-account-table') as unknown as { accounts: Array<{ id: string; name: string }> }).accounts.find((a) => a.name === 'Bluebird Logistics')!;
    (q(el, 'ih-psa-account-mapping-step') as unknown as { send: (e: unknown) => void }).send({
      type: 'field.change', path: 'accountMapping.mappings',
      value: [{ psaAccountId: bluebird.id, psaAccountName: bluebird.name, organizationId: 'org-bluebird', contactId: null, contactName: null, ignored: false }],
    });
  }
  await passAccountMapping(el, vendor);
  // Only the per-organization contracts (`/psa/contracts?accountId=`) fail, once, when the step asks for them.
  if (failContractsOnce) await injectFault({ partner: seeded.partner, status: 503, count: 1, pathEndsWith: '/contracts' });
  await passServiceParameters(el);
  const stored = async () => (await fetch(`/api/integrations/${el.snapshot!.context.integrationId}/psa/contract-settings`, { headers: { Authorization: `Bearer ${seeded.token}` } })).json();
  return { ...seeded, el, stored };
}

describe('<psa-wizard> contract mapping step', function () {
  it('is accessible', async () => {
    const { el } = await atContract();
    await expect(el).to.be.accessible();
  });

  it('can be finished with every contract function off', async () => {
    const { el, stored } = await atContract();
    await next(el);
    await expectStep(el, 'finish');
    expect(await stored()).to.include({ addContractsToTickets: false, syncBillableUsers: false });
  });

  it('requires a Default Contract Service while Sync Billable Users is on', async () => {
    const { el } = await atContract();
    await fill(el, 'contract.syncBillableUsers', true);
    await next(el);
    expect(el.step).to.equal('contract-mapping');
    expect(errorOf(el, 'contract.defaultServiceId')).to.contain('A Default Contract Service is required');
  });

  it('"Create Service" creates it in the PSA with the prefilled name, cost and price and makes it the default', async () => {
    const { el, stored } = await atContract('kaseya-bms');
    await fill(el, 'contract.syncBillableUsers', true);
    await fill(el, 'newService.name', 'Security Monitoring (browser test)');
    q<HTMLButtonElement>(el, '[part~="create-service-button"]')!.click();
    await settled(el);
    expect(el.snapshot!.context.contract.defaultServiceName).to.equal('Security Monitoring (browser test)');
    await fill(el, 'contract.userSyncDay', '15');
    await next(el);
    await expectStep(el, 'finish');
    expect(await stored()).to.include({ syncBillableUsers: true, userSyncDay: 15, defaultServiceName: 'Security Monitoring (browser test)' });
  });

  it('maps an organization’s contract (loaded for its PSA account) with Add Service and a price override', async () => {
    const { el, stored } = await atContract('autotask', true);
    const step = q(el, 'ih-psa-contract-mapping-step')!;
    const contract = await waitUntil(() => {
      const select = step.shadowRoot!.querySelector('tbody ih-select-field')?.shadowRoot?.querySelector('select');
      return select && select.options.length > 1 ? select : undefined;
    }, 'no contracts for Bluebird Logistics').then(() => step.shadowRoot!.querySelector('tbody ih-select-field')!.shadowRoot!.querySelector('select')!);
    contract.value = contract.options[1]!.value;
    contract.dispatchEvent(new Event('change'));
    await settled(el);
    step.shadowRoot!.querySelector<HTMLInputElement>('tbody input[type="checkbox"]')!.click();
    await settled(el);
    const price = step.shadowRoot!.querySelectorAll('tbody ih-text-field')[1]!.shadowRoot!.querySelector('input')!;
    price.value = '7.5';
    price.dispatchEvent(new Event('input'));
    await settled(el);
    await expect(el).to.be.accessible();
    await fill(el, 'contract.addContractsToTickets', true);
    // Adding the service needs a service to add: the BFF says so next to the row.
    await next(el);
    expect(el.step).to.equal('contract-mapping');
    expect(step.shadowRoot!.querySelector('tbody .error')!.textContent).to.equal('Add Service to Contract needs a Default Contract Service: choose one above');
    // Tied to its checkbox: announced as invalid with the message.
    const addService = step.shadowRoot!.querySelector<HTMLInputElement>('tbody input[type="checkbox"]')!;
    expect(addService.getAttribute('aria-invalid')).to.equal('true');
    expect(step.shadowRoot!.getElementById(addService.getAttribute('aria-describedby')!)!.textContent).to.equal('Add Service to Contract needs a Default Contract Service: choose one above');
    await expect(el).to.be.accessible();
    const services = q(el, '[name="contract.defaultServiceId"]')!.shadowRoot!.querySelector('select')!;
    await fill(el, 'contract.defaultServiceId', services.options[1]!.value);
    await next(el);
    await expectStep(el, 'finish');
    const saved = await stored();
    expect(saved.mappings).to.have.length(1);
    expect(saved.mappings[0]).to.include({ organizationId: 'org-bluebird', contractId: contract.options[1]!.value, addService: true, unitPrice: 7.5, unitCost: null });
  });

  it('offers a keyboard Retry next to an organization whose contracts could not be loaded, and reloads just that list', async () => {
    const { sendKeys } = await import('@web/test-runner-commands');
    const { el } = await atContract('autotask', true, true);
    const step = q(el, 'ih-psa-contract-mapping-step')!;
    const retry = () => step.shadowRoot!.querySelector<HTMLButtonElement>('tbody [part~="retry-button"]');
    const select = () => step.shadowRoot!.querySelector('tbody ih-select-field')!.shadowRoot!.querySelector('select')!;
    await waitUntil(() => retry(), 'no Retry for the organization’s contracts');
    expect(retry()!.getAttribute('aria-label')).to.equal('Retry loading contracts for Bluebird Logistics');
    expect(select().options[0]!.textContent).to.contain('Contracts could not be loaded');
    await expect(el).to.be.accessible();
    // By keyboard: from the contract choice, Tab reaches Retry and Enter presses it.
    select().focus();
    await sendKeys({ press: 'Tab' });
    expect(step.shadowRoot!.activeElement).to.equal(retry());
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => select().options.length > 1, 'the contracts did not load on Retry');
    expect(retry()).to.equal(null);
  });
  it('ticking "Add Service to Contract" fills the organization’s Cost and Price from the Default Contract Service; they stay editable', async () => {
    const { el, stored } = await atContract('autotask', true);
    const step = q(el, 'ih-psa-contract-mapping-step')!;
    const services = q(el, '[name="contract.defaultServiceId"]')!.shadowRoot!.querySelector('select')!;
    await waitUntil(() => services.options.length > 1, 'no contract services');
    const service = el.snapshot!.context.services!.find((s) => s.unitCost !== null && s.unitPrice !== null)!;
    await fill(el, 'contract.defaultServiceId', service.id);
    const contract = () => step.shadowRoot!.querySelector('tbody ih-select-field')!.shadowRoot!.querySelector('select')!;
    await waitUntil(() => contract().options.length > 1, 'no contracts for Bluebird Logistics');
    contract().value = contract().options[1]!.value;
    contract().dispatchEvent(new Event('change'));
    await settled(el);
    const amounts = () => [...step.shadowRoot!.querySelectorAll('tbody ih-text-field')].map((f) => f.shadowRoot!.querySelector('input')!);
    expect(amounts().map((i) => i.value)).to.deep.equal(['', '']);
    step.shadowRoot!.querySelector<HTMLInputElement>('tbody input[type="checkbox"]')!.click();
    await settled(el);
    await (step as unknown as { updateComplete: Promise<void> }).updateComplete;
    expect(amounts().map((i) => Number(i.value))).to.deep.equal([service.unitCost, service.unitPrice]);
    expect(amounts().every((i) => !i.disabled)).to.equal(true);
    const price = amounts()[1]!;
    price.value = '9.75';
    price.dispatchEvent(new Event('input'));
    await settled(el);
    await next(el);
    await expectStep(el, 'finish');
    expect((await stored()).mappings[0]).to.include({ organizationId: 'org-bluebird', addService: true, unitCost: service.unitCost, unitPrice: 9.75 });
  });
});
