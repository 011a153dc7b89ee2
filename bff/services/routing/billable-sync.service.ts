/**
 * @module Billable-user sync: sets each mapped contract's service quantity to the organization's
 * billable user count (its own service or the default contract service, with its cost and price
 * overrides), one vendor call per organization, each result recorded in billable_syncs. Runs on
 * demand and, from the worker's loop, once a month on or after the User Sync Day.
 */
import type { Repositories } from '../../../db/repositories/index.js';
import type { IntegrationRecord } from '../../../db/repositories/integrations.repo.js';
import type { Logger } from '../../logger.js';
import { isSyncDue, periodOf, planBillableSync, type BillableLine } from '../../routing/billable.js';
import { psaFieldLabels } from '../../contracts/vendor-field-labels.js';
import { isPsaVendor } from '../../contracts/vendor-catalog.js';
import { classifyFailure } from '../../routing/failure.js';
import type { VendorGateway } from '../vendor-gateway.js';
import type { RoutingConfig } from './routing-config.js';
import { parsePsaSettings } from './routing-decider.js';

/** A planned line and what happened when it was sent. */
export type BillableLineResult = BillableLine & { status: 'sent' | 'failed'; error: string | null };

export interface BillableSyncResult {
  integrationId: string;
  period: string;
  results: BillableLineResult[];
  skipped: Array<{ organizationId: string; reason: string }>;
}

export class BillableSyncService {
  constructor(
    private readonly repos: Repositories,
    private readonly vendors: VendorGateway,
    private readonly logger: Logger,
    private readonly config: Pick<RoutingConfig, 'billableTriesPerPeriod'>,
  ) {}

  /** The lines this integration would sync now (no vendor call). */
  async plan(integration: IntegrationRecord) {
    const settings = parsePsaSettings(integration);
    const organizations = new Map((await this.repos.organizations.list(integration.partnerId)).map((o) => [o.id, { name: o.name, billableUsers: o.billableUsers }]));
    return planBillableSync({
      defaultServiceId: settings?.contract?.defaultServiceId ?? null,
      mappings: await this.repos.mappings.listPsaContracts(integration.id),
      organizations,
      labels: psaFieldLabels(isPsaVendor(integration.vendor) ? integration.vendor : undefined).contract,
    });
  }

  /**
   * On demand (admin): every planned line, now, recorded under the period `manual`.
   * ASSUMPTION: it runs whether or not the scheduled sync is switched on (Add Service is the per-organization opt-in).
   */
  async syncNow(partnerId: string, integrationId: string, signal?: AbortSignal): Promise<BillableSyncResult> {
    const { integration, adapter } = await this.vendors.psa(partnerId, integrationId);
    const plan = await this.plan(integration);
    const results: BillableLineResult[] = [];
    for (const line of plan.lines) results.push(await this.send(integration.id, line, 'manual', (input) => adapter.setContractServiceUnits(input, signal)));
    return { integrationId, period: 'manual', results, skipped: plan.skipped };
  }

  /**
   * The monthly run of every active PSA integration with billable-user sync on, once due. A line
   * already sent this month is not sent again; a failing one is tried a few times, then waits for
   * an admin (the health view shows it).
   */
  async runScheduled(now: Date, signal?: AbortSignal): Promise<BillableSyncResult[]> {
    const period = periodOf(now);
    const runs: BillableSyncResult[] = [];
    for (const { id, partnerId } of await this.repos.routing.activePsaIntegrations()) {
      const integration = await this.repos.integrations.get(partnerId, id);
      const contract = integration ? parsePsaSettings(integration)?.contract : null;
      if (!integration || !contract?.syncBillableUsers) continue;
      const todo = await this.dueLines(integration, period);
      if (!isSyncDue(now, contract.userSyncDay, todo.length === 0)) continue;
      let adapter;
      try {
        adapter = (await this.vendors.psa(partnerId, id)).adapter;
      } catch (error) {
        this.logger.warn({ integrationId: id, err: error }, 'routing: billable-user sync could not open the integration');
        continue;
      }
      const results: BillableLineResult[] = [];
      for (const line of todo) {
        if (signal?.aborted) break;
        results.push(await this.send(id, line, period, (input) => adapter.setContractServiceUnits(input, signal)));
      }
      this.logger.info({ integrationId: id, period, sent: results.filter((r) => r.status === 'sent').length, failed: results.filter((r) => r.status === 'failed').length }, 'routing: billable-user sync ran');
      runs.push({ integrationId: id, period, results, skipped: [] });
    }
    return runs;
  }

  /** Planned lines not yet sent this period and not out of tries. */
  async dueLines(integration: IntegrationRecord, period: string): Promise<BillableLine[]> {
    const rows = await this.repos.routing.billableSyncs(integration.id, period);
    return (await this.plan(integration)).lines.filter((line) => {
      const mine = rows.filter((r) => r.organizationId === line.organizationId);
      return !mine.some((r) => r.status === 'sent') && mine.length < this.config.billableTriesPerPeriod;
    });
  }

  private async send(integrationId: string, line: BillableLine, period: string, call: (input: { contractId: string; serviceId: string; units: number; unitCost: number | null; unitPrice: number | null }) => Promise<void>): Promise<BillableLineResult> {
    let error: string | null = null;
    try {
      await call({ contractId: line.contractId, serviceId: line.serviceId, units: line.units, unitCost: line.unitCost, unitPrice: line.unitPrice });
    } catch (e) {
      error = classifyFailure(e).message;
    }
    const status = error ? 'failed' as const : 'sent' as const;
    await this.repos.routing.recordBillableSync({
      integrationId, organizationId: line.organizationId, contractId: line.contractId, serviceId: line.serviceId, units: line.units,
      unitCost: line.unitCost, unitPrice: line.unitPrice, period, status, error,
    });
    return { ...line, status, error };
  }
}
