/**
 * @module An RMM integration's sync state as the API shows it: the summary on the integration view
 * and the fuller status of `GET /api/integrations/:id/rmm/sync`. Pure, over the stored state row.
 */
import { z } from 'zod';
import type { Repositories } from '../../../db/repositories/index.js';
import type { RmmSyncStateRow } from '../../../db/repositories/devices.repo.js';
import type { IntegrationRecord } from '../../../db/repositories/integrations.repo.js';
import { integrationStatusSchema, rmmSyncSummarySchema, type RmmSyncSummary } from '../../contracts/integration-view.js';
import type { RmmVendor } from '../../contracts/model.js';
import { ACTIVITY_FEED } from './activity-walk.js';

// The contract is a zod/mini schema (it has no .extend); its fields spread into this full-zod one.
export const rmmSyncStatusSchema = z.object({
  ...rmmSyncSummarySchema.shape,
  integrationId: z.string(),
  integrationStatus: integrationStatusSchema,
  /** Only a connected integration syncs; what a disconnected one stored stays. */
  syncing: z.boolean(),
  lastStartedAt: z.string().nullable(),
  userActivityOrganizationId: z.string().nullable(),
  userActivityNote: z.string(),
});
export type RmmSyncStatus = z.infer<typeof rmmSyncStatusSchema>;

export function syncSummary(integration: IntegrationRecord, state: RmmSyncStateRow | undefined, now = Date.now()): RmmSyncSummary {
  const connected = integration.status === 'connected';
  const running = (state?.runningUntil ?? 0) > now;
  const ran = Boolean(state?.lastFinishedAt);
  return {
    state: running ? 'running' : !ran ? 'never' : state?.lastError ? 'failed' : 'succeeded',
    lastSyncAt: state?.lastFinishedAt ?? null,
    lastSuccessAt: state?.lastSuccessAt ?? null,
    nextSyncAt: connected ? new Date(Math.max(state?.nextSyncAt ?? 0, now)).toISOString() : null,
    deviceCount: state?.deviceCount ?? 0,
    activityCount: state?.activityCount ?? 0,
    lastError: state?.lastError ?? null,
    userActivity: ACTIVITY_FEED[integration.vendor as RmmVendor].offered ? 'recorded' : 'not_offered',
  };
}

export function syncStatus(integration: IntegrationRecord, state: RmmSyncStateRow | undefined, now = Date.now()): RmmSyncStatus {
  return {
    ...syncSummary(integration, state, now),
    integrationId: integration.id,
    integrationStatus: integration.status,
    syncing: integration.status === 'connected',
    lastStartedAt: state?.lastStartedAt ?? null,
    userActivityOrganizationId: integration.userActivityOrganizationId,
    userActivityNote: ACTIVITY_FEED[integration.vendor as RmmVendor].note,
  };
}

/** The `sync` field of an integration view: RMM integrations only. */
export async function syncSummaryFor(repos: Repositories, integration: IntegrationRecord): Promise<RmmSyncSummary | undefined> {
  return integration.kind === 'rmm' ? syncSummary(integration, await repos.devices.syncState(integration.id)) : undefined;
}
