/**
 * @module One RMM integration's sync, end to end: claim it (so no two processes sync it at once),
 * map sites that have come to match an organization exactly (while auto-mapping is on), apply the
 * current mapping, walk the devices of the synced sites, read user activity, and record the
 * outcome (counts, last error, next run). Used by the scheduler, by "Sync now", and in the
 * background for a newly connected RMM's first sync.
 */
import { z } from 'zod';
import type { Repositories } from '../../../db/repositories/index.js';
import { ClaimLostError, type SyncClaim } from '../../../db/repositories/devices.repo.js';
import type { IntegrationRecord } from '../../../db/repositories/integrations.repo.js';
import { rmmSyncSummarySchema } from '../../contracts/integration-view.js';
import type { RmmSiteMappingRow } from '../../../db/repositories/mappings.repo.js';
import { rmmStoredSettingsSchema, type RmmStoredSettings } from '../../contracts/rmm-settings.js';
import { ProblemError } from '../../errors.js';
import type { Logger } from '../../logger.js';
import type { RmmSite, RmmVendor } from '../../contracts/model.js';
import { SYSTEM_ACTOR } from '../audit/audit-view.js';
import { VendorError } from '../../vendors/vendor-errors.js';
import type { VendorGateway } from '../vendor-gateway.js';
import { ACTIVITY_FEED, walkActivity, type ActivityWalkProgress } from './activity-walk.js';
import { walkDevices, type DeviceWalkProgress } from './device-walk.js';
import { syncSummary } from './sync-summary.js';
import { autoMapAuditAfter, newExactMatches } from './standing-auto-map.js';
import { chooseWalk, syncedSites } from './sync-plan.js';

export const rmmSyncResultSchema = z.object({
  integrationId: z.string(),
  outcome: z.enum(['succeeded', 'failed']),
  startedAt: z.string(),
  finishedAt: z.string(),
  durationMs: z.number(),
  devices: z.object({
    /** Account-wide listing, or site by site when that needs fewer vendor calls. */
    mode: z.enum(['account', 'sites']),
    sitesSynced: z.number(),
    pages: z.number(),
    listed: z.number(),
    added: z.number(),
    changed: z.number(),
    detached: z.number(),
    removed: z.number(),
  }),
  /** Sites this run mapped to the one organization of their exact name ("Automatically map organizations with a 100% match", kept as a standing rule). */
  sitesAutoMapped: z.number(),
  userActivity: z.object({ state: z.enum(['recorded', 'not_offered', 'no_organization', 'not_reached']), pages: z.number(), added: z.number() }),
  error: z.object({ part: z.enum(['devices', 'user_activity']), code: z.string(), message: z.string(), retryAfterSeconds: z.number().nullable() }).nullable(),
  sync: rmmSyncSummarySchema,
});
export type RmmSyncResult = z.infer<typeof rmmSyncResultSchema>;

export interface RmmSyncOptions {
  /** Time between two scheduled syncs of one integration (RMM_SYNC_INTERVAL_MINUTES). */
  intervalMs: number;
  /** How long a claim holds without renewal; every page renews it. A crashed sync's claim lapses after this. */
  leaseMs?: number;
  now?: () => number;
  /** Told of every sync started in the background, with its outcome to come (tests wait for it). */
  onBackgroundRun?: (integrationId: string, run: Promise<RmmSyncResult | null>) => void;
}

export interface RmmSyncDeps {
  repos: Repositories;
  vendors: VendorGateway;
  logger: Logger;
}

/** RMM_SYNC_INTERVAL_MINUTES when unset; seed 004 tells admins to allow 10–30 minutes for devices to appear. */
export const DEFAULT_RMM_SYNC_INTERVAL_MINUTES = 15;
const DEFAULT_LEASE_MS = 5 * 60_000;
/** After a failure the next scheduled try comes sooner than a full interval, but not before the vendor's Retry-After. */
const RETRY_AFTER_FAILURE_MS = 2 * 60_000;

export class RmmSyncService {
  readonly intervalMs: number;
  private readonly leaseMs: number;
  private readonly now: () => number;
  /** Syncs started without a caller waiting (startInBackground), by integration id. */
  private readonly background = new Map<string, Promise<RmmSyncResult | null>>();
  private readonly stopping = new AbortController();

  private readonly onBackgroundRun: RmmSyncOptions['onBackgroundRun'];

  constructor(
    private readonly deps: RmmSyncDeps,
    options: RmmSyncOptions,
  ) {
    this.onBackgroundRun = options.onBackgroundRun;
    this.intervalMs = options.intervalMs;
    this.leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
    this.now = options.now ?? Date.now;
  }

  /** "Sync now": runs at once and answers the result; 409 when not connected or already running. */
  async syncNow(partnerId: string, integrationId: string, signal?: AbortSignal): Promise<RmmSyncResult> {
    const { integration } = await this.deps.vendors.rmm(partnerId, integrationId);
    if (integration.status !== 'connected') {
      throw new ProblemError(409, 'not_connected', 'Not connected', 'Only a connected integration syncs. Finish the setup or reconnect the integration first.');
    }
    const result = await this.runIfFree(partnerId, integrationId, signal);
    if (!result) throw new ProblemError(409, 'sync_running', 'Already syncing', 'A sync of this integration is running now. Its result will show in the sync status.');
    return result;
  }

  /** Claims the integration and syncs it; null when it is not a connected RMM integration or someone else holds the claim. */
  async runIfFree(partnerId: string, integrationId: string, signal?: AbortSignal): Promise<RmmSyncResult | null> {
    const claimed = await this.claimIfFree(partnerId, integrationId);
    return claimed ? this.run(claimed.integration, claimed.claim, signal) : null;
  }

  /**
   * Starts a sync and does not wait for it: the first sync of a newly connected RMM (issue 17
   * item 10). The claim is taken before this resolves, so a status read right after it already
   * says "running"; the vendor walk goes on after the caller has answered, outside any transaction.
   * False when the integration is not a connected RMM or a sync of it is already running.
   */
  async startInBackground(partnerId: string, integrationId: string): Promise<boolean> {
    if (this.stopping.signal.aborted) return false;
    const claimed = await this.claimIfFree(partnerId, integrationId);
    if (!claimed) return false;
    const run = this.run(claimed.integration, claimed.claim, this.stopping.signal)
      .catch((err: unknown) => {
        // A lost claim or a database gone at shutdown: the run's outcome is someone else's to record.
        this.deps.logger.warn({ err, integrationId }, 'background rmm sync did not finish');
        return null;
      })
      .finally(() => this.background.delete(integrationId));
    this.background.set(integrationId, run);
    this.onBackgroundRun?.(integrationId, run);
    return true;
  }

  /** Interrupts background syncs (each records where it stopped) and waits for them; starts no more. */
  async stop(): Promise<void> {
    this.stopping.abort();
    await Promise.allSettled([...this.background.values()]);
  }

  private async claimIfFree(partnerId: string, integrationId: string): Promise<{ integration: IntegrationRecord; claim: SyncClaim } | null> {
    const integration = await this.deps.repos.integrations.get(partnerId, integrationId);
    if (!integration || integration.kind !== 'rmm' || integration.status !== 'connected') return null;
    const now = this.now();
    const claim = await this.deps.repos.devices.claim(integrationId, now, now + this.leaseMs);
    return claim ? { integration, claim } : null;
  }

  private async run(integration: IntegrationRecord, claim: SyncClaim, signal?: AbortSignal): Promise<RmmSyncResult> {
    const { repos, vendors, logger } = this.deps;
    const started = this.now();
    const leaseUntil = () => this.now() + this.leaseMs;
    const vendor = integration.vendor as RmmVendor;
    const devices: DeviceWalkProgress = { mode: 'account', sitesSynced: 0, pages: 0, listed: 0, added: 0, changed: 0, detached: 0, removed: 0 };
    const activity: ActivityWalkProgress = { pages: 0, added: 0 };
    let activityState: RmmSyncResult['userActivity']['state'] = ACTIVITY_FEED[vendor].offered ? 'not_reached' : 'not_offered';
    let part: 'devices' | 'user_activity' = 'devices';
    let failure: unknown = null;
    let sitesAutoMapped = 0;

    try {
      const { adapter } = await vendors.rmm(integration.partnerId, integration.id);
      const settings = rmmStoredSettingsSchema.parse(integration.settings ?? {});
      // Shared with the wizard's cached site list: a sync does not re-read sites every time.
      const vendorSites = await vendors.cached(integration.id, 'sites', () => adapter.listSites());
      const { rows, autoMapped } = await this.mapNewExactMatches(integration, settings, vendorSites);
      sitesAutoMapped = autoMapped;
      const synced = syncedSites(rows, settings.siteTypes, vendorSites);
      const moved = await repos.devices.applyMapping(claim, leaseUntil(), new Map([...synced].map(([id, s]) => [id, s.organizationId])));
      devices.detached += moved.detached;
      devices.sitesSynced = synced.size;
      devices.mode = chooseWalk(vendor, synced, vendorSites, await repos.devices.liveCountsBySite(integration.id)).mode;
      // Nothing mapped: applyMapping has already taken every stored device out of view.
      if (synced.size > 0) {
        await walkDevices({ repo: repos.devices, adapter, claim, leaseUntil, partnerId: integration.partnerId, synced, entraField: settings.entraDeviceIdField, signal }, devices);
      }

      part = 'user_activity';
      if (ACTIVITY_FEED[vendor].offered) {
        const organizationId = integration.userActivityOrganizationId;
        if (!organizationId) activityState = 'no_organization';
        else {
          const cursor = (await repos.devices.syncState(integration.id))?.activityCursor ?? null;
          await walkActivity({ repo: repos.devices, adapter, claim, leaseUntil, target: { partnerId: integration.partnerId, organizationId }, cursor, signal }, activity);
          activityState = 'recorded';
        }
      }
    } catch (error) {
      failure = error;
    }

    if (failure instanceof ClaimLostError) {
      // Another process took over after our claim lapsed: its run records the outcome, not ours.
      logger.warn({ integrationId: integration.id }, 'rmm sync lost its claim');
      throw new ProblemError(409, 'sync_running', 'Already syncing', 'This sync ran past its claim and another process took it over.');
    }
    const finished = this.now();
    const error = failure === null ? null : describeFailure(part, failure);
    if (failure !== null && !(failure instanceof VendorError)) logger.error({ err: failure, integrationId: integration.id }, 'rmm sync failed unexpectedly');
    const retryMs = error?.retryAfterSeconds ? error.retryAfterSeconds * 1000 : 0;
    const nextSyncAt = finished + (error ? Math.min(this.intervalMs, Math.max(RETRY_AFTER_FAILURE_MS, retryMs)) : this.intervalMs);
    await repos.devices.finish(claim, {
      finishedAt: new Date(finished).toISOString(),
      succeeded: error === null,
      lastError: error ? `${error.part === 'devices' ? 'Devices' : 'User activity'}: ${error.message}` : null,
      nextSyncAt,
    });
    const latest = await repos.integrations.get(integration.partnerId, integration.id) ?? integration;
    const result: RmmSyncResult = {
      integrationId: integration.id,
      outcome: error ? 'failed' : 'succeeded',
      startedAt: new Date(started).toISOString(),
      finishedAt: new Date(finished).toISOString(),
      durationMs: finished - started,
      devices,
      sitesAutoMapped,
      userActivity: { state: activityState, pages: activity.pages, added: activity.added },
      error,
      sync: syncSummary(latest, await repos.devices.syncState(integration.id), finished),
    };
    logger.info({ integrationId: integration.id, vendor, outcome: result.outcome, ms: result.durationMs, devices, activity, error: error?.code }, 'rmm sync');
    return result;
  }

  /**
   * Applies "Automatically map organizations with a 100% match" as a standing rule: sites that
   * have come to match one organization's name since the last save are mapped (and audited as
   * the system's doing) before this run decides what it syncs. Answers the mapping rows as stored
   * and how many sites it mapped.
   */
  private async mapNewExactMatches(integration: IntegrationRecord, settings: RmmStoredSettings, vendorSites: RmmSite[]): Promise<{ rows: RmmSiteMappingRow[]; autoMapped: number }> {
    const { repos, logger } = this.deps;
    const rows = await repos.mappings.listRmmSites(integration.id);
    if (!settings.autoMapExact) return { rows, autoMapped: 0 };
    const found = newExactMatches(settings, rows, vendorSites, await repos.organizations.list(integration.partnerId));
    if (found.length === 0) return { rows, autoMapped: 0 };
    const mapped = await repos.mappings.autoMapRmmSites(
      integration.id,
      found.map(({ organizationName: _, ...row }) => ({ ...row, ignoreAutoMap: false })),
      (ids) => ({ partnerId: integration.partnerId, actor: SYSTEM_ACTOR, action: 'rmm.auto-mapped', target: `integration:${integration.id}`, after: autoMapAuditAfter(found.filter((f) => ids.has(f.siteId))) }),
    );
    if (mapped.size === 0) return { rows, autoMapped: 0 };
    logger.info({ integrationId: integration.id, sites: mapped.size }, 'rmm sites auto-mapped');
    return { rows: await repos.mappings.listRmmSites(integration.id), autoMapped: mapped.size };
  }
}

function describeFailure(part: 'devices' | 'user_activity', failure: unknown): NonNullable<RmmSyncResult['error']> {
  if (failure instanceof VendorError) {
    const retryAfterMs = failure.details.retryAfterMs;
    return { part, code: `vendor_${failure.code}`, message: failure.message, retryAfterSeconds: retryAfterMs !== undefined ? Math.ceil(retryAfterMs / 1000) : null };
  }
  if (failure instanceof ProblemError) return { part, code: failure.code, message: failure.detail ?? failure.title, retryAfterSeconds: null };
  if (failure instanceof Error && failure.name === 'AbortError') return { part, code: 'interrupted', message: 'The sync was interrupted (the server stopped); the next run finishes it.', retryAfterSeconds: null };
  return { part, code: 'internal', message: 'Something went wrong on our side. It was logged.', retryAfterSeconds: null };
}
