/**
 * Edit by section on both RMM machines (issue 17, item 1): a finished connection opened with its id
 * shows the summary; each section's Edit opens that step alone; its Save saves that section only and
 * returns to the summary; its Cancel restores it, nothing saved; the user-activity organization stays.
 */
import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { dattoRmmMachine } from '../../../../web-components/wizards/rmm-wizard/datto-rmm.machine.js';
import { rmmWizardActors, type RmmWizardServices } from '../../../../web-components/wizards/rmm-wizard/rmm-wizard.services.js';
import type { IntegrationSummary, RmmVendor } from '../../../../web-components/wizards/rmm-wizard/rmm-wizard.types.js';
import { syncroMachine } from '../../../../web-components/wizards/rmm-wizard/syncro.machine.js';
import { BOOT, INTEGRATION, fakeServices, flush } from './rmm-fakes.js';

const SAVED = { ...INTEGRATION, status: 'connected' as const };
const SAVED_MAPPING = { autoMapExact: true, siteTypes: ['managed' as const], rows: [{ siteId: 's-acme', organizationId: 'org-acme', ignoreAutoMap: false }] };

async function open(vendor: RmmVendor, services: Partial<RmmWizardServices> = {}, integration: IntegrationSummary = SAVED) {
  const fakes = fakeServices({ boot: async () => ({ ...BOOT, integration, mapping: SAVED_MAPPING, entraDeviceIdField: 'Asset Tag' }), ...services });
  const machine = vendor === 'datto-rmm' ? dattoRmmMachine : syncroMachine;
  const actor = createActor(machine.provide({ actors: rmmWizardActors(fakes) }), { input: { vendor, integrationId: integration.id } });
  actor.start();
  await flush();
  return { actor, fakes, snap: () => actor.getSnapshot() };
}

describe.each(['datto-rmm', 'syncro'] as const)('%s edit mode', (vendor) => {
  it('a connected integration opens at the summary, not at step 1', async () => {
    const { snap } = await open(vendor);
    expect(snap().value).toBe('summary');
    expect(snap().context.userActivityOrganizationId).toBe('org-internal');
  });

  it('an unfinished one (draft) still opens the wizard', async () => {
    const { snap } = await open(vendor, {}, { ...INTEGRATION, status: 'draft' });
    expect(snap().value).not.toBe('summary');
  });

  it('the mapping section saves alone and returns to the summary; nothing else is called', async () => {
    const { actor, fakes, snap } = await open(vendor);
    actor.send({ type: 'section.edit', step: 'mapping' });
    await flush();
    expect(snap().value).toEqual({ mapping: 'editing' });
    actor.send({ type: 'mapping.assign', siteId: 's-lakeside', organizationId: 'org-acme' });
    actor.send({ type: 'step.next' });
    await flush();
    expect(snap().value).toBe('summary');
    expect(snap().context.section).toBeNull();
    expect(fakes.of('saveMapping')).toHaveLength(1);
    expect(fakes.calls.map((c) => c.name)).toEqual(['boot', 'loadSites', 'saveMapping']);
    expect(snap().context.mapping.choices['s-lakeside']).toEqual({ organizationId: 'org-acme', ignoreAutoMap: false });
  });

  it('Cancel in a section restores it, saves nothing and stays in edit mode', async () => {
    const { actor, fakes, snap } = await open(vendor);
    const before = snap().context.mapping;
    actor.send({ type: 'section.edit', step: 'mapping' });
    await flush();
    actor.send({ type: 'mapping.assign', siteId: 's-acme', organizationId: null });
    actor.send({ type: 'wizard.cancel' });
    expect(snap().value).toBe('summary');
    expect(snap().status).toBe('active');
    expect(snap().context.mapping).toEqual(before);
    expect(fakes.of('saveMapping')).toHaveLength(0);
    // Cancel on the summary itself leaves the wizard.
    actor.send({ type: 'wizard.cancel' });
    expect(snap().value).toBe('cancelled');
  });

  it('new credentials are checked and saved alone, then forgotten; left empty they are kept and nothing is sent', async () => {
    const { actor, fakes, snap } = await open(vendor);
    actor.send({ type: 'section.edit', step: 'credentials' });
    actor.send({ type: 'step.next' });
    expect(snap().value).toBe('summary');
    expect(fakes.of('replaceCredentials')).toHaveLength(0);
    actor.send({ type: 'section.edit', step: 'credentials' });
    const typed = vendor === 'datto-rmm' ? { platform: 'vidal', apiKey: 'new-key', apiSecret: 'new-secret' } : { subdomain: 'sandbox', apiToken: 'new-token' };
    for (const [field, value] of Object.entries(typed)) actor.send({ type: 'credentials.change', field, value });
    actor.send({ type: 'step.next' });
    await flush();
    expect(snap().value).toBe('summary');
    expect(fakes.of('replaceCredentials')).toEqual([{ integrationId: SAVED.id, vendor, credentials: typed }]);
    expect(snap().context.credentials).toEqual({});
    expect(fakes.of('saveMapping')).toHaveLength(0);
  });

  it('the user-activity organization cannot be changed from a section', async () => {
    const { actor, snap } = await open(vendor);
    actor.send({ type: 'section.edit', step: 'mapping' });
    await flush();
    actor.send({ type: 'organization.select', organizationId: 'org-acme' });
    expect(snap().context.userActivityOrganizationId).toBe('org-internal');
  });
});

describe('Datto RMM edit mode: parameters', () => {
  it('the parameters section saves alone; the organization step is no section', async () => {
    const { actor, fakes, snap } = await open('datto-rmm');
    actor.send({ type: 'section.edit', step: 'organization' });
    expect(snap().value).toBe('summary');
    actor.send({ type: 'section.edit', step: 'parameters' });
    await flush();
    expect(snap().value).toEqual({ parameters: 'editing' });
    actor.send({ type: 'parameters.entraField', field: null });
    actor.send({ type: 'step.next' });
    await flush();
    expect(snap().value).toBe('summary');
    expect(fakes.of('saveParameters')).toEqual([{ integrationId: SAVED.id, entraDeviceIdField: null }]);
    expect(fakes.of('complete')).toHaveLength(0);
  });
});
