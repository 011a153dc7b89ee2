/**
 * Issue 17 item 7, for every PSA against the real BFF and its sandbox: a field's error names the field
 * as the admin sees it, and a screen reader gets it from the field itself ("Service Board, invalid,
 * Choose a Service Board"): the control's accessible name is the visible label, aria-invalid is set,
 * and its aria-describedby ids (resolved inside the field's shadow root) carry the message. Chromium's
 * own accessibility tree is asked the same, then axe.
 */
import { expect } from '@open-wc/testing';
import { waitUntil } from '../../support/wait.js';
import { a11ySnapshot } from '@web/test-runner-commands';
import type { PsaWizard } from '../../../../web-components/index.js';
import type { PsaVendor } from '../../../../bff/contracts/vendor-catalog.js';
import { errorOf, expectStep, field, fill, mountWizard, next, partnerWithOrganizations, passAccountMapping, passCredentials, passServiceParameters } from './psa-wizard.harness.js';

const text = (node: Node | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();

/** What assistive technology is given for a field's control, computed from the DOM as the accessible-name and -description rules do. */
function announced(el: PsaWizard, name: string) {
  const control = field(el, name).shadowRoot!.querySelector<HTMLSelectElement | HTMLInputElement>('select, input')!;
  const root = control.getRootNode() as ShadowRoot;
  const byIds = (attribute: string) => (control.getAttribute(attribute) ?? '').split(/\s+/).filter(Boolean).map((id) => {
    const target = root.getElementById(id);
    if (!target) throw new Error(`${name}: ${attribute} names #${id}, which is not in the field's shadow root`);
    return text(target);
  }).join(' ');
  const accessibleName = control.hasAttribute('aria-labelledby') ? byIds('aria-labelledby') : control.getAttribute('aria-label') ?? [...(control.labels ?? [])].map(text).join(' ');
  return { name: accessibleName, invalid: control.getAttribute('aria-invalid') === 'true', description: byIds('aria-describedby') };
}

interface AxNode { role: string; name?: string; description?: string; invalid?: string; children?: AxNode[] }

/** The node Chromium's accessibility tree holds for a control with this name (the real thing a screen reader reads). */
async function axNode(name: string): Promise<AxNode | undefined> {
  const tree = (await a11ySnapshot({})) as unknown as AxNode;
  const walk = (node: AxNode): AxNode | undefined => (node.name === name && node.role !== 'StaticText' && node.role !== 'LabelText' && node.role !== 'generic'
    ? node : node.children?.map(walk).find(Boolean));
  return walk(tree);
}

/** Expects the field to announce "<label>, invalid, <message>" (hint text, if any, comes first in the description). */
async function expectAnnounced(el: PsaWizard, path: string, label: string, message: string, hint = '') {
  await waitUntil(() => errorOf(el, path) !== '', `${path}: no error shown`);
  expect(errorOf(el, path), path).to.equal(message);
  const dom = announced(el, path);
  expect(dom, path).to.deep.equal({ name: label, invalid: true, description: [hint, message].filter(Boolean).join(' ') });
  const node = await axNode(label);
  expect(node, `no ${label} in Chromium's accessibility tree`).not.to.equal(undefined);
  expect(node!.invalid, `${label}: invalid in the accessibility tree`).to.equal('true');
  // Exactly the words: no "⚠" read out before them (the sign is for the eye only).
  expect(node!.description, `${label}: description in the accessibility tree`).to.equal([hint, message].filter(Boolean).join(' '));
}

async function atServiceParameters(vendor: PsaVendor) {
  const { token } = await partnerWithOrganizations();
  const el = await mountWizard(vendor, token);
  await passCredentials(el, vendor);
  await passAccountMapping(el, vendor);
  await expectStep(el, 'service-parameters');
  return el;
}

/** Empties a prefilled field (a vendor's default) so the step is refused for it. */
async function clear(el: PsaWizard, path: string) {
  await fill(el, path, null);
}

/** Step 4: Sync Billable Users on with no default service, then Next. */
async function refuseSyncWithoutService(el: PsaWizard) {
  await passServiceParameters(el);
  await fill(el, 'contract.syncBillableUsers', true);
  await fill(el, 'contract.defaultServiceId', null);
  await next(el);
  expect(el.step).to.equal('contract-mapping');
}

const hintOf = (el: PsaWizard, path: string) => text(field(el, path).shadowRoot!.querySelector('.hint'));

describe('field errors name what the admin sees, announced from the field (every PSA)', function () {
  this.timeout(40_000);

  it('ConnectWise PSA: "Service Board, invalid, Choose a Service Board", then Item; step 4 names the Default Addition', async () => {
    const el = await atServiceParameters('connectwise');
    await next(el);
    expect(el.step).to.equal('service-parameters');
    await expectAnnounced(el, 'ticket.queueId', 'Service Board', 'Choose a Service Board');
    await expect(el).to.be.accessible();
    const board = field(el, 'ticket.queueId').shadowRoot!.querySelector('select')!;
    await fill(el, 'ticket.queueId', board.options[1]!.value);
    await fill(el, 'ticket.typeId', null);
    await next(el);
    await expectAnnounced(el, 'ticket.typeId', 'Item', 'Choose an Item');
    await expect(el).to.be.accessible();

    await refuseSyncWithoutService(el);
    await expectAnnounced(el, 'contract.defaultServiceId', 'Default Addition (catalog product)',
      'A Default Addition (catalog product) is required while Sync Billable Users to Agreement Additions is on', hintOf(el, 'contract.defaultServiceId'));
    await expect(el).to.be.accessible();
  });

  it('HaloPSA: "Team, invalid, Choose a Team" and its Outcome; step 4 names the Default Contract Item', async () => {
    const el = await atServiceParameters('halopsa');
    await clear(el, 'ticket.queueId');
    await clear(el, 'ticket.note.typeId');
    await next(el);
    expect(el.step).to.equal('service-parameters');
    await expectAnnounced(el, 'ticket.queueId', 'Team', 'Choose a Team');
    await expectAnnounced(el, 'ticket.note.typeId', 'Outcome (note type)', 'Choose an Outcome (note type)');
    await expect(el).to.be.accessible();

    await refuseSyncWithoutService(el);
    await expectAnnounced(el, 'contract.defaultServiceId', 'Default Contract Item',
      'A Default Contract Item is required while Sync Billable Users to Contracts / Agreements is on', hintOf(el, 'contract.defaultServiceId'));
    await expect(el).to.be.accessible();
  });

  for (const vendor of ['autotask', 'kaseya-bms'] as const) {
    it(`${vendor}: "Ticket Queue, invalid, Choose a Ticket Queue"; step 4 names the Default Contract Service`, async () => {
      const el = await atServiceParameters(vendor);
      await clear(el, 'ticket.queueId');
      await clear(el, 'ticket.typeId');
      await next(el);
      expect(el.step).to.equal('service-parameters');
      await expectAnnounced(el, 'ticket.queueId', 'Ticket Queue', 'Choose a Ticket Queue');
      await expectAnnounced(el, 'ticket.typeId', 'Ticket Type', 'Choose a Ticket Type');
      await expect(el).to.be.accessible();

      await refuseSyncWithoutService(el);
      await expectAnnounced(el, 'contract.defaultServiceId', 'Default Contract Service',
        'A Default Contract Service is required while Sync Billable Users to Contracts / Agreements is on', hintOf(el, 'contract.defaultServiceId'));
      await expect(el).to.be.accessible();
    });
  }
});
