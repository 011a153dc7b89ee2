/**
 * The Syncro wizard machine (seed 002) in Node: credentials with the duplicate-connection
 * confirmation, account mapping with the user-activity organization and the ignore list, finish,
 * and edit mode with the user-activity organization locked.
 */
import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { syncroMachine } from '../../../../web-components/wizards/rmm-wizard/syncro.machine.js';
import { mappingPreview, userActivityLocked } from '../../../../web-components/wizards/rmm-wizard/rmm-wizard.logic.js';
import { rmmWizardActors, type RmmWizardServices } from '../../../../web-components/wizards/rmm-wizard/rmm-wizard.services.js';
import { stepErrors } from '../../../../web-components/wizards/rmm-wizard/rmm-wizard.setup.js';
import { COPY } from '../../../../web-components/wizards/rmm-wizard/rmm-wizard.copy.js';
import { rmmSummarySections } from '../../../../web-components/wizards/rmm-wizard/rmm-section-summary.js';
import { RMM_USER_ACTIVITY } from '../../../../bff/contracts/rmm-settings.js';
import { BOOT, INTEGRATION, fakeServices, flush, problem } from './rmm-fakes.js';

const SYNCRO_INTEGRATION = { ...INTEGRATION, userActivityOrganizationId: null };

async function start(services: Partial<RmmWizardServices> = {}, integrationId: string | null = null) {
  const fakes = fakeServices({ connect: async () => SYNCRO_INTEGRATION, ...services });
  const actor = createActor(syncroMachine.provide({ actors: rmmWizardActors(fakes) }), { input: { vendor: 'syncro', integrationId } });
  actor.start();
  await flush();
  const fill = (values: Record<string, string>) => Object.entries(values).forEach(([field, value]) => actor.send({ type: 'credentials.change', field, value }));
  return { actor, fakes, fill, snap: () => actor.getSnapshot(), can: () => actor.getSnapshot().can({ type: 'step.next' }) };
}

async function toMapping(services: Partial<RmmWizardServices> = {}) {
  const w = await start(services);
  w.fill({ subdomain: 'sandbox', apiToken: 'sandbox-token' });
  w.actor.send({ type: 'step.next' });
  await flush();
  return w;
}

describe('Syncro wizard machine', () => {
  it('starts on the credentials step and refuses Next until subdomain and API token are valid', async () => {
    const { snap, fill, can } = await start();
    expect(snap().value).toEqual({ credentials: 'editing' });
    expect(can()).toBe(false);
    expect(stepErrors(snap().context, 'credentials')).toEqual({ subdomain: 'Syncro subdomain is required', apiToken: 'API token is required' });
    fill({ subdomain: 'evil.example.com/x', apiToken: 't' });
    expect(stepErrors(snap().context, 'credentials')).toEqual({ subdomain: 'Use only letters, digits and hyphens (the part before .syncromsp.com)' });
    fill({ subdomain: 'sandbox' });
    expect(can()).toBe(true);
  });

  it('with Syncro already connected, asks for the separate-instance confirmation on the credentials step', async () => {
    const { actor, fill, can, snap, fakes } = await start({ boot: async () => ({ ...BOOT, duplicateOf: 'existing' }) });
    fill({ subdomain: 'sandbox', apiToken: 'sandbox-token' });
    expect(can()).toBe(false);
    expect(stepErrors(snap().context, 'credentials')).toHaveProperty('confirmSeparateInstance');
    actor.send({ type: 'duplicate.confirm', confirmed: true });
    actor.send({ type: 'step.next' });
    await flush();
    expect(fakes.of('connect')).toEqual([{ vendor: 'syncro', credentials: { subdomain: 'sandbox', apiToken: 'sandbox-token' }, confirmSeparateInstance: true, userActivityOrganizationId: null }]);
  });

  it('a 409 duplicate_connection from the BFF stays on credentials and needs the confirmation', async () => {
    const duplicate = await problem(409, 'duplicate_connection', [], { existingIntegrationId: 'x' }, 'A Syncro integration already exists.');
    const { snap, can } = await toMapping({ connect: async () => { throw duplicate; } });
    expect(snap().value).toEqual({ credentials: 'editing' });
    expect(snap().context.duplicateOf).toBe('x');
    expect(can()).toBe(false);
  });

  it('wrong token: the vendor’s reason next to the token field', async () => {
    const refused = await problem(422, 'vendor_auth', [{ field: 'credentials.apiToken', message: 'Syncro did not accept this API token' }]);
    const { snap } = await toMapping({ connect: async () => { throw refused; } });
    expect(snap().context.serverErrors).toEqual({ apiToken: 'Syncro did not accept this API token' });
  });

  it('account mapping needs a User Activity Organization, and sends it with the mapping', async () => {
    const { actor, snap, can, fakes } = await toMapping();
    expect(snap().value).toEqual({ mapping: 'editing' });
    expect(can()).toBe(false);
    expect(stepErrors(snap().context, 'mapping')).toEqual({ userActivityOrganizationId: 'Select a User Activity Organization' });
    actor.send({ type: 'organization.select', organizationId: 'org-internal' });
    expect(can()).toBe(true);
    actor.send({ type: 'step.next' });
    await flush();
    expect(fakes.of('saveMapping')[0]).toMatchObject({ body: { userActivityOrganizationId: 'org-internal', siteTypes: ['managed'] } });
    expect(snap().value).toEqual({ finish: 'review' });
    expect(userActivityLocked(snap().context)).toBe(true);
  });

  it('"Ignore from Automatic Mapping" keeps a site out of the auto-mapping preview and the save', async () => {
    const { actor, snap, fakes } = await toMapping();
    actor.send({ type: 'organization.select', organizationId: 'org-internal' });
    actor.send({ type: 'mapping.autoMap', enabled: true });
    actor.send({ type: 'mapping.ignore', siteId: 's-bluebird', ignored: true });
    const byId = Object.fromEntries(mappingPreview(snap().context).map((r) => [r.site.id, r.organizationId]));
    expect(byId).toMatchObject({ 's-acme': 'org-acme', 's-bluebird': null });
    actor.send({ type: 'step.next' });
    await flush();
    const body = (fakes.of('saveMapping')[0] as { body: { mappings: Array<{ siteId: string; ignoreAutoMap: boolean }> } }).body;
    expect(body.mappings.find((m) => m.siteId === 's-bluebird')?.ignoreAutoMap).toBe(true);
  });

  it('finishes as Connected', async () => {
    const { actor, snap } = await toMapping();
    actor.send({ type: 'organization.select', organizationId: 'org-internal' });
    actor.send({ type: 'step.next' });
    await flush();
    actor.send({ type: 'step.next' });
    await flush();
    expect(snap().output).toEqual({ integrationId: INTEGRATION.id, vendor: 'syncro', status: 'connected' });
  });

  it('edit mode: the user-activity organization is read-only (a change is not even sent), credentials are kept when left empty', async () => {
    const saved = { ...INTEGRATION, status: 'connected' as const };
    const { actor, snap, fakes, can } = await start({
      boot: async () => ({ ...BOOT, integration: saved, mapping: { autoMapExact: false, siteTypes: ['managed'], rows: [] } }),
    }, saved.id);
    expect(snap().value).toBe('summary');
    actor.send({ type: 'section.edit', step: 'mapping' });
    await flush();
    expect(snap().value).toEqual({ mapping: 'editing' });
    actor.send({ type: 'organization.select', organizationId: 'org-acme' });
    expect(stepErrors(snap().context, 'mapping')).toEqual({});
    actor.send({ type: 'step.next' });
    await flush();
    expect(fakes.of('connect')).toHaveLength(0);
    expect(fakes.of('saveMapping')[0]).not.toHaveProperty('body.userActivityOrganizationId');
    actor.send({ type: 'section.edit', step: 'credentials' });
    expect(can()).toBe(true);
    actor.send({ type: 'step.next' });
    expect(snap().value).toBe('summary');
    expect(fakes.of('replaceCredentials')).toHaveLength(0);
  });

  it('asks for the User Activity Organization as seed 002 does, but never claims Syncro user activity is recorded (issue 17 item 8)', async () => {
    const { actor, snap } = await toMapping();
    actor.send({ type: 'step.next' });
    expect(stepErrors(snap().context, 'mapping')).toEqual({ userActivityOrganizationId: 'Select a User Activity Organization' });
    // What the hint beside it says it is for: the connection is filed there; Syncro's API gives no user activity.
    expect(COPY.userActivityHint).toContain('Syncro’s API offers no user-activity feed, so no Syncro user activity is recorded');
    expect(COPY.userActivityHint).toContain('where the Syncro connection itself is filed');
    expect(COPY.userActivityHint).toContain('cannot be changed');
    actor.send({ type: 'organization.select', organizationId: 'org-internal' });
    actor.send({ type: 'step.next' });
    await flush();
    expect(snap().value).toEqual({ finish: 'review' });
    expect(COPY.userActivityRecorded('syncro', 'Northwind MSP (Internal)')).toBe('None: Syncro’s API offers no user-activity feed');
    expect(COPY.userActivityRecorded('datto-rmm', 'Northwind MSP (Internal)')).toBe('Recorded under Northwind MSP (Internal)');
  });

  it('edit mode’s summary shows the organization read-only with what it is for on Syncro, and no user-activity claim', async () => {
    const saved = { ...INTEGRATION, status: 'connected' as const };
    const { snap } = await start({ boot: async () => ({ ...BOOT, integration: saved, mapping: { autoMapExact: false, siteTypes: ['managed'], rows: [] } }) }, saved.id);
    expect(snap().value).toBe('summary');
    const section = rmmSummarySections(snap().context).find((s) => s.id === 'user-activity')!;
    expect(section.readOnly).toBe(true);
    expect(section.lines).toEqual([
      { term: 'User activity organization', value: 'Northwind MSP (Internal). Set when the integration was created; it cannot be changed.' },
      { term: 'What it is for', value: RMM_USER_ACTIVITY.syncro.purpose },
    ]);
    const said = section.lines.map((l) => l.value).join(' ');
    expect(said).not.toContain('All user activity and actions from Syncro are associated');
    expect(said).not.toContain('user activity is recorded here');
  });

  it('keeps what Finish answered about the first device sync (it has started), for the finish card', async () => {
    const { actor, snap } = await toMapping({
      complete: async () => ({ ...INTEGRATION, status: 'connected', sync: { state: 'running', lastSyncAt: null, lastSuccessAt: null, nextSyncAt: null, deviceCount: 0, activityCount: 0, lastError: null, userActivity: 'not_offered' } }),
    });
    actor.send({ type: 'organization.select', organizationId: 'org-internal' });
    actor.send({ type: 'step.next' });
    await flush();
    actor.send({ type: 'step.next' });
    await flush();
    expect(snap().value).toBe('done');
    expect(snap().context.integration!.sync).toMatchObject({ state: 'running', userActivity: 'not_offered' });
  });

  it('resumes a draft on the account mapping step, or on credentials when its connection is gone', async () => {
    const draft = { step: 'mapping', integrationId: INTEGRATION.id, confirmSeparateInstance: false, userActivityOrganizationId: 'org-acme', credentials: { subdomain: 'sandbox' }, mapping: { autoMapExact: true, siteTypes: ['managed' as const], choices: {} }, entraDeviceIdField: null, doneSteps: ['credentials'] };
    const resumed = await start({ boot: async () => ({ ...BOOT, integration: SYNCRO_INTEGRATION, draft }) });
    expect(resumed.snap().value).toEqual({ mapping: 'editing' });
    expect(resumed.snap().context.userActivityOrganizationId).toBe('org-acme');
    expect(resumed.snap().context.credentials).toEqual({ subdomain: 'sandbox' });
    const orphan = await start({ boot: async () => ({ ...BOOT, draft }) });
    expect(orphan.snap().value).toEqual({ credentials: 'editing' });
  });

  it('Back from mapping returns to credentials; Cancel ends from anywhere', async () => {
    const { actor, snap } = await toMapping();
    actor.send({ type: 'step.back' });
    expect(snap().value).toEqual({ credentials: 'editing' });
    actor.send({ type: 'wizard.cancel' });
    expect(snap().value).toBe('cancelled');
  });

  it('step links: from Finish, back to Credentials or Account mapping once completed; never forward, never to the step shown', async () => {
    const w = await toMapping();
    const canGoTo = (step: string) => w.snap().can({ type: 'step.goto', step });
    expect([canGoTo('credentials'), canGoTo('mapping'), canGoTo('finish')]).toEqual([true, false, false]);
    w.actor.send({ type: 'organization.select', organizationId: 'org-internal' });
    w.actor.send({ type: 'step.next' });
    await flush();
    expect(w.snap().value).toEqual({ finish: 'review' });
    expect([canGoTo('credentials'), canGoTo('mapping')]).toEqual([true, true]);
    w.actor.send({ type: 'step.goto', step: 'credentials' });
    expect(w.snap().value).toEqual({ credentials: 'editing' });
    w.actor.send({ type: 'step.goto', step: 'mapping' });
    expect(w.snap().value, 'mapping is done but ahead: Next, not a jump').toEqual({ credentials: 'editing' });
  });
});
