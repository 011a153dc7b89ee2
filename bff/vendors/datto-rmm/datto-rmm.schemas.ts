/**
 * @module zod schemas for the Datto RMM answers the adapter reads. They follow what live accounts
 * send rather than the spec's letter (facts A3 "reality corrections"): nulls anywhere, epoch
 * milliseconds for dates, activity dates in epoch seconds, UDF objects of 30 or 300 keys, and
 * unknown fields ignored. Only the ids the adapter cannot work without are required.
 */
import { z } from 'zod';

/** A date as Datto sends it: epoch milliseconds (an ISO string is tolerated, should the spec win). */
export const dattoInstantSchema = z.union([z.number(), z.string()]).nullish();

export const pageDetailsSchema = z.object({
  count: z.number().nullish(),
  totalCount: z.number().nullish(),
  prevPageUrl: z.string().nullish(),
  nextPageUrl: z.string().nullish(),
});

export const tokenResponseSchema = z.object({
  access_token: z.string().min(1),
  token_type: z.string().nullish(),
  expires_in: z.number().nullish(),
});

export const accountSchema = z.object({
  uid: z.string().nullish(),
  name: z.string().nullish(),
});

export const siteSchema = z.object({
  uid: z.string().min(1),
  name: z.string().nullish(),
  onDemand: z.boolean().nullish(),
  devicesStatus: z.object({ numberOfDevices: z.number().nullish() }).nullish(),
});
export type DattoSite = z.infer<typeof siteSchema>;

export const sitesPageSchema = z.object({
  pageDetails: pageDetailsSchema,
  sites: z.array(siteSchema).nullish(),
});

export const deviceSchema = z.object({
  uid: z.string().min(1),
  siteUid: z.string().min(1),
  siteName: z.string().nullish(),
  hostname: z.string().nullish(),
  description: z.string().nullish(),
  operatingSystem: z.string().nullish(),
  online: z.boolean().nullish(),
  deleted: z.boolean().nullish(),
  lastSeen: dattoInstantSchema,
  /** `{ udf1: string|null, … }`; values other than strings are ignored by the mapper. */
  udf: z.record(z.string(), z.unknown()).nullish(),
});
export type DattoDevice = z.infer<typeof deviceSchema>;

export const devicesPageSchema = z.object({
  pageDetails: pageDetailsSchema,
  devices: z.array(deviceSchema).nullish(),
});

export const activitySchema = z.object({
  id: z.union([z.string().min(1), z.number()]).transform(String),
  entity: z.string().nullish(),
  category: z.string().nullish(),
  action: z.string().nullish(),
  /** Epoch seconds with a fraction (spec example 1689072497.714). */
  date: z.number(),
  site: z.object({ id: z.number().nullish(), name: z.string().nullish() }).nullish(),
  deviceId: z.number().nullish(),
  hostname: z.string().nullish(),
  user: z
    .object({ id: z.number().nullish(), userName: z.string().nullish(), firstName: z.string().nullish(), lastName: z.string().nullish() })
    .nullish(),
  /** A JSON string with dotted keys (`job.name`, `data.to_site_name`, …). */
  details: z.string().nullish(),
});
export type DattoActivity = z.infer<typeof activitySchema>;

export const activityPageSchema = z.object({
  pageDetails: pageDetailsSchema.nullish(),
  activities: z.array(activitySchema).nullish(),
  /** Set when the request failed at Datto's database layer (spec). */
  error: z.string().nullish(),
});
