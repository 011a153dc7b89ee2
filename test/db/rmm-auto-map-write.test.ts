/**
 * The sync's auto-mapping write on the run's engine (SQLite; PostgreSQL under
 * test/vitest.pg.config.ts): a site is mapped only while its row is still unmapped and not
 * ignored, so an admin's save that lands between the sync's read and its write is kept; the
 * system's audit entry names only what was mapped, and there is none when nothing was.
 */
import { describe, expect, it } from 'vitest';
import { freshTestDatabases } from '../helpers/fresh-test-database.js';
import { TEST_ENGINE } from '../helpers/test-database.js';

const openDatabase = freshTestDatabases('ih-rmm-auto-map-');
const PARTNER = 'partner-a';

const site = (siteId: string, organizationId: string | null, ignoreAutoMap = false) =>
  ({ siteId, siteName: `Site ${siteId}`, siteType: 'managed' as const, organizationId, ignoreAutoMap });
const audit = (ids: ReadonlySet<string>) => ({ partnerId: PARTNER, actor: 'system', action: 'rmm.auto-mapped', target: 'integration:x', after: { sites: [...ids].sort() } });

describe(`RMM auto-mapping write (${TEST_ENGINE})`, () => {
  it('fills new and still-unmapped rows only, and audits what it filled', async () => {
    const db = await openDatabase();
    const { partners, integrations, mappings } = db.repos;
    await partners.ensure(PARTNER);
    const { id } = await integrations.create({ partnerId: PARTNER, kind: 'rmm', vendor: 'syncro', credentialsSealed: 'iv.tag.x', credentialsKeyId: 'k1', accountLabel: null });
    // What the admin's save stored after the sync read the rows: s2 mapped by hand, s3 ignored.
    await mappings.replace(id, { rmmSites: [site('s1', null), site('s2', 'org-admin'), site('s3', null, true)] });

    const mapped = await mappings.autoMapRmmSites(id, [site('s1', 'org-1'), site('s2', 'org-2'), site('s3', 'org-3'), site('s4', 'org-4')], (ids) => ({ ...audit(ids), target: `integration:${id}` }));
    expect([...mapped].sort()).toEqual(['s1', 's4']);
    const rows = new Map((await mappings.listRmmSites(id)).map((r) => [r.siteId, r]));
    expect(rows.get('s1')?.organizationId).toBe('org-1');
    expect(rows.get('s2')?.organizationId).toBe('org-admin');
    expect(rows.get('s3')).toMatchObject({ organizationId: null, ignoreAutoMap: true });
    expect(rows.get('s4')).toMatchObject({ organizationId: 'org-4', siteName: 'Site s4', ignoreAutoMap: false });
    const entries = await db.repos.audit.list(PARTNER, { target: `integration:${id}` });
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ actor: 'system', action: 'rmm.auto-mapped', after: { sites: ['s1', 's4'] } });

    // Everything was taken meanwhile: nothing mapped, no entry.
    expect((await mappings.autoMapRmmSites(id, [site('s2', 'org-2'), site('s3', 'org-3')], (ids) => ({ ...audit(ids), target: `integration:${id}` }))).size).toBe(0);
    expect(await db.repos.audit.list(PARTNER, { target: `integration:${id}` })).toHaveLength(1);
  });
});
