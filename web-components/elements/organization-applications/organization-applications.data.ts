/**
 * @module What `<organization-applications>` shows, computed from the existing API: the partner's
 * integrations, each RMM's mapping (is this organization its user-activity organization, which of
 * its sites map here), the PSA's account mapping, and the organization's ticket-delivery switch.
 */
import type { ApiClient, IntegrationView } from '../../api/client.js';
import { json } from '../../wizards/shared/wizard-api.js';

export interface OrganizationSummary {
  id: string;
  name: string;
  ticketDelivery: boolean;
}

/** An RMM's device sync at a glance, as the integration view carries it (`sync`). */
export type SyncSummary = NonNullable<IntegrationView['sync']>;

export interface RmmApplication {
  kind: 'rmm';
  integration: IntegrationView;
  /** This organization receives all of the RMM's user activity. */
  userActivity: boolean;
  /** The RMM sites (Datto sites, Syncro customers) whose devices land in this organization. */
  sites: Array<{ siteId: string; siteName: string }>;
  sync?: SyncSummary;
  /** Live devices this RMM gives this organization (not the whole connection's). */
  organizationDevices: number;
}

export interface PsaApplication {
  kind: 'psa';
  integration: IntegrationView;
  /** The PSA account this organization's tickets go to: its mapped account, else the catch-all; null when not known yet. */
  account: { name: string; catchAll: boolean } | null;
}

export interface OrganizationApplicationsData {
  /** Null when the partner has no organization with this id. */
  organization: OrganizationSummary | null;
  rmm: RmmApplication[];
  psa: PsaApplication | null;
}

/** Statuses of a finished connection. ASSUMPTION: a draft ("Setup not finished") is not a connected tool yet, so it is not listed. */
const SET_UP = new Set<IntegrationView['status']>(['connected', 'disconnected', 'active', 'paused']);

/**
 * Loads everything one organization's panel needs. The per-integration reads run in parallel; any
 * failure rejects (the panel offers Retry rather than a half-true picture).
 */
export async function loadOrganizationApplications(api: ApiClient, organizationId: string, signal?: AbortSignal): Promise<OrganizationApplicationsData> {
  const base = api.apiBase;
  const init = { init: { signal } };
  const [orgs, integrations, devices] = await Promise.all([
    json(api.rpc.api.organizations.$get(undefined, init), base),
    api.integrations.list(undefined, signal),
    // Only the per-integration counts are used; a missing organization answers 404, handled below as "unknown".
    json(api.rpc.api.organizations[':id'].devices.$get({ param: { id: organizationId }, query: { limit: '1' } }, init), base).catch(() => null),
  ]);
  const found = orgs.organizations.find((o) => o.id === organizationId);
  if (!found) return { organization: null, rmm: [], psa: null };
  const organization = { id: found.id, name: found.name, ticketDelivery: found.ticketDelivery };

  const live = integrations.filter((i) => SET_UP.has(i.status));
  const rmm = await Promise.all(live.filter((i) => i.kind === 'rmm').map(async (integration): Promise<RmmApplication> => {
    const mapping = await json(api.rpc.api.integrations[':id'].rmm.mapping.$get({ param: { id: integration.id } }, init), base);
    const sites = mapping.mappings.filter((m) => m.organizationId === organizationId).map((m) => ({ siteId: m.siteId, siteName: m.siteName }));
    return { kind: 'rmm', integration, userActivity: mapping.userActivityOrganizationId === organizationId, sites, sync: integration.sync, organizationDevices: devices?.byIntegration[integration.id] ?? 0 };
  }));

  const psaView = live.find((i) => i.kind === 'psa');
  let psa: PsaApplication | null = null;
  if (psaView) psa = { kind: 'psa', integration: psaView, account: await psaAccountFor(api, psaView.id, organizationId, signal) };

  return { organization, rmm: rmm.filter((a) => a.userActivity || a.sites.length > 0), psa };
}

/**
 * Where this organization's tickets go. Best effort: the line is a hint beside the switch, so a PSA
 * whose mapping cannot be read still shows, with its switch, rather than failing the whole panel.
 */
async function psaAccountFor(api: ApiClient, integrationId: string, organizationId: string, signal?: AbortSignal): Promise<PsaApplication['account']> {
  try {
    const mapping = await json(api.rpc.api.integrations[':id'].psa['account-mapping'].$get({ param: { id: integrationId } }, { init: { signal } }), api.apiBase);
    const row = mapping.mappings.find((m) => m.organizationId === organizationId && !m.ignored);
    if (row) return { name: row.psaAccountName, catchAll: false };
    return mapping.catchAllAccountName ? { name: mapping.catchAllAccountName, catchAll: true } : null;
  } catch (error) {
    if (signal?.aborted) throw error;
    return null;
  }
}

/** Turns this organization's ticket delivery on or off; resolves with the stored value. */
export async function setTicketDelivery(api: ApiClient, organizationId: string, ticketDelivery: boolean): Promise<boolean> {
  const updated = await json(api.rpc.api.organizations[':id'].$patch({ param: { id: organizationId }, json: { ticketDelivery } }), api.apiBase);
  return updated.ticketDelivery;
}
