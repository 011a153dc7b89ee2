/**
 * Wizard drafts through the BFF: "no draft yet" is an ordinary answer (200 with null, so a browser
 * logs no error on every wizard opening), a saved draft comes back, a draft of another machine
 * version reads as none, drafts stay per partner, and the OpenAPI document says so.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/create-test-app.js';

let t: TestApp;
beforeEach(async () => { t = await createTestApp(); });
afterEach(() => t.close());

const PATH = '/api/wizard-drafts/psa:kaseya-bms';

describe('wizard drafts', () => {
  it('answers 200 with null when there is no draft yet (not a 404)', async () => {
    const res = await t.call('GET', `${PATH}?version=1`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/json');
    expect(await res.json()).toBeNull();
  });

  it('returns a saved draft, reads one of another machine version as none, and keeps partners apart', async () => {
    const snapshot = { value: { contractMapping: 'editing' }, context: { contract: { userSyncDay: 15 } } };
    expect((await t.call('PUT', `${PATH}?version=2`, { body: { machineVersion: 2, snapshot } })).status).toBe(204);
    const saved = await t.call('GET', `${PATH}?version=2`);
    expect(saved.status).toBe(200);
    expect(await saved.json()).toMatchObject({ machineVersion: 2, snapshot });
    expect(await (await t.call('GET', `${PATH}?version=1`)).json()).toBeNull();
    const other = await t.call('GET', `${PATH}?version=2`, { token: await t.token('partner-other') });
    expect(await other.json()).toBeNull();
    expect((await t.call('DELETE', PATH)).status).toBe(204);
    expect(await (await t.call('GET', `${PATH}?version=2`)).json()).toBeNull();
  });

  it('documents the null answer in the OpenAPI document', async () => {
    const doc = await (await t.call('GET', '/api/openapi.json', { token: null })).json();
    const get = doc.paths['/api/wizard-drafts/{wizard}'].get;
    const schema = get.responses['200'].content['application/json'].schema;
    expect(JSON.stringify(schema)).toContain('"null"');
    expect(get.responses['404']).toBeUndefined();
  });
});
