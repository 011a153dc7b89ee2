/**
 * @module Admin operations on a PSA integration beyond its wizard: "Send test ticket" (a clearly
 * marked ticket in the catch-all account with the integration's defaults) and the health view
 * (last delivery, queue depth, failures with advice, billable-user sync schedule and results).
 */
import type { Repositories } from '../../../db/repositories/index.js';
import type { IntegrationRecord } from '../../../db/repositories/integrations.repo.js';
import { ProblemError } from '../../errors.js';
import { nextSyncDate, periodOf } from '../../routing/billable.js';
import { FAILURE_ADVICE, failureCodeOfAdvice, type FailureCode } from '../../routing/failure.js';
import { newMarker } from '../../routing/group-step.js';
import type { VendorGateway } from '../vendor-gateway.js';
import type { BillableSyncService } from './billable-sync.service.js';
import { availabilityOf } from './integration-availability.js';
import { parsePsaSettings } from './routing-decider.js';

export interface TestTicketResult {
  vendorTicketId: string;
  ticketNumber: string | null;
  title: string;
  accountId: string;
  contactId: string | null;
}

const RECENT = 20;

export class PsaOperationsService {
  constructor(
    private readonly repos: Repositories,
    private readonly vendors: VendorGateway,
    private readonly billable: BillableSyncService,
  ) {}

  async sendTestTicket(partnerId: string, integrationId: string, now = new Date()): Promise<TestTicketResult> {
    const { integration, adapter } = await this.vendors.psa(partnerId, integrationId);
    const settings = parsePsaSettings(integration);
    const ticket = settings?.ticket;
    if (!settings?.catchAllAccountId || !ticket) {
      throw new ProblemError(409, 'not_ready', 'Not ready', 'Save the Account Mapping (catch-all account) and the Service Parameters first; the test ticket uses them.');
    }
    // ASSUMPTION: the test ticket uses the informational severity's priority (the least urgent) and no contract.
    const title = `[TEST] Integration hub test ticket ${now.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
    const contactId = settings.attachContacts ? settings.catchAllContactId : null;
    const created = await adapter.createTicket({
      accountId: settings.catchAllAccountId, contactId, title,
      description: [
        'This is a test ticket from the integration hub’s PSA settings (“Send test ticket”).',
        'It checks that tickets reach this account with the integration’s ticket defaults. No alert caused it; you can close it.',
      ].join('\n\n'),
      statusId: ticket.statusId, priorityId: ticket.priorityMap.informational, queueId: ticket.queueId, typeId: ticket.typeId,
      sourceId: ticket.sourceId, categoryId: ticket.categoryId, issueTypeId: ticket.issueTypeId, subIssueTypeId: ticket.subIssueTypeId,
      contractId: null, marker: newMarker('ticket'),
    });
    return { vendorTicketId: created.id, ticketNumber: created.number, title, accountId: settings.catchAllAccountId, contactId };
  }

  async health(integration: IntegrationRecord, now = new Date()) {
    const routing = this.repos.routing;
    const counts = await routing.counts(integration.partnerId, integration.id);
    const last = await routing.lastDelivered(integration.id);
    const failed = await routing.failures(integration.id, RECENT);
    const byCode = new Map<string, { code: FailureCode | null; advice: string; count: number }>();
    for (const row of failed) {
      const key = row.reason ?? '';
      const entry = byCode.get(key) ?? { code: failureCodeOfAdvice(row.reason), advice: row.reason ?? FAILURE_ADVICE.internal, count: 0 };
      entry.count++;
      byCode.set(key, entry);
    }
    const contract = parsePsaSettings(integration)?.contract ?? null;
    const syncs = await routing.billableSyncs(integration.id);
    const latestPerOrg = new Map<string, (typeof syncs)[number]>();
    for (const row of syncs) if (!latestPerOrg.has(row.organizationId)) latestPerOrg.set(row.organizationId, row);
    const period = periodOf(now);
    const done = (await this.billable.dueLines(integration, period)).length === 0;
    return {
      integrationId: integration.id,
      status: integration.deletedAt ? 'deleted' : integration.status,
      availability: await availabilityOf(this.repos, integration.id),
      lastDelivery: last ? { alertId: last.alertId, outcome: last.outcome, vendorTicketId: last.vendorTicketId, deliveredAt: last.deliveredAt } : null,
      queue: { depth: counts.queued + counts.unresolved, retrying: (await routing.retrying(integration.id, RECENT)).map((r) => ({ alertId: r.alertId, attempts: r.attempts, lastError: r.lastError, nextAttemptAt: new Date(r.nextAttemptAt).toISOString() })) },
      totals: { delivered: counts.delivered, skipped: counts.skipped, failed: counts.failed },
      failures: {
        total: counts.failed,
        advice: [...byCode.values()],
        recent: failed.map((r) => ({ alertId: r.alertId, attempts: r.attempts, lastError: r.lastError, advice: r.reason, code: failureCodeOfAdvice(r.reason), at: r.updatedAt })),
      },
      billableSync: {
        enabled: Boolean(contract?.syncBillableUsers),
        userSyncDay: contract?.userSyncDay ?? null,
        nextSyncDate: contract?.syncBillableUsers ? nextSyncDate(now, contract.userSyncDay, done) : null,
        lastResults: [...latestPerOrg.values()].map((r) => ({
          organizationId: r.organizationId, contractId: r.contractId, serviceId: r.serviceId, units: r.units, period: r.period, status: r.status, error: r.error, at: r.at,
        })),
      },
    };
  }
}
