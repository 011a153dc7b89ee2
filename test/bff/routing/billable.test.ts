/** Billable-user sync planning and scheduling, table-driven. */
import { describe, expect, it } from 'vitest';
import { isSyncDue, nextSyncDate, periodOf, planBillableSync } from '../../../bff/routing/billable.js';

describe('planBillableSync', () => {
  const organizations = new Map([['org-a', { name: 'A', billableUsers: 42 }], ['org-b', { name: 'B', billableUsers: 7 }]]);
  const row = (organizationId: string, over = {}) => ({ organizationId, contractId: `k-${organizationId}`, addService: true, serviceId: null, unitCost: null, unitPrice: null, ...over });

  it('uses the organization’s own service, else the default, with its overrides', () => {
    const plan = planBillableSync({ defaultServiceId: 's-default', organizations, mappings: [row('org-a'), row('org-b', { serviceId: 's-own', unitCost: 1.5, unitPrice: 4 })] });
    expect(plan.lines).toEqual([
      { organizationId: 'org-a', organizationName: 'A', contractId: 'k-org-a', serviceId: 's-default', units: 42, unitCost: null, unitPrice: null },
      { organizationId: 'org-b', organizationName: 'B', contractId: 'k-org-b', serviceId: 's-own', units: 7, unitCost: 1.5, unitPrice: 4 },
    ]);
  });

  it.each([
    ['add service off', row('org-a', { addService: false }), 's', 0, 0],
    ['no service anywhere', row('org-a'), null, 0, 1],
    ['unknown organization', row('org-x'), 's', 0, 1],
  ] as const)('leaves out: %s', (_n, mapping, defaultServiceId, lines, skipped) => {
    const plan = planBillableSync({ defaultServiceId, organizations, mappings: [mapping] });
    expect([plan.lines.length, plan.skipped.length]).toEqual([lines, skipped]);
  });
});

describe('monthly schedule (UTC)', () => {
  const at = (iso: string) => new Date(`${iso}T12:00:00Z`);
  it.each([
    ['before the day', '2025-03-04', 5, false, false, '2025-03-05'],
    ['on the day', '2025-03-05', 5, false, true, '2025-03-05'],
    ['after the day, not yet run (e.g. the server was down)', '2025-03-09', 5, false, true, '2025-03-09'],
    ['done this month', '2025-03-09', 5, true, false, '2025-04-05'],
    ['done in December', '2025-12-20', 28, true, false, '2026-01-28'],
  ] as const)('%s', (_n, day, syncDay, done, due, next) => {
    expect(isSyncDue(at(day), syncDay, done)).toBe(due);
    expect(nextSyncDate(at(day), syncDay, done)).toBe(next);
  });

  it('has no schedule without a sync day', () => {
    expect(isSyncDue(at('2025-03-09'), null, false)).toBe(false);
    expect(nextSyncDate(at('2025-03-09'), null, false)).toBeNull();
    expect(periodOf(at('2025-03-09'))).toBe('2025-03');
  });
});
