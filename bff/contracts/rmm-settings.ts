/**
 * @module The RMM wizards' sections as zod schemas, shared by the wizard machines and the BFF.
 * Messages use the seeds' words (002 Syncro, 004 Datto RMM).
 */
import { z } from './zod.js';
import { safeString } from './safe-text.js';
import { RMM_SITE_TYPES, type RmmVendor } from './model.js';
import { labelInSentence, RMM_FIELD_LABELS, withArticle } from './vendor-field-labels.js';

export const siteMappingRowSchema = z.object({
  siteId: safeString().check(z.trim(), z.minLength(1)),
  siteName: safeString(),
  siteType: z.enum(RMM_SITE_TYPES),
  organizationId: z.nullable(safeString().check(z.trim(), z.minLength(1))),
  ignoreAutoMap: z.boolean(),
});
export type SiteMappingRow = z.infer<typeof siteMappingRowSchema>;

export const rmmMappingSchema = z.object({
  /** "Automatically map organizations with a 100% match". */
  autoMapExact: z.boolean(),
  /** Datto: which site types are listed for mapping (Managed by default). */
  siteTypes: z._default(z.array(z.enum(RMM_SITE_TYPES)).check(z.minLength(1, 'Choose at least one organization type')), ['managed']),
  mappings: z.array(siteMappingRowSchema).check(z.maxLength(50_000)),
});
export type RmmMapping = z.infer<typeof rmmMappingSchema>;

export const rmmParametersSchema = z.object({
  /** Optional: the UDF / asset property that holds the Microsoft Entra Device ID. */
  entraDeviceIdField: z.nullable(safeString().check(z.trim(), z.minLength(1), z.maxLength(100))),
});
export type RmmParameters = z.infer<typeof rmmParametersSchema>;

export const rmmStoredSettingsSchema = z.object({
  autoMapExact: z._default(z.boolean(), false),
  siteTypes: z._default(z.array(z.enum(RMM_SITE_TYPES)), ['managed']),
  entraDeviceIdField: z._default(z.nullable(safeString()), null),
  completedSections: z._default(z.array(z.enum(['mapping', 'parameters'])), []),
});
export type RmmStoredSettings = z.infer<typeof rmmStoredSettingsSchema>;

/**
 * What each RMM's API gives as user activity, and so what its User Activity Organization is for
 * (issue 17 item 8). Datto RMM's activity log (`/v2/activity-logs`) is recorded under it. Syncro's
 * API has no user-activity or audit resource at all (its official v1 swagger, 110 paths: customers,
 * assets, tickets, RMM alerts…; `/timelogs` is clock-in/out time keeping, `/users` a technician
 * list), so nothing is recorded for Syncro. Seed 002 still asks for the organization, and it cannot
 * change: on Syncro it is where the connection itself is filed (its MSP Tools entry in that
 * organization's Applications tab). The wizard, the BFF and the Applications tab all say this.
 */
export const RMM_USER_ACTIVITY = {
  'datto-rmm': {
    recorded: true,
    purpose: 'All Datto RMM user activity and actions are recorded under this organization.',
  },
  syncro: {
    recorded: false,
    purpose: 'Syncro’s API offers no user-activity feed, so no Syncro user activity is recorded. This organization is where the Syncro connection itself is filed: Syncro is listed under MSP Tools in its Applications tab.',
  },
} as const satisfies Record<RmmVendor, { recorded: boolean; purpose: string }>;

/** The words for a missing user-activity organization, per wizard, naming the field as each labels it (vendor-field-labels.ts). */
export const USER_ACTIVITY_MESSAGES = {
  'datto-rmm': selectMessage(RMM_FIELD_LABELS['datto-rmm'].userActivityOrganizationId),
  syncro: selectMessage(RMM_FIELD_LABELS.syncro.userActivityOrganizationId),
} as const;

function selectMessage(label: string): string {
  return `Select ${withArticle(labelInSentence(label))}`;
}

/** The RMM's User Activity Organization (what it is for: RMM_USER_ACTIVITY); immutable once set. */
export function userActivityOrganizationSchema(vendor: keyof typeof USER_ACTIVITY_MESSAGES) {
  const message = USER_ACTIVITY_MESSAGES[vendor];
  return z.object({ userActivityOrganizationId: safeString({ message }).check(z.trim(), z.minLength(1, message), z.maxLength(100)) });
}

/** A second connection to the same RMM needs an explicit "separate instance" confirmation. */
export const SEPARATE_INSTANCE_MESSAGE = 'Confirm that this is a separate instance to continue';
export const separateInstanceSchema = z.object({
  confirmSeparateInstance: z.literal(true, { message: SEPARATE_INSTANCE_MESSAGE }),
});

/**
 * Exact-name matching as the seeds define it: identical names, nothing looser, and only when one
 * candidate has the name (two organizations of one name are not a 100% match for either, and
 * picking one would depend on list order). Built once over the list for many names (a save with
 * thousands of sites); the wizard's preview and the BFF's save both use it.
 */
export function exactNameMatcher<T extends { name: string }>(candidates: readonly T[]): (name: string) => T | undefined {
  const byName = new Map<string, T | null>();
  for (const c of candidates) byName.set(c.name, byName.has(c.name) ? null : c);
  return (name) => byName.get(name) ?? undefined;
}

/** `exactNameMatcher` for one name. */
export function exactNameMatch<T extends { name: string }>(name: string, candidates: readonly T[]): T | undefined {
  return exactNameMatcher(candidates)(name);
}
