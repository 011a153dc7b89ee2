/**
 * @module PostgreSQL implementation of the devices repository (same interface as
 * db/repositories/devices.repo.ts). The sync claim is the same lease row (`running_until`), taken
 * with one conditional UPDATE, so one sync per integration runs at a time across every instance;
 * each page is written in one transaction together with the claim's renewal.
 */
import { and, asc, count, desc, eq, inArray, isNotNull, isNull, lte, notInArray, sql } from 'drizzle-orm';
import type { PgDb } from '../pg-client.js';
import { integrations, rmmActivity, rmmDevices, rmmSyncState } from '../schema-pg/index.js';
import { nowIso } from '../schema/columns.helpers.js';
import { ClaimLostError, type DeviceMatch, type DeviceRow, type DevicesRepo, type SyncClaim } from '../repositories/devices.repo.js';

type Tx = Parameters<Parameters<PgDb['transaction']>[0]>[0];

const MAX_MATCHES = 20;
/** Rows per multi-row upsert: well under PostgreSQL's 65,535 bind parameters (12 per device). */
const UPSERT_CHUNK = 1_000;
const COLUMNS = `d.integration_id as "integrationId", i.vendor as vendor, d.device_id as "deviceId", d.site_id as "siteId",
  d.organization_id as "organizationId", d.hostname as hostname, d.os as os, d.last_seen as "lastSeen", d.online as online,
  d.entra_device_id as "entraDeviceId", d.updated_at as "updatedAt"`;
const LIVE = `d.partner_id = $1 and d.removed_at is null and d.organization_id is not null and i.deleted_at is null`;
const LOOKUP = (where: string) => `select ${COLUMNS}, o.name as "organizationName" from rmm_devices d
   join integrations i on i.id = d.integration_id
   join rmm_site_mappings m on m.integration_id = d.integration_id and m.site_id = d.site_id and m.organization_id = d.organization_id
   join organizations o on o.partner_id = d.partner_id and o.id = d.organization_id
 where ${LIVE} and ${where}
 order by d.online desc, d.last_seen desc nulls last, d.device_id limit ${MAX_MATCHES}`;
const IN_ORG = `${LIVE} and d.organization_id = $2
  and (d.integration_id, d.site_id) in (select integration_id, site_id from rmm_site_mappings where organization_id = $2)`;

export function createPgDevicesRepo(db: PgDb): DevicesRepo {
  const pool = db.$client;

  async function underClaim<T>(claim: SyncClaim, until: number, write: (tx: Tx) => Promise<T>): Promise<T> {
    const result = await db.transaction(async (tx) => {
      const renewed = await tx.update(rmmSyncState).set({ runningUntil: until })
        .where(and(eq(rmmSyncState.integrationId, claim.integrationId), eq(rmmSyncState.runningUntil, claim.token))).returning({ id: rmmSyncState.integrationId });
      if (renewed.length !== 1) throw new ClaimLostError(claim.integrationId);
      return write(tx);
    });
    claim.token = until;
    return result;
  }

  return {
    async syncState(integrationId) {
      return (await db.select().from(rmmSyncState).where(eq(rmmSyncState.integrationId, integrationId)))[0];
    },
    async dueForSync(now) {
      return db.select({ integrationId: integrations.id, partnerId: integrations.partnerId }).from(integrations)
        .leftJoin(rmmSyncState, eq(rmmSyncState.integrationId, integrations.id))
        .where(and(eq(integrations.kind, 'rmm'), eq(integrations.status, 'connected'), isNull(integrations.deletedAt), isNotNull(integrations.credentialsSealed),
          sql`coalesce(${rmmSyncState.nextSyncAt}, 0) <= ${now}`, sql`coalesce(${rmmSyncState.runningUntil}, 0) <= ${now}`))
        .orderBy(sql`coalesce(${rmmSyncState.nextSyncAt}, 0)`);
    },
    async claim(integrationId, now, until) {
      await db.insert(rmmSyncState).values({ integrationId }).onConflictDoNothing();
      const won = await db.update(rmmSyncState).set({ runningUntil: until, lastStartedAt: new Date(now).toISOString() })
        .where(and(eq(rmmSyncState.integrationId, integrationId), lte(rmmSyncState.runningUntil, now))).returning({ id: rmmSyncState.integrationId });
      return won.length === 1 ? { integrationId, token: until } : null;
    },
    async finish(claim, outcome) {
      return db.transaction(async (tx) => {
        const [devices] = await tx.select({ n: count() }).from(rmmDevices)
          .where(and(eq(rmmDevices.integrationId, claim.integrationId), isNull(rmmDevices.removedAt), isNotNull(rmmDevices.organizationId)));
        const [activity] = await tx.select({ n: count() }).from(rmmActivity).where(eq(rmmActivity.integrationId, claim.integrationId));
        const done = await tx.update(rmmSyncState).set({
          runningUntil: 0, lastFinishedAt: outcome.finishedAt, lastError: outcome.lastError, nextSyncAt: outcome.nextSyncAt,
          deviceCount: Number(devices!.n), activityCount: Number(activity!.n), ...(outcome.succeeded ? { lastSuccessAt: outcome.finishedAt } : {}),
        }).where(and(eq(rmmSyncState.integrationId, claim.integrationId), eq(rmmSyncState.runningUntil, claim.token))).returning({ id: rmmSyncState.integrationId });
        return done.length === 1;
      });
    },
    async applyMapping(claim, until, synced) {
      return underClaim(claim, until, async (tx) => {
        const now = nowIso();
        const detached = await tx.update(rmmDevices).set({ organizationId: null, updatedAt: now })
          .where(and(eq(rmmDevices.integrationId, claim.integrationId), isNotNull(rmmDevices.organizationId),
            notInArray(rmmDevices.siteId, [...synced.keys()]))).returning({ id: rmmDevices.deviceId });
        let moved = 0;
        for (const [siteId, organizationId] of synced) {
          moved += (await tx.update(rmmDevices).set({ organizationId, updatedAt: now })
            .where(and(eq(rmmDevices.integrationId, claim.integrationId), eq(rmmDevices.siteId, siteId), isNull(rmmDevices.removedAt),
              sql`${rmmDevices.organizationId} is distinct from ${organizationId}`)).returning({ id: rmmDevices.deviceId })).length;
        }
        return { detached: detached.length, moved };
      });
    },
    async writeDevicePage(claim, until, partnerId, rows, detach) {
      return underClaim(claim, until, async (tx) => {
        const now = nowIso();
        const integrationId = claim.integrationId;
        let added = 0;
        let changed = 0;
        let detached = 0;
        // One read of what is stored and one multi-row upsert per chunk (not two statements per
        // device); a device listed twice keeps its last row, as writing them in turn would.
        const unique = [...new Map(rows.map((r) => [r.deviceId, r])).values()];
        for (let i = 0; i < unique.length; i += UPSERT_CHUNK) {
          const chunk = unique.slice(i, i + UPSERT_CHUNK);
          const known = new Map((await tx.select({ id: rmmDevices.deviceId, removedAt: rmmDevices.removedAt }).from(rmmDevices)
            .where(and(eq(rmmDevices.integrationId, integrationId), inArray(rmmDevices.deviceId, chunk.map((r) => r.deviceId))))).map((r) => [r.id, r]));
          const written = await tx.insert(rmmDevices).values(chunk.map((row) => ({ ...row, partnerId, integrationId, updatedAt: now }))).onConflictDoUpdate({
            target: [rmmDevices.integrationId, rmmDevices.deviceId],
            set: {
              siteId: sql`excluded.site_id`, organizationId: sql`excluded.organization_id`, hostname: sql`excluded.hostname`, os: sql`excluded.os`,
              lastSeen: sql`excluded.last_seen`, online: sql`excluded.online`, entraDeviceId: sql`excluded.entra_device_id`, removedAt: sql`null`, updatedAt: sql`excluded.updated_at`,
            },
            // An unchanged device is not rewritten.
            setWhere: sql`${rmmDevices.removedAt} is not null or ${rmmDevices.siteId} is distinct from excluded.site_id or ${rmmDevices.organizationId} is distinct from excluded.organization_id
              or ${rmmDevices.hostname} is distinct from excluded.hostname or ${rmmDevices.os} is distinct from excluded.os or ${rmmDevices.lastSeen} is distinct from excluded.last_seen
              or ${rmmDevices.online} is distinct from excluded.online or ${rmmDevices.entraDeviceId} is distinct from excluded.entra_device_id`,
          }).returning({ id: rmmDevices.deviceId });
          for (const { id } of written) {
            const before = known.get(id);
            if (!before || before.removedAt) added++;
            else changed++;
          }
        }
        for (const dt of detach) {
          detached += (await tx.update(rmmDevices).set({ siteId: dt.siteId, organizationId: null, updatedAt: now })
            .where(and(eq(rmmDevices.integrationId, integrationId), eq(rmmDevices.deviceId, dt.deviceId),
              sql`(${rmmDevices.organizationId} is not null or ${rmmDevices.siteId} is distinct from ${dt.siteId})`)).returning({ id: rmmDevices.deviceId })).length;
        }
        return { added, changed, detached };
      });
    },
    async liveDeviceIds(integrationId) {
      return (await db.select({ id: rmmDevices.deviceId }).from(rmmDevices)
        .where(and(eq(rmmDevices.integrationId, integrationId), isNull(rmmDevices.removedAt)))).map((r) => r.id);
    },
    async liveCountsBySite(integrationId) {
      const rows = await db.select({ siteId: rmmDevices.siteId, n: count() }).from(rmmDevices)
        .where(and(eq(rmmDevices.integrationId, integrationId), isNull(rmmDevices.removedAt))).groupBy(rmmDevices.siteId);
      return new Map(rows.map((r) => [r.siteId, Number(r.n)]));
    },
    async markRemoved(claim, until, deviceIds) {
      return underClaim(claim, until, async (tx) => {
        if (deviceIds.length === 0) return 0;
        const now = nowIso();
        return (await tx.update(rmmDevices).set({ removedAt: now, updatedAt: now })
          .where(and(eq(rmmDevices.integrationId, claim.integrationId), inArray(rmmDevices.deviceId, deviceIds), isNull(rmmDevices.removedAt)))
          .returning({ id: rmmDevices.deviceId })).length;
      });
    },
    async writeActivityPage(claim, until, target, items, cursor) {
      return underClaim(claim, until, async (tx) => {
        let inserted = 0;
        for (const item of items) {
          inserted += (await tx.insert(rmmActivity).values({ ...target, integrationId: claim.integrationId, vendorActivityId: item.id, at: item.at, user: item.user, action: item.action, details: item.details })
            .onConflictDoNothing().returning({ id: rmmActivity.id })).length;
        }
        await tx.update(rmmSyncState).set({ activityCursor: cursor }).where(eq(rmmSyncState.integrationId, claim.integrationId));
        return inserted;
      });
    },
    async listActivity(integrationId, limit = 100) {
      return db.select().from(rmmActivity).where(eq(rmmActivity.integrationId, integrationId)).orderBy(desc(rmmActivity.at), desc(rmmActivity.id)).limit(limit);
    },
    async allDevices(integrationId) {
      return db.select().from(rmmDevices).where(eq(rmmDevices.integrationId, integrationId)).orderBy(asc(rmmDevices.deviceId));
    },
    async findByEntraDeviceId(partnerId, entraDeviceId) {
      return (await pool.query<DeviceMatch>({ name: 'devices-by-entra', text: LOOKUP('d.entra_device_id = $2'), values: [partnerId, entraDeviceId] })).rows;
    },
    async findByHostname(partnerId, hostname) {
      return (await pool.query<DeviceMatch>({ name: 'devices-by-hostname', text: LOOKUP('lower(d.hostname) = lower($2)'), values: [partnerId, hostname] })).rows;
    },
    async countForOrganizationByIntegration(partnerId, organizationId) {
      const { rows } = await pool.query<{ integrationId: string; n: number }>({
        name: 'devices-org-count-by-integration',
        text: `select d.integration_id as "integrationId", count(*)::int as n from rmm_devices d join integrations i on i.id = d.integration_id
          where ${IN_ORG} group by d.integration_id`,
        values: [partnerId, organizationId],
      });
      return Object.fromEntries(rows.map((r) => [r.integrationId, r.n]));
    },
    async listForOrganization(partnerId, organizationId, page) {
      const params: unknown[] = [partnerId, organizationId];
      let where = IN_ORG;
      if (page.search) {
        params.push(`%${page.search.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`);
        where += ` and d.hostname ilike $3 escape '\\'`;
      }
      const n = params.length;
      const [list, total] = await Promise.all([
        pool.query<DeviceRow>(`select ${COLUMNS} from rmm_devices d join integrations i on i.id = d.integration_id
          where ${where} order by lower(d.hostname), d.device_id limit $${n + 1} offset $${n + 2}`, [...params, page.limit, page.offset]),
        pool.query<{ n: number }>(`select count(*)::int as n from rmm_devices d join integrations i on i.id = d.integration_id where ${where}`, params),
      ]);
      return { devices: list.rows, total: total.rows[0]!.n };
    },
  };
}
