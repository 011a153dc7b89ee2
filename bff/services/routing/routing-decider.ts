/**
 * @module Gathers what the pure routing decision needs from the database (the partner's PSA
 * integration, its parsed settings, the organization, its mappings, the catalog name) and calls
 * it. One decider serves one batch: lookups are memoized for the batch only, so a setting changed
 * a moment ago is seen by the next batch.
 */
import type { Repositories } from '../../../db/repositories/index.js';
import type { IntegrationRecord } from '../../../db/repositories/integrations.repo.js';
import { OPTIONAL_BY_VENDOR_FIELDS, psaStoredSettingsSchema, ticketSettingsSchema } from '../../contracts/psa-settings.js';
import type { RoutingAlert } from '../../routing/alert.js';
import { decideRouting, type ParsedPsaSettings, type RoutingDecision } from '../../routing/decision.js';

/** Parsed settings per integration version: parsing is the costliest part of a decision. */
const settingsCache = new Map<string, ParsedPsaSettings | null>();
const lenientTicket = ticketSettingsSchema(OPTIONAL_BY_VENDOR_FIELDS);

export function parsePsaSettings(integration: Pick<IntegrationRecord, 'id' | 'updatedAt' | 'settings'>): ParsedPsaSettings | null {
  const key = `${integration.id}@${integration.updatedAt}`;
  if (settingsCache.has(key)) return settingsCache.get(key)!;
  const stored = psaStoredSettingsSchema.safeParse(integration.settings ?? {});
  let parsed: ParsedPsaSettings | null = null;
  if (stored.success) {
    const ticket = stored.data.ticket ? lenientTicket.safeParse(stored.data.ticket) : null;
    parsed = { ...stored.data, ticket: ticket?.success ? ticket.data : null };
  }
  if (settingsCache.size > 1_000) settingsCache.clear();
  settingsCache.set(key, parsed);
  return parsed;
}

export interface Decider {
  integrationFor(partnerId: string): Promise<IntegrationRecord | null>;
  decide(partnerId: string, alert: RoutingAlert): Promise<RoutingDecision>;
}

/** Memoizes one async lookup per key for the decider's batch. */
function memo<T>(load: (key: string) => Promise<T>): (key: string) => Promise<T> {
  const seen = new Map<string, Promise<T>>();
  return (key) => {
    let hit = seen.get(key);
    if (!hit) seen.set(key, (hit = load(key)));
    return hit;
  };
}

export function createDecider(repos: Repositories): Decider {
  const integrationFor = memo(async (partnerId): Promise<IntegrationRecord | null> => {
    const id = await repos.routing.psaIntegrationIdForPartner(partnerId);
    return id ? (await repos.integrations.getIncludingDeleted(partnerId, id)) ?? null : null;
  });
  // A storm is mostly a few organizations: each is read once per batch, not once per alert.
  const split = (key: string) => key.split('\u0000') as [string, string];
  const organizationOf = memo((key) => repos.organizations.get(...split(key)));
  const accountOf = memo((key) => repos.mappings.psaAccountForOrganization(...split(key)));
  const contractOf = memo((key) => repos.mappings.psaContractForOrganization(...split(key)));
  const catalogFor = memo(async (partnerId) => new Map((await repos.organizations.listCatalog(partnerId, 'alert-type')).map((c) => [c.id, c.name])));

  return {
    integrationFor,
    async decide(partnerId, alert) {
      const integration = await integrationFor(partnerId);
      const live = integration && !integration.deletedAt ? integration : null;
      const organization = (await organizationOf(`${partnerId}\u0000${alert.organizationId}`)) ?? null;
      const account = live ? await accountOf(`${live.id}\u0000${alert.organizationId}`) : undefined;
      const contract = live ? await contractOf(`${live.id}\u0000${alert.organizationId}`) : undefined;
      return decideRouting({
        alert,
        integration,
        settings: live ? parsePsaSettings(live) : null,
        organization,
        accountMapping: account && !account.ignored ? account : null,
        contractMapping: contract ?? null,
        alertTypeName: (await catalogFor(partnerId)).get(alert.alertType) ?? null,
      });
    },
  };
}
