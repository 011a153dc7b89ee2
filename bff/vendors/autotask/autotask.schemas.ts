/**
 * @module Zod schemas for the Autotask REST answers the adapter reads. They tolerate real tenants:
 * nulls everywhere, unknown fields (stripped), ids as numbers or strings, Contacts.isActive as 1/0 or
 * a boolean, picklist values as strings or numbers.
 */
import { z } from 'zod';

/** Ids are int64 in the swagger; kept as strings in the neutral model. */
export const idSchema = z.union([z.number(), z.string().min(1)]).transform((v) => String(v));
const text = z.string().nullish().transform((v) => v ?? null);
const num = z.union([z.number(), z.string()]).nullish().transform((v) => (v === null || v === undefined || v === '' ? null : Number.isFinite(Number(v)) ? Number(v) : null));
const flag = z.union([z.boolean(), z.number(), z.string()]).nullish().transform((v) => {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v !== 0;
  if (typeof v === 'string') return v.toLowerCase() === 'true' || v === '1';
  return null;
});

export const zoneInformationSchema = z.object({
  zoneName: text,
  url: z.string().min(1),
  webUrl: text,
  ci: num,
});

export const errorBodySchema = z.object({
  errors: z.array(z.unknown()).nullish(),
  Message: z.string().nullish(),
  message: z.string().nullish(),
});

const pageDetailsSchema = z.object({
  count: num,
  requestCount: num,
  prevPageUrl: text,
  nextPageUrl: text,
});

export function queryResultSchema<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item).nullish().transform((v) => v ?? []),
    pageDetails: pageDetailsSchema.nullish(),
  });
}

export function itemResultSchema<T extends z.ZodType>(item: T) {
  return z.object({ item: item.nullish() });
}

export const operationResultSchema = z.object({ itemId: idSchema });

export const picklistValueSchema = z.object({
  value: z.union([z.string(), z.number()]).transform((v) => String(v)),
  label: text,
  isDefaultValue: flag,
  sortOrder: num,
  parentValue: z.union([z.string(), z.number()]).nullish().transform((v) => (v === null || v === undefined || v === '' ? null : String(v))),
  isActive: flag,
});
export type AutotaskPicklistValue = z.output<typeof picklistValueSchema>;

export const fieldInformationSchema = z.object({
  name: z.string(),
  isPickList: flag,
  picklistValues: z.array(picklistValueSchema).nullish().transform((v) => v ?? []),
  picklistParentValueField: text,
});
export type AutotaskField = z.output<typeof fieldInformationSchema>;

export const fieldsResultSchema = z.object({ fields: z.array(fieldInformationSchema).nullish().transform((v) => v ?? []) });

export const companySchema = z.object({
  id: idSchema,
  companyName: text,
  companyType: num,
  classification: num,
  marketSegmentID: num,
  parentCompanyID: num,
  isActive: flag,
});
export type AutotaskCompany = z.output<typeof companySchema>;

export const contactSchema = z.object({
  id: idSchema,
  companyID: num,
  firstName: text,
  lastName: text,
  emailAddress: text,
  emailAddress2: text,
  emailAddress3: text,
  primaryContact: flag,
  isActive: flag,
});
export type AutotaskContact = z.output<typeof contactSchema>;

export const ticketSchema = z.object({
  id: idSchema,
  ticketNumber: text,
  status: num,
  externalID: text,
});
export type AutotaskTicket = z.output<typeof ticketSchema>;

export const ticketNoteSchema = z.object({ id: idSchema, ticketID: num, description: text });

export const contractSchema = z.object({
  id: idSchema,
  companyID: num,
  contractName: text,
  contractType: num,
  status: num,
});
export type AutotaskContract = z.output<typeof contractSchema>;

export const serviceSchema = z.object({
  id: idSchema,
  name: text,
  unitCost: num,
  unitPrice: num,
  isActive: flag,
});
export type AutotaskService = z.output<typeof serviceSchema>;

export const contractServiceSchema = z.object({ id: idSchema, contractID: num, serviceID: num, unitPrice: num, unitCost: num });

export const contractServiceUnitSchema = z.object({
  id: idSchema,
  contractServiceID: num,
  startDate: text,
  endDate: text,
  units: num,
});
export type AutotaskContractServiceUnit = z.output<typeof contractServiceUnitSchema>;

export const billingCodeSchema = z.object({ id: idSchema, name: text, isActive: flag });
