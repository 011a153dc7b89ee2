/**
 * @module The PSA wizard's sections as zod schemas: the one definition the wizard's machine uses to
 * gate NEXT and the BFF applies on every save and on completion. Messages use the seeds' words.
 */
import { z } from './zod.js';
import { safeString } from './safe-text.js';
import { chooseMessage, GENERIC_PSA_FIELD_LABELS, withArticle, type ContractFieldLabels, type TicketFieldLabels } from './vendor-field-labels.js';

import { OPTIONAL_BY_VENDOR_FIELDS, SEVERITIES, SUBJECT_TOKENS, type Severity } from './psa-settings-values.js';

export { CONTRACTS_OFF, NO_CONTACT_MESSAGE, noLongerOfferedMessage, OPTIONAL_BY_VENDOR_FIELDS, SEVERITIES, SUBJECT_PRESETS, SUBJECT_TOKENS, type Severity } from './psa-settings-values.js';

const id = safeString().check(z.trim(), z.minLength(1));
const nullableId = z.nullable(safeString().check(z.trim(), z.minLength(1)));

function template(label: string) {
  return safeString().check(z.trim(), z.minLength(1, `${label} is required`), z.maxLength(250, `${label} is too long (250 characters at most)`), z.refine(
    (value) => [...value.matchAll(/\{([^}]*)\}/g)].every((m) => (SUBJECT_TOKENS as readonly string[]).includes(m[1]!)),
    { message: `${label} may only use the tokens ${SUBJECT_TOKENS.map((t) => `{${t}}`).join(', ')}` },
  ));
}

// ---- Account mapping ---------------------------------------------------------------------------

export const accountMappingRowSchema = z.object({
  psaAccountId: id,
  psaAccountName: safeString(),
  organizationId: nullableId,
  contactId: nullableId,
  contactName: z.nullable(safeString()),
  ignored: z.boolean(),
});
export type AccountMappingRow = z.infer<typeof accountMappingRowSchema>;

export const accountMappingSchema = z.object({
  attachContacts: z.boolean(),
  catchAllAccountId: safeString({ message: 'Select a Catch-All PSA Account' }).check(z.trim(), z.minLength(1, 'Select a Catch-All PSA Account')),
  catchAllAccountName: safeString(),
  catchAllContactId: nullableId,
  catchAllContactName: z.nullable(safeString()),
  mappings: z.array(accountMappingRowSchema).check(z.maxLength(50_000)),
}).check(z.superRefine((value, ctx) => {
  if (value.attachContacts && !value.catchAllContactId) {
    ctx.addIssue({ code: 'custom', path: ['catchAllContactId'], message: 'Select a Catch-All PSA Ticket Contact (required while Attach Contacts to Tickets on Creation is on)' });
  }
  const byOrg = new Map<string, string>();
  value.mappings.forEach((row, i) => {
    if (row.ignored && row.organizationId) {
      ctx.addIssue({ code: 'custom', path: ['mappings', i, 'organizationId'], message: `${row.psaAccountName} is ignored, so it cannot be mapped` });
    }
    if (!row.organizationId) return;
    const other = byOrg.get(row.organizationId);
    if (other) ctx.addIssue({ code: 'custom', path: ['mappings', i, 'organizationId'], message: `This organization is already mapped to ${other}` });
    byOrg.set(row.organizationId, row.psaAccountName);
  });
}));
export type AccountMapping = z.infer<typeof accountMappingSchema>;


// ---- Service parameters (ticket and note defaults) ---------------------------------------------

/** An override row; `issueType` is the row's Issue Type label in the vendor's words (vendor-field-labels.ts). */
export function issueOverrideSchema(issueType = GENERIC_PSA_FIELD_LABELS.ticket.overrideIssueTypeId) {
  return z.object({
    /** Alert type, respond rule or IOC rule id from the platform catalog. */
    key: id,
    keyName: safeString(),
    issueTypeId: safeString({ message: chooseMessage(issueType) }).check(z.trim(), z.minLength(1, chooseMessage(issueType))),
    subIssueTypeId: nullableId,
  });
}
export type IssueOverride = z.infer<ReturnType<typeof issueOverrideSchema>>;

const overrideList = (issueType: string) => z.array(issueOverrideSchema(issueType)).check(z.maxLength(5_000), z.superRefine((rows, ctx) => {
  const seen = new Set<string>();
  rows.forEach((row, i) => {
    if (seen.has(row.key)) ctx.addIssue({ code: 'custom', path: [i, 'key'], message: `${row.keyName || row.key} already has an override` });
    seen.add(row.key);
  });
}));


/**
 * `labels`: the vendor's own field labels (vendor-field-labels.ts `psaFieldLabels(vendor).ticket`), so
 * each message names the field the admin sees (ConnectWise's "Service Board" and "Item", Halo's "Team").
 */
export function ticketSettingsSchema(unsupported: ReadonlyArray<(typeof OPTIONAL_BY_VENDOR_FIELDS)[number]> = [],
  labels: TicketFieldLabels = GENERIC_PSA_FIELD_LABELS.ticket) {
  const required = (label: string) => safeString({ message: chooseMessage(label) }).check(z.trim(), z.minLength(1, chooseMessage(label)));
  const pick = (field: (typeof OPTIONAL_BY_VENDOR_FIELDS)[number]) => (unsupported.includes(field) ? z._default(nullableId, null) : required(labels[field]));
  return z.object({
    categoryId: pick('categoryId'),
    typeId: pick('typeId'),
    statusId: required(labels.statusId),
    queueId: pick('queueId'),
    sourceId: pick('sourceId'),
    subjectTemplate: template('Ticket Subject'),
    priorityMap: z.object(Object.fromEntries(SEVERITIES.map((s) => [s, safeString({ message: `Choose a priority for ${s} alerts` }).check(z.trim(), z.minLength(1, `Choose a priority for ${s} alerts`))])) as Record<Severity, z.ZodMiniString>),
    note: z.object({
      typeId: required(labels.noteTypeId),
      visibilityId: required(labels.noteVisibilityId),
      titleTemplate: template('Note Title'),
    }),
    issueTypeId: nullableId,
    subIssueTypeId: nullableId,
    /** Two-way: when the platform resolves every alert on a ticket, close it with this (closed) status; off when absent or null. */
    closeOnResolveStatusId: z.optional(nullableId),
    overrides: z.object({
      alertTypes: overrideList(labels.overrideIssueTypeId),
      respondRules: overrideList(labels.overrideIssueTypeId),
      iocRules: overrideList(labels.overrideIssueTypeId),
    }),
  }).check(z.superRefine((value, ctx) => {
    if (value.subIssueTypeId && !value.issueTypeId) {
      ctx.addIssue({ code: 'custom', path: ['subIssueTypeId'], message: `Choose ${withArticle(labels.issueTypeId)} before ${withArticle(labels.subIssueTypeId)}` });
    }
  }));
}
export type TicketSettings = z.infer<ReturnType<typeof ticketSettingsSchema>>;

// ---- Contract mapping --------------------------------------------------------------------------

const money = z.nullable(z.number({ message: 'Enter an amount' }).check(z.gte(0, 'Must be 0 or more'), z.lte(1_000_000, 'Too large'), z.multipleOf(0.0001)));

/** A contract row; `contract` is the contract column's label in the vendor's words ("Agreement"). */
export function contractMappingRowSchema(contract = GENERIC_PSA_FIELD_LABELS.contract.contractId) {
  return z.object({
    organizationId: id,
    contractId: safeString({ message: chooseMessage(contract) }).check(z.trim(), z.minLength(1, chooseMessage(contract))),
    contractName: safeString(),
    addService: z.boolean(),
    serviceId: nullableId,
    unitCost: money,
    unitPrice: money,
  });
}
export type ContractMappingRow = z.infer<ReturnType<typeof contractMappingRowSchema>>;

const capitalized = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** A row's "Add Service to Contract" without a service to add: which field to fill, in the vendor's words. */
export function addServiceNeedsService(labels: ContractFieldLabels = GENERIC_PSA_FIELD_LABELS.contract): string {
  return `${labels.addService} needs ${withArticle(labels.defaultServiceId)}: choose one above`;
}

/**
 * The contract section; `labels`: the vendor's own field labels (vendor-field-labels.ts
 * `psaFieldLabels(vendor).contract`), so each message names what the admin sees.
 */
export function contractSettingsSchemaFor(labels: ContractFieldLabels = GENERIC_PSA_FIELD_LABELS.contract) {
  return z.object({
    addContractsToTickets: z.boolean(),
    syncBillableUsers: z.boolean(),
    /** 1–28 so that every month has the day. */
    userSyncDay: z.nullable(z.number({ message: chooseMessage(labels.userSyncDay) }).check(z.int(), z.gte(1, 'Choose a day from 1 to 28'), z.lte(28, 'Choose a day from 1 to 28 (every month has it)'))),
    defaultServiceId: nullableId,
    defaultServiceName: z.nullable(safeString()),
    mappings: z.array(contractMappingRowSchema(labels.contractId)).check(z.maxLength(20_000)),
  }).check(z.superRefine((value, ctx) => {
    if (value.syncBillableUsers && !value.defaultServiceId) {
      ctx.addIssue({ code: 'custom', path: ['defaultServiceId'], message: `${capitalized(withArticle(labels.defaultServiceId))} is required while ${labels.syncBillableUsers} is on` });
    }
    if (value.syncBillableUsers && !value.userSyncDay) {
      ctx.addIssue({ code: 'custom', path: ['userSyncDay'], message: chooseMessage(labels.userSyncDay) });
    }
    const seen = new Set<string>();
    value.mappings.forEach((row, i) => {
      if (seen.has(row.organizationId)) ctx.addIssue({ code: 'custom', path: ['mappings', i, 'organizationId'], message: `This organization already has ${withArticle(labels.contractId.toLowerCase())}` });
      seen.add(row.organizationId);
      if (row.addService && !row.serviceId && !value.defaultServiceId) {
        ctx.addIssue({ code: 'custom', path: ['mappings', i, 'addService'], message: addServiceNeedsService(labels) });
      }
    });
  }));
}

/** The contract section in the seeds' words (the API's description; saves use the vendor's, contractSettingsSchemaFor). */
export const contractSettingsSchema = contractSettingsSchemaFor();
export type ContractSettings = z.infer<typeof contractSettingsSchema>;

/** "Create Service": a contract service created in the PSA from the wizard. Amounts may arrive as typed text. */
const amount = (label: string) => z.pipe(
  // What full zod's z.preprocess builds: a transform piped into the schema.
  z.transform((value: unknown) => (value === '' || value === null ? undefined : typeof value === 'string' ? Number(value.trim()) : value)),
  z.number({ message: `Enter the ${label} as a number` }).check(z.gte(0, `The ${label} must be 0 or more`), z.lte(1_000_000, `The ${label} is too large`)),
);
export const newServiceSchema = z.object({
  name: safeString({ message: 'Name is required' }).check(z.trim(), z.minLength(1, 'Name is required'), z.maxLength(150, 'Name is too long (150 characters at most)')),
  description: z._default(z.nullable(safeString().check(z.trim(), z.maxLength(500))), null),
  unitCost: amount('cost'),
  unitPrice: amount('price'),
});
export type NewService = z.output<typeof newServiceSchema>;


/** What integrations.settings holds for a PSA (mappings live in their own tables). */
export const psaStoredSettingsSchema = z.object({
  attachContacts: z._default(z.boolean(), true),
  catchAllAccountId: z._default(z.nullable(safeString()), null),
  catchAllAccountName: z._default(z.nullable(safeString()), null),
  catchAllContactId: z._default(z.nullable(safeString()), null),
  catchAllContactName: z._default(z.nullable(safeString()), null),
  ticket: z._default(z.nullable(z.unknown()), null),
  contract: z._default(z.nullable(z.object({
    addContractsToTickets: z.boolean(),
    syncBillableUsers: z.boolean(),
    userSyncDay: z.nullable(z.number()),
    defaultServiceId: z.nullable(safeString()),
    defaultServiceName: z.nullable(safeString()),
  })), null),
  /** Sections saved so far, so completion can say what is missing. */
  completedSections: z._default(z.array(z.enum(['accountMapping', 'ticket', 'contract'])), []),
});
export type PsaStoredSettings = z.infer<typeof psaStoredSettingsSchema>;
