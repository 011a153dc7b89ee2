/**
 * <integration-list>'s health in Chromium against the real BFF and the vendor sandboxes: a PSA's
 * delivery health with failure advice and the next billable-user sync, "Sync billable users now" and
 * "Send test ticket" with their toasts, an RMM's device sync line and "Sync now", and a health
 * answer that fails without breaking its row.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { waitUntil } from '../../support/wait.js';
import '../../../../web-components/define.js';
import type { IntegrationList } from '../../../../web-components/index.js';
import { shortDate } from '../../../../web-components/elements/integration-list/integration-list.format.js';
import { button, loaded, rowFor, shadow, statusOf, toastTexts } from '../../support/dom.js';
import { SyncPoll } from '../../../../web-components/elements/shared/sync-poll.js';
import { api, configurePsa, connectRmm, holdSync, injectFault, newPartner, queueAlerts, seedDeliveries, seedSyncFailure, textOf } from './integration-list.fixtures.js';

async function listFor(kind: 'psa' | 'rmm', token: string): Promise<IntegrationList> {
  const el = await fixture<IntegrationList>(html`<integration-list kind=${kind} .token=${token}></integration-list>`);
  await loaded(el);
  return el;
}

const lines = (row: Element, part: 'health' | 'sync') => [...row.querySelectorAll(`[part~="${part}"] p`)].map(textOf);
const advice = (row: Element) => [...row.querySelectorAll('[part~="health-advice"] li')].map(textOf);
const healthShown = (row: () => Element) => waitUntil(() => lines(row(), 'health').length > 0, 'no health line');
const statusToasts = (el: IntegrationList) => textOf(shadow(shadow(el).querySelector('ih-toast-region')!).querySelector('[role="status"]'));

interface Health { billableSync: { nextSyncDate: string | null } }

describe('<integration-list> health', () => {
  it('is accessible with health lines, advice, sync lines and their buttons', async () => {
    const { partner, token } = await newPartner();
    const psa = await configurePsa({ partner, vendor: 'kaseya-bms', billableSync: true });
    await seedDeliveries({ partner, integrationId: psa.id, delivered: [{ minutesAgo: 3 }], failed: [{ code: 'rejected' }] });
    const list = await listFor('psa', token);
    await healthShown(() => rowFor(list, 'Kaseya BMS'));
    await expect(list).to.be.accessible();

    const rmm = await connectRmm({ partner, vendor: 'syncro' });
    await seedSyncFailure({ partner, integrationId: rmm.id, lastError: 'Devices: The RMM refused the API token.' });
    const rmmList = await listFor('rmm', token);
    expect(lines(rowFor(rmmList, 'Syncro'), 'sync')).to.have.length.greaterThan(0);
    await expect(rmmList).to.be.accessible();
  });

  describe('PSA', () => {
    it('shows last delivery, queue and failures with what to do, and the next billable-user sync', async () => {
      const { partner, token } = await newPartner();
      const psa = await configurePsa({ partner, vendor: 'kaseya-bms', billableSync: true });
      await seedDeliveries({ partner, integrationId: psa.id, delivered: [{ minutesAgo: 40 }, { minutesAgo: 3 }], failed: [{ code: 'rejected' }] });
      await queueAlerts(partner, 2);
      const health = await api<Health>(token, `/integrations/${psa.id}/health`);
      const el = await listFor('psa', token);
      const row = () => rowFor(el, 'Kaseya BMS');
      await healthShown(row);

      expect(lines(row(), 'health')).to.deep.equal([
        'Last delivery 3 min ago · 2 queued · 1 failed',
        `Next billable-user sync: ${shortDate(health.billableSync.nextSyncDate!)}`,
        // The browser BFF runs no two-way worker: no webhook is registered, so status is polled.
        'Ticket status: checked every 15 minutes — the webhook at Kaseya BMS is not registered yet.',
      ]);
      expect(lines(row(), 'health')[1]).to.match(/^Next billable-user sync: \d{1,2} [A-Z][a-z]{2}( \d{4})?$/);
      expect(advice(row())).to.deep.equal(['The PSA refused the ticket or note as configured. Its message says which value; correct the ticket settings or mappings, then retry. (1 alert)']);
      expect(row().querySelector('[part~="health-advice"]')!.getAttribute('aria-label')).to.equal('What to do about failed deliveries to Kaseya BMS');
      expect(statusOf(row())).to.equal('Active');
    });

    it('"Sync billable users now" sends the units and says how many were sent and failed', async () => {
      const { partner, token } = await newPartner();
      const psa = await configurePsa({ partner, vendor: 'autotask', billableSync: true });
      const el = await listFor('psa', token);
      await healthShown(() => rowFor(el, 'Autotask'));
      expect(lines(rowFor(el, 'Autotask'), 'health')[0]).to.equal('No deliveries yet');

      const sync = button(rowFor(el, 'Autotask'), 'Sync billable users now');
      expect(sync.getAttribute('aria-label')).to.equal('Sync billable users now to Autotask');
      sync.click();
      await waitUntil(() => toastTexts(el).some((t) => t.startsWith('Billable users synced')), 'no billable-sync toast');
      expect(toastTexts(el)).to.include('Billable users synced to Autotask. Sent 1, failed 0.');
      // Announced politely, in the status region.
      expect(statusToasts(el)).to.contain('Sent 1, failed 0');
      const health = await api<{ billableSync: { lastResults: Array<{ status: string; period: string }> } }>(token, `/integrations/${psa.id}/health`);
      expect(health.billableSync.lastResults.map((r) => [r.status, r.period])).to.deep.equal([['sent', 'manual']]);
    });

    it('"Send test ticket" toasts the vendor ticket number and id; no billable-sync button while that sync is off', async () => {
      const { partner, token } = await newPartner();
      const psa = await configurePsa({ partner, vendor: 'kaseya-bms' });
      const el = await listFor('psa', token);
      await healthShown(() => rowFor(el, 'Kaseya BMS'));
      expect(rowFor(el, 'Kaseya BMS').querySelector('[part~="billable-sync-button"]')).to.equal(null);
      expect(lines(rowFor(el, 'Kaseya BMS'), 'health').join(' ')).not.to.contain('billable');

      button(rowFor(el, 'Kaseya BMS'), 'Send test ticket').click();
      // While the vendor answers, the button and a status line say the ticket is on its way (issue 17 item 10).
      await el.updateComplete;
      const sendButton = () => rowFor(el, 'Kaseya BMS').querySelector<HTMLButtonElement>('[part~="test-ticket-button"]')!;
      const progress = () => textOf(rowFor(el, 'Kaseya BMS').querySelector('[part~="test-ticket-progress"]')!);
      expect(textOf(sendButton())).to.equal('Sending test ticket…');
      expect(sendButton().getAttribute('aria-disabled')).to.equal('true');
      expect(sendButton().getAttribute('aria-busy')).to.equal('true');
      expect(sendButton().getAttribute('aria-label')).to.equal('Sending test ticket to Kaseya BMS…');
      expect(progress()).to.equal('Sending a test ticket to Kaseya BMS; waiting for Kaseya BMS to answer…');
      await expect(el).to.be.accessible();
      // Pressed again while the vendor answers: no second ticket.
      sendButton().click();
      await waitUntil(() => toastTexts(el).some((t) => t.startsWith('Test ticket')), 'no test-ticket toast');
      await el.updateComplete;
      expect(textOf(sendButton())).to.equal('Send test ticket');
      expect(sendButton().getAttribute('aria-busy')).to.equal('false');
      expect(progress()).to.equal('');
      const audit = await api<{ entries: Array<{ action: string; after: { vendorTicketId: string } }> }>(token, `/integrations/${psa.id}/audit`);
      expect(audit.entries.filter((e) => e.action === 'psa.test-ticket')).to.have.length(1);
      expect(toastTexts(el).filter((t) => t.startsWith('Test ticket'))).to.have.length(1);
      const sent = audit.entries.find((e) => e.action === 'psa.test-ticket')!.after.vendorTicketId;
      const toast = toastTexts(el).find((t) => t.startsWith('Test ticket'))!;
      expect(toast).to.match(new RegExp(`^Test ticket T\\d{8}\\.\\d+ created in Kaseya BMS \\(ticket id ${sent}\\)\\.`));
    });

    it('a paused PSA keeps its health but offers no test ticket', async () => {
      const { partner, token } = await newPartner();
      const psa = await configurePsa({ partner, vendor: 'autotask', billableSync: true });
      const el = await listFor('psa', token);
      shadow(el).querySelector<HTMLButtonElement>('[role="switch"]')!.click();
      await waitUntil(() => statusOf(rowFor(el, 'Autotask')) === 'Paused', 'not paused');
      expect(rowFor(el, 'Autotask').querySelector('[part~="test-ticket-button"]')).to.equal(null);
      await healthShown(() => rowFor(el, 'Autotask'));
      expect(button(rowFor(el, 'Autotask'), 'Sync billable users now')).to.exist;
      expect(psa.status).to.equal('active');
    });

    it('a health answer that fails leaves the row working, with a muted "Health unavailable"', async () => {
      const { partner, token } = await newPartner();
      await configurePsa({ partner, vendor: 'kaseya-bms', billableSync: true });
      await injectFault({ partner, status: 503, count: 1, pathEndsWith: '/health' });
      const el = await listFor('psa', token);
      const row = () => rowFor(el, 'Kaseya BMS');
      await healthShown(row);
      expect(lines(row(), 'health')).to.deep.equal(['Health unavailable']);
      expect(row().querySelector('[part~="billable-sync-button"]'), 'unknown without health').to.equal(null);
      expect(button(row(), 'Send test ticket')).to.exist;
      expect(statusOf(row())).to.equal('Active');
      expect(shadow(el).querySelector('[part~="error"]')).to.equal(null);
      await expect(el).to.be.accessible();

      // The rest of the row still works, and the next load brings the health back.
      shadow(el).querySelector<HTMLButtonElement>('[role="switch"]')!.click();
      await waitUntil(() => statusOf(row()) === 'Paused', 'not paused');
      await el.refresh();
      await waitUntil(() => lines(row(), 'health')[0] === 'No deliveries yet', 'health not back after refresh');
    });

    it('drafts show no health and ask for none', async () => {
      const { partner, token } = await newPartner();
      await configurePsa({ partner, vendor: 'autotask', complete: false });
      const el = await listFor('psa', token);
      expect(statusOf(rowFor(el, 'Autotask'))).to.equal('Setup not finished');
      expect(rowFor(el, 'Autotask').querySelector('[part~="health"]')).to.equal(null);
    });
  });

  describe('RMM', () => {
    it('Datto RMM: the first sync ran when it was connected (no "Not synced yet"); Sync now runs again and shows the counts', async () => {
      const { partner, token } = await newPartner();
      // Connected through Finish, which starts the first sync; the fixture answers once it has ended.
      const rmm = await connectRmm({ partner, vendor: 'datto-rmm' });
      const first = await api<{ deviceCount: number; activityCount: number; state: string }>(token, `/integrations/${rmm.id}/rmm/sync`);
      expect(first.state).to.equal('succeeded');
      expect(first.deviceCount).to.be.greaterThan(0);
      const el = await listFor('rmm', token);
      const row = () => rowFor(el, 'Datto RMM');
      expect(lines(row(), 'sync')).to.deep.equal([`Last sync just now · ${first.deviceCount} devices · ${first.activityCount} activity entries`]);

      const syncNow = button(row(), 'Sync now');
      expect(syncNow.getAttribute('aria-label')).to.equal('Sync now Datto RMM');
      syncNow.click();
      await waitUntil(() => toastTexts(el).some((t) => t.startsWith('Datto RMM synced')), 'no sync toast');
      const status = await api<{ deviceCount: number; activityCount: number; state: string }>(token, `/integrations/${rmm.id}/rmm/sync`);
      expect(status.state).to.equal('succeeded');
      expect(toastTexts(el)).to.include(`Datto RMM synced: ${status.deviceCount} devices, ${status.activityCount} activity entries.`);
      await el.loadComplete;
      await waitUntil(() => lines(row(), 'sync')[0]?.startsWith('Last sync'), 'sync line not updated');
      expect(lines(row(), 'sync')).to.deep.equal([`Last sync just now · ${status.deviceCount} devices · ${status.activityCount} activity entries`]);
      expect(statusOf(row())).to.equal('Connected');
    });

    it('a sync in progress shows "Syncing now…" and turns into its result without a reload', async () => {
      SyncPoll.intervalMs = 100;
      try {
        const { partner, token } = await newPartner();
        const rmm = await connectRmm({ partner, vendor: 'syncro' });
        await holdSync({ partner, integrationId: rmm.id });
        const el = await listFor('rmm', token);
        const row = () => rowFor(el, 'Syncro');
        expect(lines(row(), 'sync')[0]).to.match(/^Syncing now… · \d+ devices$/);
        await expect(el).to.be.accessible();
        await holdSync({ partner, integrationId: rmm.id, release: true });
        await waitUntil(() => lines(row(), 'sync')[0]?.startsWith('Last sync'), 'the list did not read the result by itself');
        expect(lines(row(), 'sync')[0]).to.match(/^Last sync just now · \d+ devices$/);
      } finally {
        SyncPoll.intervalMs = 2_000;
      }
    });

    it('Syncro: user activity is not offered, and no activity count is shown', async () => {
      const { partner, token } = await newPartner();
      await connectRmm({ partner, vendor: 'syncro' });
      const el = await listFor('rmm', token);
      expect(lines(rowFor(el, 'Syncro'), 'sync')[0]).to.match(/^Last sync just now · \d+ devices$/);
      button(rowFor(el, 'Syncro'), 'Sync now').click();
      await waitUntil(() => toastTexts(el).some((t) => t.startsWith('Syncro synced')), 'no sync toast');
      await el.loadComplete;
      const [summary, note] = lines(rowFor(el, 'Syncro'), 'sync');
      expect(summary).to.match(/^Last sync just now · \d+ devices$/);
      expect(note).to.equal('User activity: not offered by Syncro');
      expect(toastTexts(el).find((t) => t.startsWith('Syncro synced'))).to.match(/^Syncro synced: \d+ devices\.$/);
    });

    it('Sync now says how many sites it mapped by exact name (an organization of a site\'s name came since)', async () => {
      const { partner, token } = await newPartner();
      const rmm = await connectRmm({ partner, vendor: 'syncro' });
      const mapping = await api<{ autoMapExact: boolean; siteTypes: string[]; mappings: Array<{ siteName: string; siteType: string; organizationId: string | null; ignoreAutoMap: boolean }> }>(token, `/integrations/${rmm.id}/rmm/mapping`);
      expect(mapping.autoMapExact).to.equal(true);
      const site = mapping.mappings.find((m) => m.organizationId === null && !m.ignoreAutoMap && mapping.siteTypes.includes(m.siteType));
      if (!site) throw new Error('the sandbox has no unmapped site to name an organization after');
      const added = await fetch('/api/organizations', {
        method: 'PUT', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ organizations: [{ id: 'org-named-after-site', name: site.siteName, billableUsers: 3 }] }),
      });
      expect(added.status).to.equal(200);
      const el = await listFor('rmm', token);
      button(rowFor(el, 'Syncro'), 'Sync now').click();
      await waitUntil(() => toastTexts(el).some((t) => t.startsWith('Syncro synced')), 'no sync toast');
      expect(toastTexts(el).find((t) => t.startsWith('Syncro synced'))).to.match(/^Syncro synced: \d+ devices\. 1 new site mapped by exact name\.$/);
      const after = await api<{ mappings: Array<{ siteName: string; organizationId: string | null }> }>(token, `/integrations/${rmm.id}/rmm/mapping`);
      expect(after.mappings.find((m) => m.siteName === site.siteName)?.organizationId).to.equal('org-named-after-site');
    });

    it('a failed sync says so with its error; disconnected rows show no sync line', async () => {
      const { partner, token } = await newPartner();
      const rmm = await connectRmm({ partner, vendor: 'datto-rmm' });
      // After the first sync (on connect) succeeded, a later one failed.
      await seedSyncFailure({ partner, integrationId: rmm.id, lastError: 'Devices: The RMM refused the API key.', minutesAgo: 2 });
      const status = await api<{ deviceCount: number; activityCount: number }>(token, `/integrations/${rmm.id}/rmm/sync`);
      const el = await listFor('rmm', token);
      const row = () => rowFor(el, 'Datto RMM');
      expect(textOf(row().querySelector('[part~="sync-error"]'))).to.equal('Sync failed 2 min ago: Devices: The RMM refused the API key.');
      expect(lines(row(), 'sync')).to.include(`Last successful sync just now · ${status.deviceCount} devices · ${status.activityCount} activity entries`);

      button(row(), 'Disconnect').click();
      const dialog = shadow(shadow(el).querySelector('ih-confirm-dialog')!).querySelector('dialog')!;
      await waitUntil(() => dialog.open, 'no dialog');
      button(dialog, 'Disconnect').click();
      await waitUntil(() => statusOf(row()) === 'Disconnected', 'not disconnected');
      expect(row().querySelector('[part~="sync"]')).to.equal(null);
    });
  });
});
