/**
 * @module Each RMM wizard step's rules as zod, built from the BFF's own contracts (credentials,
 * rmm-settings) so the machine's guards and the BFF apply the same schemas. Only the two rules the
 * contracts leave inline in the route (the user-activity organization and the separate-instance
 * confirmation) are spelled out here, with the BFF's own messages.
 */
import { z } from 'zod';
import { dattoRmmCredentialsSchema, syncroCredentialsSchema } from '../../../bff/contracts/credentials.js';
import { rmmMappingSchema, rmmParametersSchema } from '../../../bff/contracts/rmm-settings.js';
import type { RmmVendor } from './rmm-wizard.types.js';

export { rmmMappingSchema, rmmParametersSchema };

/** Per vendor: the credential schema the BFF parses `POST /api/integrations` with. */
export const CREDENTIAL_SCHEMAS = {
  'datto-rmm': dattoRmmCredentialsSchema,
  syncro: syncroCredentialsSchema,
} as const satisfies Record<RmmVendor, z.ZodType>;

/** The credential fields per vendor, in form order; `secret` ones are never kept after a check nor saved in drafts. */
export const CREDENTIAL_FIELDS: Record<RmmVendor, ReadonlyArray<{ name: string; secret: boolean }>> = {
  'datto-rmm': [{ name: 'platform', secret: false }, { name: 'apiKey', secret: true }, { name: 'apiSecret', secret: true }],
  syncro: [{ name: 'subdomain', secret: false }, { name: 'apiToken', secret: true }],
};

/** The BFF's messages for the user-activity organization (integration-setup.ts, rmm-setup.service.ts). */
export const USER_ACTIVITY_MESSAGES: Record<RmmVendor, string> = {
  'datto-rmm': 'Select an organization for this integration',
  syncro: 'Select a User Activity Organization',
};

/** Step 1 of Datto RMM / part of Syncro's mapping: the organization all RMM user activity is logged against. */
export function userActivityOrganizationSchema(vendor: RmmVendor) {
  const message = USER_ACTIVITY_MESSAGES[vendor];
  return z.object({ userActivityOrganizationId: z.string({ message }).trim().min(1, message).max(100) });
}

/** A second connection of the same vendor: only on an explicit "separate instance" confirmation (the BFF's 409 duplicate_connection). */
export const separateInstanceSchema = z.object({
  confirmSeparateInstance: z.literal(true, { message: 'Confirm that this is a separate instance to continue' }),
});
