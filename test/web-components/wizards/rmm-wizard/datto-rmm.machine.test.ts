/**
 * The Datto RMM wizard machine (seed 004) in Node, step by step: every guard refusing and
 * accepting, the vendor check's outcomes, Back, Cancel, edit mode and a resumed draft.
 */
import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { dattoRmmMachine } from '../../../../web-components/wizards/rmm-wizard/datto-rmm.machine.js';
import { draftValues, mappingPreview } from '../../../../web-components/wizards/rmm-wizard/rmm-wizard.logic.js';
import { rmmWizardActors, type RmmWizardServices } from '../../../../web-components/wizards/rmm-wizard/rmm-wizard.services.js';
import { stepErrors } from '../../../../web-components/wizards/rmm-wizard/rmm-wizard.setup.js';
import { BOOT, CUSTOM_FIELDS, INTEGRATION, fakeServices, flush, problem } from './rmm-fakes.js';

const CREDENTIALS = { platform: 'merlot', apiKey: 'sandbox-key', apiSecret: 'sandbox-secret' };

async function start(services: Partial<RmmWizardServices> = {}, integrationId: string | null = null) {
  const fakes = fakeServices(services);
  const actor = createActor(dattoRmmMachine.provide({ actors: rmmWizardActors(fakes) }), { input: { vendor: 'datto-rmm', integrationId } });
  actor.start();
  await flush();
  const can = (type: 'step.next' | 'step.back') => actor.getSnapshot().can({ type });
  const fill = (values: Record<string, string>) => Object.entries(values).forEach(([field, value]) => actor.send({ type: 'credentials.change', field, value }));
  return { actor, fakes, can, fill, snap: () => actor.getSnapshot() };
}

/** From a fresh wizard to the mapping step with the sandbox credentials. */
async function toMapping(services: Partial<RmmWizardServices> = {}) {
  const w = await start(services);
  w.actor.send({ type: 'organization.select', organizationId: 'org-internal' });
  w.actor.send({ type: 'step.next' });
  w.fill(CREDENTIALS);
  w.actor.send({ type: 'step.next' });
  await flush();
  return w;
}

describe('Datto RMM wizard machine', () => {
  describe('1. Organization', () => {
    it('starts on the organization step with the platform organizations loaded', async () => {
      const { snap } = await start();
      expect(snap().value).toBe('organization');
      expect(snap().context.organizations).toHaveLength(4);
    });

    it('refuses Next without an organization, and Next pressed anyway reveals the reason', async () => {
      const { actor, can, snap } = await start();
      expect(can('step.next')).toBe(false);
      expect(stepErrors(snap().context, 'organization')).toEqual({ userActivityOrganizationId: 'Select an organization for this integration' });
      actor.send({ type: 'step.attempt' });
      expect(snap().context.submitted).toContain('organization');
      expect(snap().value).toBe('organization');
    });

    it('moves on once an organization is chosen', async () => {
      const { actor, can, snap } = await start();
      actor.send({ type: 'organization.select', organizationId: 'org-internal' });
      expect(can('step.next')).toBe(true);
      actor.send({ type: 'step.next' });
      expect(snap().value).toEqual({ credentials: 'editing' });
      expect(snap().context.doneSteps).toEqual(['organization']);
    });

    it('with Datto RMM already connected, needs the separate-instance confirmation', async () => {
      const { actor, can, snap } = await start({ boot: async () => ({ ...BOOT, duplicateOf: 'existing-id' }) });
      actor.send({ type: 'organization.select', organizationId: 'org-internal' });
      expect(can('step.next')).toBe(false);
      expect(stepErrors(snap().context, 'organization')).toHaveProperty('confirmSeparateInstance');
      actor.send({ type: 'duplicate.confirm', confirmed: true });
      expect(can('step.next')).toBe(true);
      actor.send({ type: 'duplicate.confirm', confirmed: false });
      expect(can('step.next')).toBe(false);
    });

    it('shows a failed start with Retry', async () => {
      let fail = true;
      const { actor, snap } = await start({ boot: async () => { if (fail) throw await problem(503, 'unavailable'); return BOOT; } });
      expect(snap().value).toEqual({ boot: 'failed' });
      expect(snap().context.bootProblem?.status).toBe(503);
      fail = false;
      actor.send({ type: 'boot.retry' });
      await flush();
      expect(snap().value).toBe('organization');
    });
  });

  describe('2. Credentials', () => {
    it('refuses Next until platform, API key and API secret key are valid (the BFF’s own schema)', async () => {
      const { actor, can, fill, snap } = await start();
      actor.send({ type: 'organization.select', organizationId: 'org-internal' });
      actor.send({ type: 'step.next' });
      expect(can('step.next')).toBe(false);
      expect(Object.keys(stepErrors(snap().context, 'credentials')).sort()).toEqual(['apiKey', 'apiSecret', 'platform']);
      fill({ platform: 'merlot', apiKey: 'k' });
      expect(stepErrors(snap().context, 'credentials')).toEqual({ apiSecret: 'API secret key is required' });
      fill({ platform: 'bordeaux', apiSecret: 's' });
      expect(stepErrors(snap().context, 'credentials')).toEqual({ platform: 'Choose your Datto RMM platform' });
      fill({ platform: 'merlot' });
      expect(can('step.next')).toBe(true);
    });

    it('checks with the vendor through the BFF, then forgets the typed credentials and loads the sites', async () => {
      const { fakes, snap } = await toMapping();
      expect(fakes.of('connect')).toEqual([{ vendor: 'datto-rmm', credentials: CREDENTIALS, confirmSeparateInstance: false, userActivityOrganizationId: 'org-internal' }]);
      expect(snap().value).toEqual({ mapping: 'editing' });
      expect(snap().context.credentials).toEqual({});
      expect(snap().context.integration?.id).toBe(INTEGRATION.id);
      expect(snap().context.doneSteps).toEqual(['organization', 'credentials']);
    });

    it('puts the vendor’s refusal next to the field and clears it once the field is edited', async () => {
      const refused = await problem(422, 'vendor_auth', [{ field: 'credentials.apiKey', message: 'Datto RMM did not accept this API key' }]);
      const { actor, snap, fill } = await toMapping({ connect: async () => { throw refused; } });
      expect(snap().value).toEqual({ credentials: 'editing' });
      expect(snap().context.serverErrors).toEqual({ apiKey: 'Datto RMM did not accept this API key' });
      expect(snap().context.problem).toBeNull();
      fill({ apiKey: 'other' });
      expect(snap().context.serverErrors).toEqual({});
      expect(actor.getSnapshot().can({ type: 'step.next' })).toBe(true);
    });

    it('shows a failure without a field above the buttons', async () => {
      const down = await problem(502, 'vendor_unavailable', [], {}, 'Datto RMM did not answer.');
      const { snap } = await toMapping({ connect: async () => { throw down; } });
      expect(snap().context.problem).toMatchObject({ status: 502, detail: 'Datto RMM did not answer.' });
    });

    it('on the BFF’s duplicate_connection, returns to step 1 and asks for the confirmation, then sends it', async () => {
      const duplicate = await problem(409, 'duplicate_connection', [{ field: 'confirmSeparateInstance', message: 'Confirm' }], { existingIntegrationId: 'other-id' }, 'A Datto RMM integration already exists.');
      let first = true;
      const { actor, fakes, snap, can } = await toMapping({
        connect: async (input) => { if (first) { first = false; throw duplicate; } return { ...INTEGRATION, userActivityOrganizationId: input.userActivityOrganizationId }; },
      });
      expect(snap().value).toBe('organization');
      expect(snap().context.duplicateOf).toBe('other-id');
      expect(snap().context.serverErrors.confirmSeparateInstance).toBe('A Datto RMM integration already exists.');
      expect(can('step.next')).toBe(false);
      actor.send({ type: 'duplicate.confirm', confirmed: true });
      actor.send({ type: 'step.next' });
      // A separate instance is another account: the sandbox's second API key.
      actor.send({ type: 'credentials.change', field: 'apiKey', value: 'sandbox-key-2' });
      actor.send({ type: 'credentials.change', field: 'apiSecret', value: 'sandbox-secret-2' });
      actor.send({ type: 'step.next' });
      await flush();
      expect(fakes.of('connect').at(-1)).toMatchObject({ confirmSeparateInstance: true });
      expect(snap().value).toEqual({ mapping: 'editing' });
    });

    it('on the BFF’s account_already_connected, stays on the credentials with the reason next to the API key until it changes', async () => {
      const message = 'This Datto RMM account is already connected as “Datto RMM · Merlot platform · Northwind MSP” (connected). Edit that connection instead, or enter the API key of another Datto RMM account.';
      const taken = await problem(409, 'account_already_connected', [{ field: 'credentials.apiKey', message }], { existingIntegrationId: 'other-id' }, message);
      const { actor, snap, fill } = await toMapping({ connect: async () => { throw taken; } });
      expect(snap().value).toEqual({ credentials: 'editing' });
      expect(snap().context.serverErrors).toEqual({ apiKey: message });
      expect(snap().context.problem, 'shown once, at the field').toBeNull();
      expect(snap().context.duplicateOf).toBeNull();
      fill({ apiKey: 'sandbox-key-2' });
      expect(snap().context.serverErrors).toEqual({});
      expect(actor.getSnapshot().can({ type: 'step.next' })).toBe(true);
    });

    it('an organization the BFF does not know sends the person back to step 1 with its reason', async () => {
      const unknown = await problem(400, 'validation', [{ field: 'userActivityOrganizationId', message: 'Unknown organization' }]);
      const { snap } = await toMapping({ connect: async () => { throw unknown; } });
      expect(snap().value).toBe('organization');
      expect(snap().context.serverErrors).toEqual({ userActivityOrganizationId: 'Unknown organization' });
    });

    it('Back is allowed while the check runs, and abandons it', async () => {
      let aborted = false;
      const { actor, snap, fill } = await start({ connect: (_input, signal) => new Promise((_, reject) => signal.addEventListener('abort', () => { aborted = true; reject(new Error('aborted')); })) });
      actor.send({ type: 'organization.select', organizationId: 'org-internal' });
      actor.send({ type: 'step.next' });
      fill(CREDENTIALS);
      actor.send({ type: 'step.next' });
      expect(snap().value).toEqual({ credentials: 'connecting' });
      actor.send({ type: 'step.back' });
      expect(snap().value).toBe('organization');
      expect(aborted).toBe(true);
    });
  });

  describe('3. Organization mapping', () => {
    it('lists Managed sites by default and refuses Next with no organization type chosen', async () => {
      const { actor, snap, can } = await toMapping();
      expect(mappingPreview(snap().context).map((r) => r.site.id)).toEqual(['s-acme', 's-bluebird', 's-evergreen', 's-lakeside']);
      actor.send({ type: 'mapping.siteTypes', siteTypes: [] });
      expect(can('step.next')).toBe(false);
      expect(stepErrors(snap().context, 'mapping')).toEqual({ siteTypes: 'Choose at least one organization type' });
      actor.send({ type: 'mapping.siteTypes', siteTypes: ['managed', 'ondemand'] });
      expect(mappingPreview(snap().context)).toHaveLength(5);
      expect(can('step.next')).toBe(true);
    });

    it('previews exact-name auto-mapping (exact names only) before saving', async () => {
      const { actor, snap } = await toMapping();
      actor.send({ type: 'mapping.autoMap', enabled: true });
      const preview = Object.fromEntries(mappingPreview(snap().context).map((r) => [r.site.id, [r.organizationId, r.auto]]));
      expect(preview).toEqual({ 's-acme': ['org-acme', true], 's-bluebird': ['org-bluebird', true], 's-evergreen': [null, false], 's-lakeside': [null, false] });
    });

    it('does not auto-map a name two platform organizations share: neither is a 100% match (the BFF stores the same)', () => {
      const site = (id: string, name: string) => ({ id, name, type: 'managed' as const, deviceCount: null });
      const preview = mappingPreview({
        sites: [site('s-acme', 'Acme Dental Group'), site('s-bluebird', 'Bluebird Logistics')],
        mapping: { autoMapExact: true, siteTypes: ['managed'], choices: {} },
        organizations: [{ id: 'org-acme', name: 'Acme Dental Group' }, { id: 'org-acme-2', name: 'Acme Dental Group' }, { id: 'org-bluebird', name: 'Bluebird Logistics' }],
      });
      expect(preview.map((r) => [r.site.id, r.organizationId, r.auto])).toEqual([['s-acme', null, false], ['s-bluebird', 'org-bluebird', true]]);
    });

    it('choosing "Not mapped" for an auto-matched site keeps it out of auto-mapping', async () => {
      const { actor, snap } = await toMapping();
      actor.send({ type: 'mapping.autoMap', enabled: true });
      actor.send({ type: 'mapping.assign', siteId: 's-acme', organizationId: null });
      expect(snap().context.mapping.choices['s-acme']).toEqual({ organizationId: null, ignoreAutoMap: true });
      expect(mappingPreview(snap().context).find((r) => r.site.id === 's-acme')?.organizationId).toBeNull();
    });

    it('saves only the listed types with the choices, and keeps what the BFF stored', async () => {
      const { actor, fakes, snap } = await toMapping();
      actor.send({ type: 'mapping.assign', siteId: 's-lakeside', organizationId: 'org-acme' });
      actor.send({ type: 'step.next' });
      await flush();
      const [saved] = fakes.of('saveMapping') as Array<{ body: { mappings: Array<{ siteId: string; organizationId: string | null }>; userActivityOrganizationId?: string } }>;
      expect(saved!.body.mappings.map((m) => m.siteId)).toEqual(['s-acme', 's-bluebird', 's-evergreen', 's-lakeside']);
      expect(saved!.body.mappings.find((m) => m.siteId === 's-lakeside')?.organizationId).toBe('org-acme');
      // The user-activity organization was set at creation; the mapping never sends it again.
      expect(saved!.body).not.toHaveProperty('userActivityOrganizationId');
      expect(snap().value).toEqual({ parameters: 'editing' });
    });

    it('puts a refused row’s error on that site', async () => {
      const refused = await problem(400, 'validation', [{ field: 'mappings.1.organizationId', message: 'Unknown organization' }]);
      const { actor, snap } = await toMapping({ saveMapping: async () => { throw refused; } });
      actor.send({ type: 'step.next' });
      await flush();
      expect(snap().value).toEqual({ mapping: 'editing' });
      expect(snap().context.serverErrors).toEqual({ 'sites.s-bluebird': 'Unknown organization' });
    });

    it('offers Retry when the sites could not be loaded, and Refresh later', async () => {
      let calls = 0;
      const { actor, snap, fakes } = await toMapping({ loadSites: async () => { calls += 1; if (calls === 1) throw await problem(502, 'vendor_unavailable'); return []; } });
      expect(snap().value).toEqual({ mapping: 'failed' });
      expect(snap().context.sitesLoad.status).toBe('failed');
      actor.send({ type: 'sites.retry' });
      await flush();
      expect(snap().value).toEqual({ mapping: 'editing' });
      actor.send({ type: 'sites.refresh' });
      await flush();
      expect(fakes.of('loadSites').at(-1)).toMatchObject({ refresh: true });
    });
  });

  describe('4. Parameters and 5. Finish', () => {
    async function toParameters(services: Partial<RmmWizardServices> = {}) {
      const w = await toMapping(services);
      w.actor.send({ type: 'step.next' });
      await flush();
      return w;
    }

    it('the Entra Device ID field is optional; a chosen one is saved', async () => {
      const { actor, snap, can, fakes } = await toParameters();
      expect(snap().context.customFields).toEqual(CUSTOM_FIELDS);
      expect(can('step.next')).toBe(true);
      actor.send({ type: 'parameters.entraField', field: 'udf5' });
      actor.send({ type: 'step.next' });
      await flush();
      expect(fakes.of('saveParameters')).toEqual([{ integrationId: INTEGRATION.id, entraDeviceIdField: 'udf5' }]);
      expect(snap().value).toEqual({ finish: 'review' });
    });

    it('a field list that failed to load does not block the optional step', async () => {
      const { snap, can } = await toParameters({ loadCustomFields: async () => { throw await problem(502, 'vendor_unavailable'); } });
      expect(snap().value).toEqual({ parameters: 'editing' });
      expect(snap().context.customFieldsLoad.status).toBe('failed');
      expect(can('step.next')).toBe(true);
    });

    it('Finish completes the integration as Connected and ends with its id, vendor and status', async () => {
      const { actor, snap } = await toParameters();
      actor.send({ type: 'step.next' });
      await flush();
      actor.send({ type: 'step.next' });
      await flush();
      expect(snap().status).toBe('done');
      expect(snap().value).toBe('done');
      expect(snap().output).toEqual({ integrationId: INTEGRATION.id, vendor: 'datto-rmm', status: 'connected' });
    });

    it('a refused completion stays on Finish with the reason', async () => {
      const { actor, snap } = await toParameters({ complete: async () => { throw await problem(400, 'validation', [], {}, 'Organization mapping is required'); } });
      actor.send({ type: 'step.next' });
      await flush();
      actor.send({ type: 'step.next' });
      await flush();
      expect(snap().value).toEqual({ finish: 'review' });
      expect(snap().context.problem?.detail).toBe('Organization mapping is required');
    });
  });

  describe('Back, Cancel, edit mode, drafts', () => {
    it('Back is allowed from every step', async () => {
      const { actor, snap, can } = await toMapping();
      expect(can('step.back')).toBe(true);
      actor.send({ type: 'step.back' });
      expect(snap().value).toEqual({ credentials: 'editing' });
      actor.send({ type: 'step.back' });
      expect(snap().value).toBe('organization');
    });

    it('Cancel ends the wizard from any step', async () => {
      const { actor, snap } = await toMapping();
      actor.send({ type: 'wizard.cancel' });
      expect(snap().value).toBe('cancelled');
      expect(snap().status).toBe('done');
    });

    it('after the connection exists, step 1 is read-only and empty credentials keep the stored ones', async () => {
      const { actor, snap, fakes, can } = await toMapping();
      actor.send({ type: 'step.back' });
      actor.send({ type: 'step.back' });
      actor.send({ type: 'organization.select', organizationId: 'org-acme' });
      // The BFF's rule, mirrored: once set, the user-activity organization cannot change.
      expect(snap().context.userActivityOrganizationId).toBe('org-internal');
      expect(stepErrors(snap().context, 'organization')).toEqual({});
      actor.send({ type: 'step.next' });
      expect(can('step.next')).toBe(true);
      actor.send({ type: 'step.next' });
      await flush();
      expect(snap().value).toEqual({ mapping: 'editing' });
      expect(fakes.of('connect')).toHaveLength(1);
      expect(fakes.of('replaceCredentials')).toHaveLength(0);
    });

    it('edit mode loads every saved value; new credentials replace the stored ones', async () => {
      const saved = { ...INTEGRATION, status: 'connected' as const };
      const { actor, snap, fakes, fill } = await start({
        boot: async () => ({ ...BOOT, integration: saved, entraDeviceIdField: 'Asset Tag', mapping: { autoMapExact: true, siteTypes: ['managed', 'ondemand'], rows: [{ siteId: 's-acme', organizationId: 'org-acme', ignoreAutoMap: false }] } }),
      }, saved.id);
      expect(fakes.of('boot')).toEqual([{ vendor: 'datto-rmm', integrationId: saved.id }]);
      const ctx = snap().context;
      expect(ctx.userActivityOrganizationId).toBe('org-internal');
      expect(ctx.mapping).toEqual({ autoMapExact: true, siteTypes: ['managed', 'ondemand'], choices: { 's-acme': { organizationId: 'org-acme', ignoreAutoMap: false } } });
      expect(ctx.entraDeviceIdField).toBe('Asset Tag');
      expect(snap().value).toBe('summary');
      actor.send({ type: 'section.edit', step: 'credentials' });
      fill({ platform: 'vidal', apiKey: 'new-key', apiSecret: 'new-secret' });
      actor.send({ type: 'step.next' });
      await flush();
      expect(fakes.of('replaceCredentials')).toEqual([{ integrationId: saved.id, vendor: 'datto-rmm', credentials: { platform: 'vidal', apiKey: 'new-key', apiSecret: 'new-secret' } }]);
      // Saved alone: back to the summary, not on to the next step.
      expect(snap().value).toBe('summary');
    });

    it('a draft resumes on its step with its values, and never holds the API keys', async () => {
      const { actor, snap } = await toMapping();
      actor.send({ type: 'mapping.assign', siteId: 's-lakeside', organizationId: 'org-acme' });
      actor.send({ type: 'credentials.change', field: 'apiSecret', value: 'typed-again' });
      const draft = draftValues(snap().context, 'mapping');
      expect(JSON.stringify(draft)).not.toContain('sandbox-secret');
      expect(JSON.stringify(draft)).not.toContain('sandbox-key');

      const resumed = await start({ boot: async () => ({ ...BOOT, integration: INTEGRATION, draft: { ...draft, credentials: { platform: 'merlot' } } }) });
      expect(resumed.snap().value).toEqual({ mapping: 'editing' });
      expect(resumed.snap().context.mapping.choices['s-lakeside']).toEqual({ organizationId: 'org-acme', ignoreAutoMap: false });
    });

    for (const [step, expected] of [['credentials', { credentials: 'editing' }], ['parameters', { parameters: 'editing' }], ['finish', { finish: 'review' }]] as const) {
      it(`a draft saved on ${step} resumes there`, async () => {
        const base = draftValues((await start()).snap().context, step);
        const { snap } = await start({ boot: async () => ({ ...BOOT, integration: INTEGRATION, draft: { ...base, integrationId: INTEGRATION.id } }) });
        expect(snap().value).toEqual(expected);
      });
    }

    describe('step links (create flow)', () => {
      const goTo = (actor: Awaited<ReturnType<typeof start>>['actor'], step: string) => actor.send({ type: 'step.goto', step });
      const canGoTo = (w: Awaited<ReturnType<typeof start>>, step: string) => w.snap().can({ type: 'step.goto', step });

      it('from Finish, each completed earlier step can be jumped to; the jump lands there and keeps what was entered', async () => {
        const w = await toMapping();
        w.actor.send({ type: 'mapping.assign', siteId: 's-lakeside', organizationId: 'org-acme' });
        w.actor.send({ type: 'step.next' });
        await flush();
        w.actor.send({ type: 'step.next' });
        await flush();
        expect(w.snap().value).toEqual({ finish: 'review' });
        expect(['organization', 'credentials', 'mapping', 'parameters'].map((s) => canGoTo(w, s))).toEqual([true, true, true, true]);
        goTo(w.actor, 'mapping');
        expect(w.snap().value).toEqual({ mapping: 'loading' });
        await flush();
        expect(w.snap().value).toEqual({ mapping: 'editing' });
        expect(w.snap().context.mapping.choices['s-lakeside']).toEqual({ organizationId: 'org-acme', ignoreAutoMap: false });
        goTo(w.actor, 'organization');
        expect(w.snap().value).toBe('organization');
        expect(w.snap().context.doneSteps).toEqual(['organization', 'credentials', 'mapping', 'parameters']);
      });

      it('never jumps forward, not even to a completed step: the way forward is Next, which saves the step left', async () => {
        const w = await toMapping();
        w.actor.send({ type: 'step.next' });
        await flush();
        goTo(w.actor, 'credentials');
        expect(w.snap().value).toEqual({ credentials: 'editing' });
        // Organization mapping and Parameters are done, but ahead: no jump.
        expect(['mapping', 'parameters', 'finish'].map((s) => canGoTo(w, s))).toEqual([false, false, false]);
        goTo(w.actor, 'parameters');
        expect(w.snap().value).toEqual({ credentials: 'editing' });
        expect(canGoTo(w, 'organization')).toBe(true);
      });

      it('never to a step not completed, nor to the step shown', async () => {
        const w = await start();
        w.actor.send({ type: 'organization.select', organizationId: 'org-internal' });
        w.actor.send({ type: 'step.next' });
        expect(canGoTo(w, 'organization')).toBe(true);
        expect(canGoTo(w, 'credentials')).toBe(false);
        goTo(w.actor, 'mapping');
        expect(w.snap().value).toEqual({ credentials: 'editing' });
        goTo(w.actor, 'organization');
        expect(w.snap().value).toBe('organization');
        expect(canGoTo(w, 'organization')).toBe(false);
      });

      it('a section opened from edit mode’s summary has no jumps', async () => {
        const saved = { ...INTEGRATION, status: 'connected' as const };
        const w = await start({ boot: async () => ({ ...BOOT, integration: saved, mapping: { autoMapExact: true, siteTypes: ['managed'], rows: [] } }) }, saved.id);
        w.actor.send({ type: 'section.edit', step: 'parameters' });
        await flush();
        expect(w.snap().value).toEqual({ parameters: 'editing' });
        goTo(w.actor, 'credentials');
        expect(w.snap().value).toEqual({ parameters: 'editing' });
      });
    });

    it('a draft past the credentials step without its connection starts again at step 1', async () => {
      const { snap } = await start({ boot: async () => ({ ...BOOT, draft: { ...draftValues({ ...(await start()).snap().context }, 'mapping') } }) });
      expect(snap().value).toBe('organization');
    });
  });
});
