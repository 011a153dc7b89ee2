/**
 * @module ConnectWise PSA wire shapes the adapter reads, as zod schemas: only the fields it uses.
 * Each read asks for exactly these fields (`fieldsOf`, sent as `fields=`), so the mapper can only
 * read what was asked for: a field it reads but did not list would be missing on a real site.
 */
import { z } from 'zod';

/** A schema without its `.nullish()` / `.optional()` / `.nullable()` wrappers. */
function bare(schema: z.ZodType): z.ZodType {
  let node = schema;
  while (node instanceof z.ZodOptional || node instanceof z.ZodNullable) node = node.unwrap() as z.ZodType;
  return node;
}

/**
 * The `fields=` list of a row schema: `id,name,board/id,board/name,communicationItems`. A reference
 * is listed member by member; an array whole (ASSUMPTIONS.md: ConnectWise's `fields` is not relied
 * on to reach inside arrays).
 */
export function fieldsOf(schema: z.ZodType, prefix = ''): string {
  const node = bare(schema);
  const row = node instanceof z.ZodArray ? bare(node.element as z.ZodType) : node;
  if (!(row instanceof z.ZodObject)) return prefix.replace(/\/$/, '');
  return Object.entries(row.shape as Record<string, z.ZodType>)
    .map(([key, inner]) => (bare(inner) instanceof z.ZodObject ? fieldsOf(inner, `${prefix}${key}/`) : `${prefix}${key}`))
    .join(',');
}

const ref = z.object({ id: z.number(), name: z.string().nullish() });
const companyRef = z.object({ id: z.number(), identifier: z.string().nullish(), name: z.string().nullish() });

/** `GET /login/companyinfo/<company>`: which codebase (release path) the company's site runs. */
export const companyInfoSchema = z.object({ CompanyName: z.string().nullish(), Codebase: z.string().nullish(), CompanyID: z.string().nullish() }).nullish();

export const systemInfoSchema = z.object({ version: z.string().nullish(), isCloud: z.boolean().nullish() }).nullish();

export const companySchema = z.object({
  id: z.number(),
  identifier: z.string().nullish(),
  name: z.string(),
  status: ref.nullish(),
  types: z.array(ref).nullish(),
  market: ref.nullish(),
  parentCompany: companyRef.nullish(),
  deletedFlag: z.boolean().nullish(),
});
export type CwCompanyRow = z.infer<typeof companySchema>;

export const contactSchema = z.object({
  id: z.number(),
  firstName: z.string().nullish(),
  lastName: z.string().nullish(),
  company: companyRef.nullish(),
  inactiveFlag: z.boolean().nullish(),
  defaultFlag: z.boolean().nullish(),
  communicationItems: z.array(z.object({ value: z.string().nullish(), communicationType: z.string().nullish(), defaultFlag: z.boolean().nullish() })).nullish(),
});
export type CwContactRow = z.infer<typeof contactSchema>;

export const boardSchema = z.object({ id: z.number(), name: z.string(), inactiveFlag: z.boolean().nullish() });
export const boardStatusSchema = z.object({
  id: z.number(), name: z.string(), inactive: z.boolean().nullish(), closedStatus: z.boolean().nullish(), defaultFlag: z.boolean().nullish(), board: ref.nullish(),
});
export type CwBoardStatusRow = z.infer<typeof boardStatusSchema>;
export const boardTypeSchema = z.object({ id: z.number(), name: z.string(), inactiveFlag: z.boolean().nullish(), defaultFlag: z.boolean().nullish() });
export const boardSubTypeSchema = z.object({ id: z.number(), name: z.string(), inactiveFlag: z.boolean().nullish(), typeAssociationIds: z.array(z.number()).nullish() });
export const boardItemSchema = z.object({ id: z.number(), name: z.string(), inactiveFlag: z.boolean().nullish() });
export const prioritySchema = z.object({ id: z.number(), name: z.string(), defaultFlag: z.boolean().nullish(), sortOrder: z.number().nullish() });
export const sourceSchema = z.object({ id: z.number(), name: z.string(), defaultFlag: z.boolean().nullish() });

export const ticketSchema = z.object({
  id: z.number(),
  summary: z.string().nullish(),
  board: ref.nullish(),
  status: ref.nullish(),
  closedFlag: z.boolean().nullish(),
  externalXRef: z.string().nullish(),
});
export type CwTicketRow = z.infer<typeof ticketSchema>;

export const noteSchema = z.object({ id: z.number(), text: z.string().nullish() });

export const agreementSchema = z.object({
  id: z.number(), name: z.string().nullish(), company: companyRef.nullish(), agreementStatus: z.string().nullish(), cancelledFlag: z.boolean().nullish(),
});
export const additionSchema = z.object({
  id: z.number(), product: z.object({ id: z.number() }).nullish(), quantity: z.number().nullish(), cancelledDate: z.string().nullish(),
});
export const catalogItemSchema = z.object({
  id: z.number(), identifier: z.string().nullish(), description: z.string().nullish(), price: z.number().nullish(), cost: z.number().nullish(), inactiveFlag: z.boolean().nullish(),
});
export type CwCatalogRow = z.infer<typeof catalogItemSchema>;

/** The documented error body. */
export const errorBodySchema = z.object({
  code: z.string().nullish(),
  message: z.string().nullish(),
  errors: z.array(z.object({ code: z.string().nullish(), message: z.string().nullish(), field: z.string().nullish() })).nullish(),
});
