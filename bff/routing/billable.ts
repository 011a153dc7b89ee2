/**
 * @module Billable-user sync as pure functions: which contract lines to set (organizations with a
 * mapped contract and "add service" on, with their own service or the default contract service and
 * their cost/price overrides), and when the monthly run is due (on or after the User Sync Day, once
 * per calendar month, UTC).
 */
import { GENERIC_PSA_FIELD_LABELS, withArticle, type ContractFieldLabels } from '../contracts/vendor-field-labels.js';

export interface BillableLine {
  organizationId: string;
  organizationName: string;
  contractId: string;
  serviceId: string;
  units: number;
  unitCost: number | null;
  unitPrice: number | null;
}

export interface BillablePlanInput {
  defaultServiceId: string | null;
  mappings: Array<{ organizationId: string; contractId: string; addService: boolean; serviceId: string | null; unitCost: number | null; unitPrice: number | null }>;
  organizations: Map<string, { name: string; billableUsers: number }>;
  /** The PSA's own words for the contract fields, for the reasons (vendor-field-labels.ts); the seeds' words without. */
  labels?: ContractFieldLabels;
}

export interface BillablePlan {
  lines: BillableLine[];
  /** Mapped organizations left out, and why. */
  skipped: Array<{ organizationId: string; reason: string }>;
}

export function planBillableSync(input: BillablePlanInput): BillablePlan {
  const plan: BillablePlan = { lines: [], skipped: [] };
  const labels = input.labels ?? GENERIC_PSA_FIELD_LABELS.contract;
  for (const row of input.mappings) {
    if (!row.addService) continue;
    const org = input.organizations.get(row.organizationId);
    const serviceId = row.serviceId ?? input.defaultServiceId;
    if (!org) plan.skipped.push({ organizationId: row.organizationId, reason: 'The organization is not known to the integration hub (the platform has not sent it).' });
    else if (!serviceId) plan.skipped.push({ organizationId: row.organizationId, reason: `No ${labels.serviceNoun} to add: choose ${withArticle(labels.defaultServiceId)} in Contract Mapping.` });
    else plan.lines.push({ organizationId: row.organizationId, organizationName: org.name, contractId: row.contractId, serviceId, units: org.billableUsers, unitCost: row.unitCost, unitPrice: row.unitPrice });
  }
  return plan;
}

/** `YYYY-MM` of a date (UTC): the scheduled run's period. */
export function periodOf(now: Date): string {
  return now.toISOString().slice(0, 7);
}

// ASSUMPTION: the run is due on or after the sync day (UTC) until it has run that month, so a BFF
// that was down on the day catches up; an admin can always sync on demand.
export function isSyncDue(now: Date, userSyncDay: number | null, doneThisPeriod: boolean): boolean {
  return userSyncDay !== null && !doneThisPeriod && now.getUTCDate() >= userSyncDay;
}

/** The date (YYYY-MM-DD, UTC) of the next scheduled run; today when it is due and not yet done. */
export function nextSyncDate(now: Date, userSyncDay: number | null, doneThisPeriod: boolean): string | null {
  if (userSyncDay === null) return null;
  const y = now.getUTCFullYear();
  const m = now.getUTCMonth();
  if (!doneThisPeriod) {
    if (now.getUTCDate() <= userSyncDay) return new Date(Date.UTC(y, m, userSyncDay)).toISOString().slice(0, 10);
    return now.toISOString().slice(0, 10);
  }
  return new Date(Date.UTC(y, m + 1, userSyncDay)).toISOString().slice(0, 10);
}
