/**
 * @module zod schemas for every Kaseya BMS answer the adapter reads. BMS documents PascalCase but
 * sends camelCase (psa-apis.md B4), so keys are normalised to ASP.NET camelCase before parsing;
 * objects are non-strict and nearly every field tolerates null, as real tenants send.
 */
import { z } from 'zod';

/** ASP.NET's camel-casing of a property name (`AccountName` → `accountName`, `SLAId` → `slaId`). */
export function camelKey(key: string): string {
  const chars = [...key];
  for (let i = 0; i < chars.length; i++) {
    if (i === 1 && chars[i] === chars[i]!.toLowerCase()) break;
    const next = chars[i + 1];
    if (i > 0 && next !== undefined && next === next.toLowerCase()) break;
    chars[i] = chars[i]!.toLowerCase();
  }
  return chars.join('');
}

/** Normalises every object key in a parsed JSON value, however the vendor cased it. */
export function camelizeKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(camelizeKeys);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) out[camelKey(key)] = camelizeKeys(inner);
  return out;
}

/** BMS ids are int32; a loose client or proxy may send them as numeric strings. */
const bmsId = z.union([z.number().int(), z.string().regex(/^-?\d+$/).transform(Number)]);
const text = z.string().nullish();
const flag = z.boolean().nullish();
/** Dates are ISO strings on the wire; tolerate epoch numbers from proxies. */
const when = z.union([z.string(), z.number()]).nullish();

export const errorInfoSchema = z.object({
  code: z.number().nullish(),
  message: text,
  details: text,
  subErrors: z.array(z.string().nullable()).nullish(),
});
export type BmsErrorInfo = z.infer<typeof errorInfoSchema>;

/** `{success, error, result, totalRecords}` around any result, parsed case-insensitively. */
export function envelope<T extends z.ZodType>(result: T) {
  return z.preprocess(camelizeKeys, z.object({
    success: z.boolean().nullish(),
    error: errorInfoSchema.nullish(),
    result,
    totalRecords: z.number().nullish(),
  }));
}

export const tokenSchema = z.object({
  accessToken: z.string().min(1),
  refreshToken: text,
  accessTokenExpireOn: when,
  refreshTokenExpireOn: when,
});

export const userInfoSchema = z.object({ userId: bmsId.nullish(), fullName: text, businessName: text, tenantId: bmsId.nullish() });

export const accountSummarySchema = z.object({
  id: bmsId,
  accountName: text,
  accountType: text,
  className: text,
  businessType: text,
  parentId: bmsId.nullish(),
  isActive: flag,
});
export type BmsAccountSummary = z.infer<typeof accountSummarySchema>;

export const contactSearchSchema = z.object({
  id: bmsId,
  accountId: bmsId.nullish(),
  firstName: text,
  lastName: text,
  emailAddress: text,
  isPoc: flag,
  isActive: flag,
});
export type BmsContactRow = z.infer<typeof contactSearchSchema>;

export const locationLookupSchema = z.object({ id: bmsId, name: text, isMain: flag });

export const statusSchema = z.object({ id: bmsId, name: text, typeId: bmsId.nullish(), isSystemStatus: z.union([z.number(), z.boolean()]).nullish(), isActive: flag });
export type BmsStatusRow = z.infer<typeof statusSchema>;

/** Priorities, queues, issue types, sub-issue types and generic lookup tables share this shape. */
export const lookupSchema = z.object({ id: bmsId, name: text, isDefault: flag, isActive: flag });
export type BmsLookupRow = z.infer<typeof lookupSchema>;

/** What the adapter reads of TicketOutputDto and TicketListDto alike. */
export const ticketSchema = z.object({
  id: bmsId,
  ticketNumber: text,
  details: text,
  statusId: bmsId.nullish(),
  completedDate: when,
});
export type BmsTicketRow = z.infer<typeof ticketSchema>;

export const noteSchema = z.object({ id: bmsId, details: text });

export const contractLookupSchema = z.object({ id: bmsId, name: text, isActive: flag, endDate: when });

export const serviceSchema = z.object({
  id: bmsId,
  name: text,
  unitCost: z.number().nullish(),
  unitPrice: z.number().nullish(),
  isActive: flag,
});
export type BmsServiceRow = z.infer<typeof serviceSchema>;

export const recurringServiceSchema = z.object({ id: bmsId.nullish(), serviceId: bmsId.nullish(), units: z.number().nullish() });
