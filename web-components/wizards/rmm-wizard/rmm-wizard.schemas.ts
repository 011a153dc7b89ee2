/**
 * @module Each RMM wizard step's rules as zod, all from the BFF's own contracts (credentials,
 * rmm-settings) so the machine's guards and the BFF apply the same schemas.
 */
import type { z } from 'zod/mini';
import { dattoRmmCredentialsSchema, syncroCredentialsSchema } from '../../../bff/contracts/credentials.js';
import {
  rmmMappingSchema, rmmParametersSchema, separateInstanceSchema, USER_ACTIVITY_MESSAGES, userActivityOrganizationSchema,
} from '../../../bff/contracts/rmm-settings.js';
import type { RmmVendor } from './rmm-wizard.types.js';

export { rmmMappingSchema, rmmParametersSchema };

/** Per vendor: the credential schema the BFF parses `POST /api/integrations` with. */
export const CREDENTIAL_SCHEMAS = {
  'datto-rmm': dattoRmmCredentialsSchema,
  syncro: syncroCredentialsSchema,
} as const satisfies Record<RmmVendor, z.ZodMiniType>;

/** The credential fields per vendor, in form order; `secret` ones are never kept after a check nor saved in drafts. */
export const CREDENTIAL_FIELDS: Record<RmmVendor, ReadonlyArray<{ name: string; secret: boolean }>> = {
  'datto-rmm': [{ name: 'platform', secret: false }, { name: 'apiKey', secret: true }, { name: 'apiSecret', secret: true }],
  syncro: [{ name: 'subdomain', secret: false }, { name: 'apiToken', secret: true }],
};

export { USER_ACTIVITY_MESSAGES, userActivityOrganizationSchema, separateInstanceSchema };
