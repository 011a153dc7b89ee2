/** <psa-wizard> as a whole: finishing (Active, wizard-complete), Back, Cancel, draft resume after a reload, editing with saved values. */
import { expect, oneEvent } from '@open-wc/testing';
import { waitUntil } from '../../support/wait.js';
import type { WizardCancelEvent, WizardCompleteEvent } from '../../../../web-components/index.js';
import { storedIntegration } from '../../support/test-bff.js';
import {
  CATCH_ALL, backButton, expectStep, field, fill, mountWizard, next, partnerWithOrganizations, passAccountMapping, passCredentials, passServiceParameters, q, settled,
} from './psa-wizard.harness.js';

const draftOf = async (token: string, vendor: string, integrationId?: string) => {
  const query = integrationId ? `?integrationId=${integrationId}&version=1` : '?version=1';
  const res = await fetch(`/api/wizard-drafts/psa:${vendor}${query}`, { headers: { Authorization: `Bearer ${token}` } });
  expect(res.status, 'a draft is read with 200, none included').to.equal(200);
  return ((await res.json()) ?? undefined) as { snapshot: { value: unknown; context: Record<string, unknown> } } | undefined;
};

describe('<psa-wizard>', function () {

  it('is accessible on Finish, and Finish makes the integration Active and fires wizard-complete', async () => {
    const { token, partner } = await partnerWithOrganizations();
    const el = await mountWizard('kaseya-bms', token);
    await passCredentials(el, 'kaseya-bms');
    await passAccountMapping(el, 'kaseya-bms');
    await passServiceParameters(el);
    await next(el);
    await expectStep(el, 'finish');
    await expect(el).to.be.accessible();
    expect(q(el, 'ih-psa-finish-step')!.shadowRoot!.textContent).to.contain(CATCH_ALL['kaseya-bms'].withContacts);
    const testButton = () => q<HTMLButtonElement>(el, '[part~="test-ticket-button"]')!;
    const testStatus = () => q(el, '[part~="test-ticket-result"]')!.textContent!.trim();
    expect(testButton().getAttribute('aria-busy')).to.equal('false');
    testButton().click();
    // While the vendor answers: the button is busy and says so, a status line announces it (issue 17 item 10).
    await el.updateComplete;
    await (q(el, 'ih-psa-finish-step') as unknown as { updateComplete: Promise<unknown> }).updateComplete;
    expect(el.snapshot!.matches({ finish: 'sendingTestTicket' })).to.equal(true);
    expect(testButton().textContent!.trim()).to.equal('Sending test ticket…');
    expect(testButton().getAttribute('aria-busy')).to.equal('true');
    expect(testButton().getAttribute('aria-disabled')).to.equal('true');
    expect(testStatus()).to.equal('Sending a test ticket to Kaseya BMS; waiting for Kaseya BMS to answer…');
    await expect(el).to.be.accessible();
    // A second press while it is on its way sends nothing more.
    testButton().click();
    await settled(el);
    const ticketId = el.snapshot!.context.testTicket?.vendorTicketId;
    expect(ticketId, 'the vendor ticket id').to.be.a('string');
    expect(testStatus()).to.contain('was created in Kaseya BMS');
    expect(testButton().textContent!.trim()).to.equal('Send test ticket');
    expect(testButton().getAttribute('aria-busy')).to.equal('false');
    const audit = await fetch(`/api/integrations/${el.snapshot!.context.integrationId}/audit`, { headers: { Authorization: `Bearer ${token}` } }).then((r) => r.json());
    expect(audit.entries.filter((e: { action: string }) => e.action === 'psa.test-ticket')).to.have.length(1);
    const done = oneEvent(el, 'wizard-complete') as Promise<WizardCompleteEvent>;
    await next(el);
    const { detail } = await done;
    expect(detail).to.deep.equal({ integrationId: el.snapshot!.context.integrationId, vendor: 'kaseya-bms', status: 'active' });
    expect((await storedIntegration(partner, detail.integrationId)).status).to.equal('active');
    expect(await draftOf(token, 'kaseya-bms')).to.equal(undefined);
  });

  it('shows progress: done steps, the current one, and those left; Back is always allowed', async () => {
    const { token } = await partnerWithOrganizations();
    const el = await mountWizard('autotask', token);
    await passCredentials(el, 'autotask');
    const shell = el.shadowRoot!.querySelector('ih-wizard-shell')!;
    const statuses = () => [...shell.shadowRoot!.querySelectorAll('li')].map((li) => li.dataset.status);
    expect(statuses()).to.deep.equal(['done', 'current', 'upcoming', 'upcoming', 'upcoming']);
    backButton(el).click();
    await expectStep(el, 'credentials');
    expect(statuses()).to.deep.equal(['current', 'upcoming', 'upcoming', 'upcoming', 'upcoming']);
    // Back on step 1 after it succeeded: blank credentials keep the stored ones.
    await next(el);
    await expectStep(el, 'account-mapping');
  });

  it('Cancel fires wizard-cancel and discards the draft', async () => {
    const { token } = await partnerWithOrganizations();
    const el = await mountWizard('autotask', token);
    await passCredentials(el, 'autotask');
    await waitUntil(async () => Boolean(await draftOf(token, 'autotask')), 'no draft saved');
    const cancelled = oneEvent(el, 'wizard-cancel') as Promise<WizardCancelEvent>;
    q<HTMLButtonElement>(el, '[part~="cancel-button"]')!.click();
    expect((await cancelled).detail.integrationId).to.equal(el.snapshot!.context.integrationId);
    await waitUntil(async () => !(await draftOf(token, 'autotask')), 'draft not discarded');
  });

  it('resumes a draft after a reload, where it was and with what was entered (never the credentials)', async () => {
    const { token } = await partnerWithOrganizations();
    const first = await mountWizard('autotask', token);
    await passCredentials(first, 'autotask');
    await passAccountMapping(first, 'autotask');
    const id = first.snapshot!.context.integrationId;
    await waitUntil(async () => JSON.stringify((await draftOf(token, 'autotask'))?.snapshot.value ?? '').includes('serviceParameters'), 'draft not saved on step 3');
    expect(JSON.stringify(await draftOf(token, 'autotask'))).not.to.contain('sandbox-secret');
    first.remove();
    const resumed = await mountWizard('autotask', token);
    await expectStep(resumed, 'service-parameters');
    expect(resumed.snapshot!.context.integrationId).to.equal(id);
    expect(resumed.snapshot!.context.accountMapping.catchAllAccountName).to.equal(CATCH_ALL.autotask.withContacts);
    await expect(resumed).to.be.accessible();
  });

  it('reports the opening step, and discards a draft of another machine version instead of restoring it', async () => {
    const { token } = await partnerWithOrganizations();
    const put = await fetch('/api/wizard-drafts/psa:autotask', {
      method: 'PUT', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      body: JSON.stringify({ machineVersion: 99, snapshot: { value: { serviceParameters: 'editing' }, context: {} } }),
    });
    expect(put.status).to.equal(204);
    const steps: string[] = [];
    const listener = (e: Event) => steps.push((e as CustomEvent<{ step: string }>).detail.step);
    document.addEventListener('wizard-step-change', listener);
    const el = await mountWizard('autotask', token);
    document.removeEventListener('wizard-step-change', listener);
    expect(el.step).to.equal('credentials');
    expect(steps).to.deep.equal(['credentials']);
    const any = await fetch('/api/wizard-drafts/psa:autotask', { headers: { Authorization: `Bearer ${token}` } });
    expect(any.status).to.equal(200);
    expect(await any.json(), 'the old draft is deleted').to.equal(null);
  });

  it('opens a finished integration at its summary; a section opens alone with its saved values, credentials blank and optional', async () => {
    const { token } = await partnerWithOrganizations();
    const el = await mountWizard('autotask', token);
    await passCredentials(el, 'autotask');
    await passAccountMapping(el, 'autotask');
    await passServiceParameters(el);
    await next(el);
    await next(el);
    await waitUntil(() => el.snapshot!.status === 'done', 'not completed');
    const id = el.snapshot!.context.integrationId!;
    const priorities = el.snapshot!.context.ticket.priorityMap;
    el.remove();

    const edit = await mountWizard('autotask', token, id);
    await expectStep(edit, 'summary');
    await expect(edit).to.be.accessible();
    expect(edit.shadowRoot!.querySelector('[part~="title"]')!.textContent).to.equal('Edit Autotask');
    const summary = edit.shadowRoot!.querySelector('ih-psa-edit-summary')!.shadowRoot!;
    expect(summary.textContent).to.contain('api-user@sandbox.example').and.contain('Stored (never shown');
    expect(summary.textContent).not.to.contain('sandbox-secret');
    [...summary.querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent === 'Replace credentials')!.click();
    await expectStep(edit, 'credentials');
    expect((field(edit, 'credentials.secret') as HTMLElement & { value: string }).value).to.equal('');
    expect(edit.snapshot!.context.ticket.priorityMap).to.deep.equal(priorities);
    expect(edit.snapshot!.context.done).to.include.members(['credentials', 'account-mapping', 'service-parameters', 'contract-mapping', 'finish']);
    await next(edit); // Save with blank credentials keeps the stored ones
    await expectStep(edit, 'summary');
    edit.shadowRoot!.querySelector('ih-psa-edit-summary')!.shadowRoot!.querySelector<HTMLButtonElement>('[aria-label="Edit Account Mapping"]')!.click();
    await expectStep(edit, 'account-mapping');
    await settled(edit);
    expect(edit.snapshot!.context.accountMapping.catchAllAccountName).to.equal(CATCH_ALL.autotask.withContacts);
  });
  it('"Finish setup" after a reload reopens at the step left, with every value (User Sync Day included) and no credentials asked', async () => {
    const { token } = await partnerWithOrganizations();
    const first = await mountWizard('kaseya-bms', token);
    await passCredentials(first, 'kaseya-bms');
    await passAccountMapping(first, 'kaseya-bms');
    await passServiceParameters(first);
    const id = first.snapshot!.context.integrationId!;
    await fill(first, 'contract.addContractsToTickets', true);
    await fill(first, 'contract.userSyncDay', '17');
    await waitUntil(async () => (await draftOf(token, 'kaseya-bms'))?.snapshot.context.contract?.toString() !== undefined
      && ((await draftOf(token, 'kaseya-bms'))!.snapshot.context.contract as { userSyncDay: number }).userSyncDay === 17, 'draft not saved on step 4');
    first.remove();

    // The integration list's "Finish setup" opens the wizard with integration-id.
    const resumed = await mountWizard('kaseya-bms', token, id);
    await expectStep(resumed, 'contract-mapping');
    expect(q(resumed, '[name="credentials.password"]')).to.equal(undefined);
    expect((field(resumed, 'contract.userSyncDay') as HTMLElement & { value: string }).value).to.equal('17');
    expect(resumed.snapshot!.context.contract).to.include({ addContractsToTickets: true, userSyncDay: 17 });
    expect(resumed.snapshot!.context.done).to.include.members(['credentials', 'account-mapping', 'service-parameters']);
    await expect(resumed).to.be.accessible();
    // The draft now belongs to the integration: "Add PSA" does not offer it a second time, and Finish discards it.
    expect(await draftOf(token, 'kaseya-bms')).to.equal(undefined);
    expect(await draftOf(token, 'kaseya-bms', id)).not.to.equal(undefined);
    resumed.remove();
    // Removal flushes the resumed wizard's last draft save; let it land before deleting the draft.
    await new Promise((resolve) => setTimeout(resolve, 500));

    // Without any draft (another browser), the unfinished integration still opens at its first step still to do.
    await fetch(`/api/wizard-drafts/psa:kaseya-bms?integrationId=${id}`, { method: 'DELETE', headers: { Authorization: `Bearer ${token}` } });
    const fresh = await mountWizard('kaseya-bms', token, id);
    await expectStep(fresh, 'contract-mapping');
    expect(fresh.snapshot!.context.contract.userSyncDay).to.equal(1);
  });
});
