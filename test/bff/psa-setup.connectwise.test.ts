/**
 * ConnectWise PSA specifics of the setup API against its sandbox over HTTP: a board's statuses,
 * items and types only go with that board (the BFF refuses a mix the vendor would refuse at the
 * first ticket), and an on-premises host the operator did not allow is refused next to its field.
 */
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { DEMO_CATALOG, DEMO_ORGANIZATIONS } from '../../bff/demo/demo-organizations.js';
import { SEVERITIES } from '../../bff/contracts/psa-settings.js';
import { connectwiseKit } from '../../bff/sandboxes/connectwise/connectwise.kit.js';
import { createTestApp, type TestApp } from '../helpers/create-test-app.js';
import { startSandboxServer } from '../helpers/sandbox-server.js';
import { control, type RunningServer } from '../helpers/serve.js';

let sandbox: RunningServer;
let t: TestApp;
beforeAll(async () => { sandbox = await startSandboxServer(); });
afterAll(() => sandbox.close());
beforeEach(async () => {
  await control(sandbox.origin, 'connectwise', 'reset');
  t = await createTestApp({ sandboxOrigin: sandbox.origin });
  await t.call('PUT', '/api/organizations', {
    body: { organizations: DEMO_ORGANIZATIONS.map((o) => ({ id: o.id, name: o.name, billableUsers: o.billableUsers })), catalog: DEMO_CATALOG },
  });
});
afterEach(() => t.close());

const json = async (res: Response) => ({ status: res.status, body: (await res.json()) as any });
type Value = { id: string; label: string; parentId?: string };

it('refuses a status, item or type of another service board than the chosen one', async () => {
  const { body: { id } } = await json(await t.call('POST', '/api/integrations', { body: { vendor: 'connectwise', credentials: connectwiseKit.credentials } }));
  const lists = (await json(await t.call('GET', `/api/integrations/${id}/psa/picklists`))).body;
  const [security, helpDesk] = lists.queue as Value[];
  const of = (list: Value[], board: Value) => list.filter((v) => v.parentId === board!.id && !lists.closedStatusIds.includes(v.id));
  const ticket = (board: Value, status: Value, item: Value, type: Value) => ({
    categoryId: null, typeId: item.id, statusId: status.id, queueId: board.id, sourceId: lists.source[0].id, subjectTemplate: '{user}',
    priorityMap: Object.fromEntries(SEVERITIES.map((s) => [s, lists.priority[0].id])),
    note: { typeId: 'discussion', visibilityId: 'internal', titleTemplate: '{alert}' }, issueTypeId: type.id, subIssueTypeId: null,
    overrides: { alertTypes: [{ key: 'at-malware', keyName: 'Malware Detected', issueTypeId: type.id, subIssueTypeId: null }], respondRules: [], iocRules: [] },
  });
  const mixed = await json(await t.call('PUT', `/api/integrations/${id}/psa/ticket-settings`, {
    body: ticket(security!, of(lists.ticketStatus, helpDesk!)[0]!, of(lists.ticketType, helpDesk!)[0]!, of(lists.issueType, helpDesk!)[0]!),
  }));
  expect(mixed.status).toBe(400);
  const fields = mixed.body.errors.map((e: { field: string }) => e.field);
  expect(fields).toEqual(expect.arrayContaining(['statusId', 'typeId', 'issueTypeId']));
  expect(fields.some((f: string) => f.startsWith('overrides.') && f.endsWith('issueTypeId'))).toBe(true);
  const same = ticket(helpDesk!, of(lists.ticketStatus, helpDesk!)[0]!, of(lists.ticketType, helpDesk!)[0]!, of(lists.issueType, helpDesk!)[0]!);
  expect((await t.call('PUT', `/api/integrations/${id}/psa/ticket-settings`, { body: same })).status).toBe(200);
});

it('refuses an on-premises host the operator did not allow, next to the host field, and a malformed one before any call', async () => {
  const onPrem = { ...connectwiseKit.credentials, site: 'on-premises', host: 'cw.example.com' };
  const malformed = await json(await t.call('POST', '/api/integrations', { body: { vendor: 'connectwise', credentials: { ...onPrem, host: 'https://cw.example.com/path' } } }));
  expect(malformed.status).toBe(400);
  expect(malformed.body.errors.map((e: { field: string }) => e.field)).toEqual(['credentials.host']);
  const res = await json(await t.call('POST', '/api/integrations', { body: { vendor: 'connectwise', credentials: onPrem } }));
  expect(res.status).toBe(422);
  expect(res.body.errors).toEqual([{ field: 'credentials.host', message: expect.stringContaining('is not on this platform’s list of allowed servers') }]);
  // The admin reads who can allow it; the setting's name goes to the operator's log only.
  expect(JSON.stringify(res.body)).not.toContain('CONNECTWISE_ALLOWED_HOSTS');
  expect(t.logLines.some((line) => line.includes('vendor setting needs the operator') && line.includes('cw.example.com is not in CONNECTWISE_ALLOWED_HOSTS'))).toBe(true);
});
