/**
 * Suggested matches measured on the sandboxes' own seeded account/site lists against the demo
 * organizations: recall and precision of the one-to-one suggestions, and no wrong pair scoring at or
 * above the threshold at all. The expected pairs are written down in the fixture, not derived.
 */
import { describe, expect, it } from 'vitest';
import { DEMO_ORGANIZATIONS } from '../../../../bff/demo/demo-organizations.js';
import { seedAutotask } from '../../../../bff/sandboxes/autotask/autotask.seed.js';
import { seedConnectWise } from '../../../../bff/sandboxes/connectwise/connectwise.seed.js';
import { seedDattoRmm } from '../../../../bff/sandboxes/datto-rmm/datto-rmm.seed.js';
import { seedHaloPsa } from '../../../../bff/sandboxes/halopsa/halopsa.seed.js';
import { seedKaseyaBms } from '../../../../bff/sandboxes/kaseya-bms/kaseya-bms.seed.js';
import { seedSyncro } from '../../../../bff/sandboxes/syncro/syncro.seed.js';
import { NameIndex, SUGGESTION_THRESHOLD, compareNames, nameKey, suggestMatches } from '../../../../web-components/wizards/shared/name-match.js';
import expected from '../../../fixtures/name-match/expected-pairs.json' with { type: 'json' };

const SEEDED_NAMES: Record<string, () => string[]> = {
  autotask: () => seedAutotask().rows('Companies').map((r) => String(r.companyName)),
  connectwise: () => seedConnectWise().companies.map((c) => c.name),
  halopsa: () => seedHaloPsa().clients.map((c) => c.name),
  'kaseya-bms': () => seedKaseyaBms().accounts.map((a) => a.name),
  'datto-rmm sites': () => seedDattoRmm(undefined).sites.map((s) => s.name),
  'syncro customers': () => seedSyncro(undefined).customers.map((c) => c.businessName ?? `${c.firstname} ${c.lastname}`),
};

const key = (account: string, organizationId: string) => `${account} → ${organizationId}`;
const EXPECTED = new Set(expected.seedPairs.map((p) => key(p.account, p.organizationId)));

describe.each(Object.entries(SEEDED_NAMES))('suggested matches on the %s seed', (_vendor, names) => {
  const accounts = names();
  const organizations = new NameIndex(DEMO_ORGANIZATIONS, (o) => o.name);

  it('suggests every expected pair (recall 1) and nothing else (precision 1), each organization once', () => {
    const suggested = suggestMatches(accounts, (a) => a, organizations);
    const got = new Set(suggested.map((s) => key(s.account, s.organization.id)));
    const hits = [...got].filter((p) => EXPECTED.has(p)).length;
    expect({ recall: hits / EXPECTED.size, precision: hits / got.size, missing: [...EXPECTED].filter((p) => !got.has(p)), wrong: [...got].filter((p) => !EXPECTED.has(p)) })
      .toEqual({ recall: 1, precision: 1, missing: [], wrong: [] });
    expect(new Set(suggested.map((s) => s.organization.id)).size).toBe(suggested.length);
  });

  it('scores no wrong pair at or above the acceptance threshold, and says why for the near ones', () => {
    const above = accounts.flatMap((a) => organizations.matches(nameKey(a), SUGGESTION_THRESHOLD, Infinity).map((m) => ({ pair: key(a, m.item.id), reason: m.reason })));
    expect(above.filter((p) => !EXPECTED.has(p.pair))).toEqual([]);
    for (const pair of expected.seedPairs.filter((p) => p.reason)) {
      expect(above.find((p) => p.pair === key(pair.account, pair.organizationId))?.reason).toBe(pair.reason);
    }
  });
});

describe('name comparison', () => {
  it.each(expected.handWritten)('$account vs $organization: match $match', ({ account, organization, match, reason }) => {
    const result = compareNames(nameKey(account), nameKey(organization));
    expect(result.score >= SUGGESTION_THRESHOLD).toBe(match);
    if (reason) expect(result.reason).toBe(reason);
  });

  it('never suggests one organization for two accounts: the better-scoring account gets it', () => {
    const orgs = new NameIndex([{ id: 'o1', name: 'Fjord Marine Supply' }], (o) => o.name);
    const suggested = suggestMatches(['FJORD MARINE SUPPLY LTD', 'Fjord Marine Supply', 'Fjord Marine Suply'], (a) => a, orgs);
    expect(suggested.map((s) => [s.account, s.organization.id, s.reason])).toEqual([['Fjord Marine Supply', 'o1', 'same name']]);
  });

  it('refuses names that differ only in a number (a branch or site, not a typo)', () => {
    expect(compareNames(nameKey('Harbor Clinic 2'), nameKey('Harbor Clinic 3')).score).toBeLessThan(SUGGESTION_THRESHOLD);
  });

  it('matches 10,000 accounts against 2,000 organizations named from one vocabulary, one-to-one', () => {
    const A = ['Alder', 'Beacon', 'Birch', 'Cobalt', 'Cedar', 'Crescent', 'Falcon', 'Granite', 'Harbor', 'Iron', 'Juniper', 'Lantern',
      'Maple', 'Meadow', 'Nimbus', 'Orchid', 'Pioneer', 'Quartz', 'Raven', 'Sierra', 'Spruce', 'Summit', 'Tundra', 'Vista', 'Willow'];
    const B = ['Dental', 'Logistics', 'Legal', 'Clinic', 'Realty', 'Foods', 'Analytics', 'Builders', 'Hotels', 'Motors', 'Pharmacy',
      'Studios', 'Farms', 'Finance', 'Labs', 'Outfitters', 'Schools', 'Marine', 'Energy', 'Design'];
    const C = ['Group', 'Partners', 'Associates', 'Services', 'Holdings', 'Trust', 'Works', 'Collective'];
    const name = (i: number) => `${A[i % 25]} ${B[Math.floor(i / 25) % 20]} ${C[Math.floor(i / 500) % 8]}`;
    const orgs = new NameIndex(Array.from({ length: 2000 }, (_, i) => ({ id: `o${i}`, name: `${name(i)} Ltd` })), (o) => o.name);
    // Every fifth account is an organization's name in capitals; the others belong to no organization.
    const accounts = Array.from({ length: 10_000 }, (_, i) => (i % 5 === 0 ? name(i / 5).toUpperCase() : `${name(i)} Annex ${i}`));
    const suggested = suggestMatches(accounts, (a) => a, orgs);
    expect(suggested.length).toBe(2000);
    expect(suggested.every((s) => s.organization.name.toUpperCase() === `${s.account} LTD`)).toBe(true);
    expect(suggested[1]!.reason).toBe('same name but for case and ‘Ltd’');
  });
});
