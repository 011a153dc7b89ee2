/**
 * @module zod schemas for the Syncro answers the adapter reads (`/me`, `/customers`,
 * `/customer_assets`). They keep only the fields we use and tolerate what real accounts send:
 * nulls, missing `meta` fields, string booleans, extra fields.
 */
import { z } from 'zod';

/** Syncro ids are integers; some clients see them as strings. */
const id = z.union([z.number(), z.string().min(1)]).transform(String);
const text = z.string().nullish();
/** Booleans that may arrive as "true"/"false" (asset triggers always do, facts B2). */
const flag = z
  .union([z.boolean(), z.string(), z.number()])
  .nullish()
  .transform((v) => v === true || v === 'true' || v === 1 || v === '1');
const count = z.union([z.number(), z.string()]).nullish().transform((v) => (v === null || v === undefined || v === '' ? null : Number(v)));

export const meSchema = z.object({
  user_id: z.union([z.number(), z.string()]).nullish(),
  user_name: text,
  user_email: text,
  subdomain: text,
});
export type SyncroMe = z.infer<typeof meSchema>;

/** `meta` of a list; some examples omit `total_entries`/`per_page` (facts B3). */
export const metaSchema = z
  .object({ total_pages: count, total_entries: count, per_page: count, page: count })
  .nullish();

export const customerSchema = z.object({
  id,
  business_name: text,
  firstname: text,
  lastname: text,
  fullname: text,
  business_then_name: text,
  disabled: flag,
});
export type SyncroCustomer = z.infer<typeof customerSchema>;

export const customersPageSchema = z.object({ customers: z.array(customerSchema), meta: metaSchema });

/** `properties` holds custom fields by name plus agent data; values can be anything. */
const properties = z.record(z.string(), z.unknown()).nullish().catch(null);

export const assetSchema = z.object({
  id,
  name: text,
  customer_id: id.nullish(),
  customer: z.object({ id }).nullish().catch(null),
  updated_at: text,
  properties,
  rmm_store: z
    .object({ triggers: z.record(z.string(), z.unknown()).nullish().catch(null) })
    
    .nullish()
    .catch(null),
});
export type SyncroAsset = z.infer<typeof assetSchema>;

export const assetsPageSchema = z.object({ assets: z.array(assetSchema), meta: metaSchema });

/**
 * The Syncro agent's data in `properties.kabuto_information` (facts B2). Read leniently: an odd
 * blob must not cost the whole page, so the mapper uses `safeParse` and falls back to nothing.
 */
export const kabutoSchema = z.object({
  general: z.object({ name: text }).nullish().catch(null),
  os: z.object({ name: text }).nullish().catch(null),
  last_synced_at: text.catch(null),
});
export type SyncroKabuto = z.infer<typeof kabutoSchema>;
