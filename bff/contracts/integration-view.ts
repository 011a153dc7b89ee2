/**
 * @module What the BFF answers about integrations and organizations. Pure schemas, imported by the
 * web components too, so list elements and the BFF agree on every field.
 */
import { z } from './zod.js';
import { safeString } from './safe-text.js';

import { VENDORS } from './vendor-catalog.js';

export { VENDORS };
export const vendorSchema = z.enum(VENDORS);
export const integrationKindSchema = z.enum(['psa', 'rmm']);
export const integrationStatusSchema = z.enum(['draft', 'active', 'paused', 'connected', 'disconnected']);

export const STATUS_LABELS: Record<z.infer<typeof integrationStatusSchema>, string> = {
  draft: 'Setup not finished',
  active: 'Active',
  paused: 'Paused',
  connected: 'Connected',
  disconnected: 'Disconnected',
};

/** An RMM integration's device sync at a glance (the list element shows it; `GET …/rmm/sync` has more). */
export const rmmSyncSummarySchema = z.object({
  state: z.enum(['never', 'running', 'succeeded', 'failed']),
  /** When the last run ended, successful or not. */
  lastSyncAt: z.nullable(z.string()),
  lastSuccessAt: z.nullable(z.string()),
  /** When the scheduler runs it next; null while the integration is not connected. */
  nextSyncAt: z.nullable(z.string()),
  /** Devices in their organizations' view (mapped sites, still listed by the RMM). */
  deviceCount: z.number(),
  activityCount: z.number(),
  lastError: z.nullable(z.string()),
  /** Syncro's API offers no user-activity feed: `not_offered`. */
  userActivity: z.enum(['recorded', 'not_offered']),
});
export type RmmSyncSummary = z.infer<typeof rmmSyncSummarySchema>;

/** A PSA integration's availability (its circuit breaker): whether the PSA answers, and what waits for it. */
export const availabilitySchema = z.object({
  state: z.enum(['available', 'unavailable']),
  /** ISO: the first unanswered call of the current outage (null while the PSA answers). */
  since: z.nullable(z.string()),
  /** The last failure's HTTP status (0: no answer at all) and the vendor's words, while unavailable. */
  lastStatus: z.nullable(z.number()),
  lastError: z.nullable(z.string()),
  /** ISO: the next single try (probe) while unavailable. */
  nextTryAt: z.nullable(z.string()),
  /** Alerts waiting for delivery, and when the oldest was accepted (ISO). */
  waiting: z.number(),
  oldestWaitingAt: z.nullable(z.string()),
  /** ISO: when the last outage ended; with the alerts it delayed (delivered late). */
  recoveredAt: z.nullable(z.string()),
  deliveredLate: z.number(),
});
export type Availability = z.infer<typeof availabilitySchema>;

export const integrationViewSchema = z.object({
  id: z.string(),
  kind: integrationKindSchema,
  vendor: vendorSchema,
  vendorLabel: z.string(),
  status: integrationStatusSchema,
  statusLabel: z.string(),
  /** Credentials are write-only: only their presence is ever reported. */
  hasCredentials: z.boolean(),
  accountLabel: z.nullable(z.string()),
  userActivityOrganizationId: z.nullable(z.string()),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** RMM only: the device sync's summary. */
  sync: z.optional(rmmSyncSummarySchema),
  /** PSA only (active integrations): whether the PSA answers, and the alerts waiting for it. */
  availability: z.optional(availabilitySchema),
});
export type IntegrationView = z.infer<typeof integrationViewSchema>;

export const integrationDetailSchema = z.extend(integrationViewSchema, {
  settings: z.unknown(),
  /** The connection's non-secret facts (site, tenant, URL, API user); its secrets are only ever "stored". */
  connection: z.optional(z.array(z.object({ label: z.string(), value: z.string() }))),
});
export type IntegrationDetail = z.infer<typeof integrationDetailSchema>;

export const organizationInputSchema = z.object({
  id: safeString().check(z.trim(), z.minLength(1, 'id is required'), z.maxLength(100)),
  name: safeString().check(z.trim(), z.minLength(1, 'name is required'), z.maxLength(200)),
  status: z._default(z.enum(['active', 'pending']), 'active'),
  billableUsers: z._default(z.number().check(z.int('billableUsers must be a whole number'), z.gte(0), z.lte(10_000_000)), 0),
});

const catalogEntrySchema = z.object({ id: safeString().check(z.trim(), z.minLength(1), z.maxLength(100)), name: safeString().check(z.trim(), z.minLength(1), z.maxLength(200)) });

export const organizationsPutSchema = z.object({
  organizations: z.array(organizationInputSchema).check(z.maxLength(20_000)),
  /** The platform's catalog for the wizard's override tables; each list replaces the stored one. */
  catalog: z.optional(z.object({
    alertTypes: z.optional(z.array(catalogEntrySchema).check(z.maxLength(5_000))),
    respondRules: z.optional(z.array(catalogEntrySchema).check(z.maxLength(5_000))),
    iocRules: z.optional(z.array(catalogEntrySchema).check(z.maxLength(5_000))),
  })),
}).check(z.superRefine((value, ctx) => {
  const seen = new Set<string>();
  value.organizations.forEach((org, i) => {
    if (seen.has(org.id)) ctx.addIssue({ code: 'custom', path: ['organizations', i, 'id'], message: `duplicate organization id "${org.id}"` });
    seen.add(org.id);
  });
}));

export const organizationViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  status: z.enum(['active', 'pending']),
  billableUsers: z.number(),
  ticketDelivery: z.boolean(),
});
export type OrganizationView = z.infer<typeof organizationViewSchema>;
