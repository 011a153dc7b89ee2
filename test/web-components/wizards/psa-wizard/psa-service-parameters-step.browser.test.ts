/** <psa-wizard> step 3, Service Parameters: live picklists, subject presets and preview, priorities, notes, issue types, override tables. */
import { expect } from '@open-wc/testing';
import { waitUntil } from '../../support/wait.js';
import { sendKeys } from '@web/test-runner-commands';
import type { PsaWizard } from '../../../../web-components/index.js';
import { deepActive } from '../../support/dom.js';
import { holdRequests } from '../../support/hold-requests.js';
import {
  errorOf, expectStep, field, fill, fillAccountMapping, mountWizard, next, nextButton, partnerWithOrganizations, passAccountMapping, passCredentials,
  passServiceParameters, q, settled,
} from './psa-wizard.harness.js';

async function atService(vendor: 'autotask' | 'kaseya-bms' = 'autotask') {
  const seeded = await partnerWithOrganizations();
  const el = await mountWizard(vendor, seeded.token);
  await passCredentials(el, vendor);
  await passAccountMapping(el, vendor);
  return { ...seeded, el };
}

const optionValues = (el: PsaWizard, name: string) => [...field(el, name).shadowRoot!.querySelectorAll('option')].map((o) => o.value).filter(Boolean);

describe('<psa-wizard> service parameters step', function () {
  it('is accessible with the PSA’s lists loaded', async () => {
    const { el } = await atService();
    await expect(el).to.be.accessible();
  });

  it('leaves out the Ticket Category for Kaseya BMS (it has none) and asks Autotask for it', async () => {
    const bms = await atService('kaseya-bms');
    expect(q(bms.el, '[name="ticket.categoryId"]')).to.equal(undefined);
    expect(q(bms.el, '[name="ticket.typeId"]')).not.to.equal(undefined);
    const autotask = await atService('autotask');
    expect(q(autotask.el, '[name="ticket.categoryId"]')).not.to.equal(undefined);
  });

  it('refuses Next while a severity has no priority and focuses the first missing one', async () => {
    const { el } = await atService();
    await next(el);
    expect(el.step).to.equal('service-parameters');
    expect(errorOf(el, 'ticket.priorityMap.critical')).to.equal('Choose a priority for critical alerts');
    await waitUntil(() => deepActive()?.getRootNode() === field(el, 'ticket.priorityMap.critical').shadowRoot
      || (deepActive()?.getRootNode() as ShadowRoot | undefined)?.host?.getAttribute('invalid') !== null, 'focus did not move to an invalid field');
  });

  it('Next pressed while the PSA’s lists still load: once they arrive, the errors show and focus is on the first', async () => {
    const seeded = await partnerWithOrganizations();
    const el = await mountWizard('kaseya-bms', seeded.token);
    await passCredentials(el, 'kaseya-bms');
    await fillAccountMapping(el, 'kaseya-bms');
    const lists = holdRequests('/psa/picklists');
    try {
      nextButton(el).click();
      await waitUntil(() => el.step === 'service-parameters' && lists.held > 0, 'the step did not ask for its lists');
      nextButton(el).focus();
      nextButton(el).click();
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(el.snapshot!.matches({ serviceParameters: 'loading' }), 'still loading while the lists are held').to.equal(true);
      lists.release();
      const criticalError = () => (q(el, '[name="ticket.priorityMap.critical"]') ? errorOf(el, 'ticket.priorityMap.critical') : '');
      await waitUntil(() => criticalError() === 'Choose a priority for critical alerts', 'the remembered Next showed no errors');
      const invalidHost = () => (deepActive()?.getRootNode() as ShadowRoot | undefined)?.host;
      await waitUntil(() => invalidHost()?.hasAttribute('invalid'), `focus did not move to an invalid field (it is on ${deepActive()?.outerHTML.slice(0, 60)})`);
      expect(el.step).to.equal('service-parameters');
    } finally {
      lists.restore();
    }
  });

  it('offers the presets "User" and "User + Alert", explains grouping, and previews the subject live', async () => {
    const { el } = await atService();
    const step = q(el, 'ih-psa-service-parameters-step')!;
    expect(step.shadowRoot!.textContent).to.contain('decides grouping');
    const groupBy = [...step.shadowRoot!.querySelectorAll('ih-select-field')].find((f) => (f as unknown as { label: string }).label === 'Group alerts by')!;
    const select = groupBy.shadowRoot!.querySelector('select')!;
    expect([...select.options].map((o) => o.textContent)).to.include.members(['User', 'User + Alert']);
    select.value = 'user';
    select.dispatchEvent(new Event('change'));
    await settled(el);
    expect(el.snapshot!.context.ticket.subjectTemplate).to.equal('{user}');
    expect(step.shadowRoot!.querySelector('output')!.textContent).to.equal('jane.doe@acme.example');
    await fill(el, 'ticket.subjectTemplate', '{user} – {organization}');
    expect(step.shadowRoot!.querySelector('output')!.textContent).to.equal('jane.doe@acme.example – Acme Dental Group');
    await fill(el, 'ticket.subjectTemplate', '{nope}');
    expect(errorOf(el, 'ticket.subjectTemplate')).to.contain('may only use the tokens');
  });

  it('keeps the seeds’ order, and the Sub-Issue Type disabled, saying why, until an Issue Type is chosen; another clears it', async () => {
    const { el } = await atService();
    const step = q(el, 'ih-psa-service-parameters-step')!.shadowRoot!;
    expect([...step.querySelector('fieldset')!.querySelectorAll('ih-select-field')].map((f) => f.getAttribute('name')))
      .to.deep.equal(['ticket.categoryId', 'ticket.typeId', 'ticket.statusId', 'ticket.queueId', 'ticket.sourceId']);
    const sub = () => field(el, 'ticket.subIssueTypeId').shadowRoot!;
    expect(sub().querySelector('select')!.disabled).to.equal(true);
    expect(sub().querySelector('.hint')!.textContent!.trim()).to.equal('Choose the Default Issue Type first: the choices here come from it.');
    await expect(el).to.be.accessible();
    const lists = el.snapshot!.context.picklists!;
    const [first, second] = optionValues(el, 'ticket.issueTypeId').filter((id) => lists.subIssueType.some((s) => s.parentId === id));
    await fill(el, 'ticket.issueTypeId', first!);
    expect(sub().querySelector('select')!.disabled).to.equal(false);
    const subs = optionValues(el, 'ticket.subIssueTypeId');
    expect(subs.length).to.be.greaterThan(0);
    expect([...new Set(lists.subIssueType.filter((s) => subs.includes(s.id)).map((s) => s.parentId))]).to.deep.equal([first]);
    await fill(el, 'ticket.subIssueTypeId', subs[0]!);
    await fill(el, 'ticket.issueTypeId', second!);
    expect(el.snapshot!.context.ticket.subIssueTypeId).to.equal(null);
  });

  it('saves the defaults, a priority per severity and an alert-type override; the BFF stores them', async () => {
    const { el, token } = await atService();
    const step = q(el, 'ih-psa-service-parameters-step')!;
    const table = step.shadowRoot!.querySelector('ih-psa-override-table[table="alertTypes"]')!;
    table.shadowRoot!.querySelector<HTMLButtonElement>('[part~="add-button"]')!.click();
    await settled(el);
    await (table as unknown as { updateComplete: Promise<void> }).updateComplete;
    const issue = table.shadowRoot!.querySelectorAll('ih-select-field')[1]!.shadowRoot!.querySelector('select')!;
    issue.value = issue.options[1]!.value;
    issue.dispatchEvent(new Event('change'));
    await settled(el);
    await expect(el).to.be.accessible();
    await passServiceParameters(el);
    await expectStep(el, 'contract-mapping');
    const stored = await (await fetch(`/api/integrations/${el.snapshot!.context.integrationId}/psa/ticket-settings`, { headers: { Authorization: `Bearer ${token}` } })).json();
    expect(Object.values(stored.ticket.priorityMap).every(Boolean)).to.equal(true);
    expect(stored.ticket.overrides.alertTypes).to.have.length(1);
    expect(stored.ticket.overrides.alertTypes[0]).to.include({ key: el.snapshot!.context.catalog!.alertTypes[0]!.id, issueTypeId: issue.options[1]!.value, subIssueTypeId: null });
  });
  it('offers the PSA’s closed statuses to close a resolved ticket with, off by default, chosen by keyboard; the BFF stores the choice', async () => {
    const { el, token } = await atService();
    const lists = el.snapshot!.context.picklists!;
    const closeWith = field(el, 'ticket.closeOnResolveStatusId').shadowRoot!;
    const select = closeWith.querySelector('select')!;
    expect(closeWith.textContent!.replace(/\s+/g, ' ')).to.contain('When the platform resolves every alert on a ticket: set its Status to');
    expect(select.value).to.equal('');
    expect(select.options[0]!.textContent!.trim()).to.equal('Leave the ticket open');
    const offered = optionValues(el, 'ticket.closeOnResolveStatusId');
    expect(offered.length).to.be.greaterThan(0);
    expect(offered).to.have.members(lists.ticketStatus.filter((v) => lists.closedStatusIds.includes(v.id) && v.isActive).map((v) => v.id));
    select.focus();
    await sendKeys({ press: 'ArrowDown' });
    await settled(el);
    expect(el.snapshot!.context.ticket.closeOnResolveStatusId).to.equal(offered[0]);
    await expect(el).to.be.accessible();
    await passServiceParameters(el);
    const stored = await (await fetch(`/api/integrations/${el.snapshot!.context.integrationId}/psa/ticket-settings`, { headers: { Authorization: `Bearer ${token}` } })).json();
    expect(stored.ticket.closeOnResolveStatusId).to.equal(offered[0]);
  });

  it('names every override row control uniquely across the three tables (alert type, respond rule, IOC rule)', async () => {
    const { el } = await atService();
    const step = q(el, 'ih-psa-service-parameters-step')!;
    for (const table of ['alertTypes', 'respondRules', 'iocRules']) {
      const t = step.shadowRoot!.querySelector(`ih-psa-override-table[table="${table}"]`)!;
      t.shadowRoot!.querySelector<HTMLButtonElement>('[part~="add-button"]')!.click();
      await settled(el);
      await (t as unknown as { updateComplete: Promise<void> }).updateComplete;
    }
    // The name a screen reader announces: a select's <label> (inside its field), a button's aria-label.
    const names = [...step.shadowRoot!.querySelectorAll('ih-psa-override-table')].flatMap((t) => [...t.shadowRoot!.querySelectorAll('[data-row] ih-select-field, [data-row] button')]
      .map((c) => (c.localName === 'button' ? c.getAttribute('aria-label')! : c.shadowRoot!.querySelector('select')!.labels![0]!.textContent!.replace(/\s+/g, ' ').trim())));
    expect(names).to.have.length(12);
    expect(new Set(names).size, names.join(' | ')).to.equal(names.length);
    expect(names).to.include.members([
      'Alert type, alert type override 1', 'Issue Type, alert type override 1', 'Sub-Issue Type, alert type override 1 (optional)', 'Remove alert type override 1',
      'Respond rule, respond rule override 1', 'Issue Type, respond rule override 1', 'Sub-Issue Type, respond rule override 1 (optional)',
      'IOC rule, IOC rule override 1', 'Issue Type, IOC rule override 1', 'Remove IOC rule override 1',
    ]);
    // What the eye reads is the plain label ("Alert type", not "Alert type, alert type override 1"): the row part is visually hidden.
    const alertRow = step.shadowRoot!.querySelector('ih-psa-override-table[table="alertTypes"]')!.shadowRoot!.querySelector('[data-row="0"]')!;
    const visibleLabels = [...alertRow.querySelectorAll('ih-select-field')].map((f) => {
      const label = f.shadowRoot!.querySelector('label')!;
      for (const hidden of label.querySelectorAll<HTMLElement>('.visually-hidden')) expect(hidden.getBoundingClientRect().width, hidden.textContent!).to.be.at.most(1);
      const shown = label.cloneNode(true) as HTMLElement;
      shown.querySelectorAll('.visually-hidden').forEach((n) => n.remove());
      return shown.textContent!.replace(/\s+/g, ' ').trim();
    });
    expect(visibleLabels).to.deep.equal(['Alert type', 'Issue Type', 'Sub-Issue Type (optional)']);
    await expect(el).to.be.accessible();
  });
});
