/**
 * @module zod schemas for every HaloPSA answer the adapter reads, with the field names of Halo's own
 * models (its OpenAPI document, test/fixtures/vendor-specs; the Halo conformance test checks them).
 * Halo sends snake_case / lower-case keys; objects are non-strict and most fields tolerate null, as
 * real instances send. Lists answer `{record_count, <entity>: [...]}`; configuration lookups answer
 * bare arrays.
 */
import { z } from 'zod';

/** Halo ids are integers; proxies sometimes send them as numeric strings. */
export const haloId = z.union([z.number().int(), z.string().regex(/^-?\d+$/).transform(Number)]);
const text = z.string().nullish();
const flag = z.boolean().nullish();

export const tokenSchema = z.object({
  access_token: z.string().min(1),
  token_type: text,
  expires_in: z.number().nullish(),
  scope: text,
});

/** RFC 6749 error answer of the token endpoint. */
export const oauthErrorSchema = z.object({ error: z.string(), error_description: text });

export const clientSchema = z.object({
  id: haloId,
  name: text,
  toplevel_id: haloId.nullish(),
  toplevel_name: text,
  inactive: flag,
  main_site_id: haloId.nullish(),
});
export type HaloClientRow = z.infer<typeof clientSchema>;

export const siteSchema = z.object({ id: haloId, name: text, client_id: haloId.nullish(), inactive: flag });

export const userSchema = z.object({
  id: haloId,
  name: text,
  firstname: text,
  surname: text,
  emailaddress: text,
  site_id: haloId.nullish(),
  client_id: haloId.nullish(),
  inactive: flag,
  /** The client's main contact. */
  ismaincontact: flag,
});
export type HaloUserRow = z.infer<typeof userSchema>;

export const statusSchema = z.object({ id: haloId, name: text, type: z.number().nullish(), sequence: z.number().nullish() });
export type HaloStatusRow = z.infer<typeof statusSchema>;

/** One row per (SLA, priority); the priority itself is `priorityid`. */
export const prioritySchema = z.object({ id: z.union([z.string(), z.number()]).nullish(), priorityid: haloId, slaid: haloId.nullish(), name: text, ishidden: flag });

export const teamSchema = z.object({ id: haloId, name: text, inactive: flag });
export type HaloTeamRow = z.infer<typeof teamSchema>;
export const categorySchema = z.object({ id: haloId, value: text });
export type HaloCategoryRow = z.infer<typeof categorySchema>;
/** `hidden`: a retired outcome. */
export const outcomeSchema = z.object({ id: haloId, outcome: text, hidefromuser: flag, hidden: flag });

/** One field of a ticket type (`RequestTypeField`): how a new agent ticket treats it, and the field's own definition (`FieldInfo`). */
export const typeFieldSchema = z.object({
  fieldid: haloId.nullish(),
  fieldname: text,
  technew: z.number().nullish(),
  fieldinfo: z.object({ name: text, label: text, mandatory: flag, defaultvalue: z.union([z.string(), z.number()]).nullish() }).nullish(),
});
/** A ticket type (`RequestType`); kept whole (loose) so its `default_<field>` values can be read for any field. */
export const ticketTypeSchema = z.looseObject({ id: haloId, name: text, visible: flag, fields: z.array(typeFieldSchema).nullish() });
export type HaloTicketTypeRow = z.infer<typeof ticketTypeSchema>;

export const ticketSchema = z.object({ id: haloId, summary: text, details: text, status_id: haloId.nullish(), client_id: haloId.nullish(), hasbeenclosed: flag });
export type HaloTicketRow = z.infer<typeof ticketSchema>;

export const actionSchema = z.object({ id: haloId, ticket_id: haloId.nullish(), note: text });

export const contractSchema = z.object({ id: haloId, client_id: haloId.nullish(), ref: text, active: flag, end_date: text });

export const itemSchema = z.object({ id: haloId, name: text, costprice: z.number().nullish(), baseprice: z.number().nullish() });
export type HaloItemRow = z.infer<typeof itemSchema>;

export const invoiceLineSchema = z.object({ id: haloId.nullish(), _itemid: haloId, qty_order: z.number(), unit_cost: z.number().nullish(), unit_price: z.number().nullish() });
export const recurringInvoiceSchema = z.object({ id: haloId, contract_id: haloId.nullish(), lines: z.array(invoiceLineSchema).nullish() });

/** Creates echo the object for one posted row, or an array for several. */
export function created<T extends z.ZodType>(row: T) {
  return z.union([row, z.array(row).min(1).transform((rows) => rows[0]!)]);
}
