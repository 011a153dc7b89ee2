/**
 * @module Pure functions both RMM machines and their elements use: each step's errors (from the
 * step's zod schema), the mapping preview with exact-name auto-mapping, the mapping payload, and the
 * draft values (what is saved and restored; never secrets, never lists). No XState, no DOM.
 */
import { exactNameMatch, exactNameMatcher } from '../../../bff/contracts/rmm-settings.js';
import { schemaErrors, type FieldErrors } from '../shared/form-state.js';
import type { ProblemData } from '../shared/wizard-api.js';
import {
  CREDENTIAL_FIELDS, CREDENTIAL_SCHEMAS, rmmMappingSchema, rmmParametersSchema, separateInstanceSchema, userActivityOrganizationSchema,
} from './rmm-wizard.schemas.js';
import type {
  BootResult, CredentialValues, MappingDraft, MappingSaveInput, RmmDraftValues, RmmVendor, RmmWizardContext, SiteView,
} from './rmm-wizard.types.js';

// ASSUMPTION: Syncro has no site types of its own (the adapter maps disabled customers to 'deleted'); its wizard
// offers no type filter and lists the active customers ('managed') only, as seed 002 maps "organizations" without types.
export const DEFAULT_MAPPING: MappingDraft = { autoMapExact: false, siteTypes: ['managed'], choices: {} };

/** Each machine's steps (its top-level state names) in the order the wizard walks them. */
export const STEP_ORDER: Record<RmmVendor, readonly string[]> = {
  'datto-rmm': ['organization', 'credentials', 'mapping', 'parameters', 'finish'],
  syncro: ['credentials', 'mapping', 'finish'],
};

export function initialContext(vendor: RmmVendor, integrationId: string | null): RmmWizardContext {
  return {
    vendor,
    editing: integrationId !== null,
    requestedIntegrationId: integrationId,
    integration: null,
    organizations: [],
    duplicateOf: null,
    confirmSeparateInstance: false,
    userActivityOrganizationId: null,
    credentials: {},
    sites: [],
    sitesLoad: { status: 'idle', problem: null },
    mapping: DEFAULT_MAPPING,
    customFields: [],
    customFieldsLoad: { status: 'idle', problem: null },
    entraDeviceIdField: null,
    touched: [],
    submitted: [],
    serverErrors: {},
    problem: null,
    doneSteps: [],
    bootProblem: null,
    resumeStep: null,
    section: null,
    sectionBackup: null,
  };
}

/** Once set, the user-activity organization cannot change (seeds 002, 004; the BFF answers 409). */
export function userActivityLocked(ctx: RmmWizardContext): boolean {
  return Boolean(ctx.integration?.userActivityOrganizationId);
}

/** Whether the person must confirm a separate instance before a new connection is made. */
export function needsSeparateInstance(ctx: RmmWizardContext): boolean {
  return ctx.duplicateOf !== null && ctx.integration === null;
}

// ---- step errors ---------------------------------------------------------------------------

export function organizationErrors(ctx: RmmWizardContext): FieldErrors {
  if (userActivityLocked(ctx)) return {};
  return {
    ...schemaErrors(userActivityOrganizationSchema(ctx.vendor), { userActivityOrganizationId: ctx.userActivityOrganizationId ?? undefined }),
    ...(needsSeparateInstance(ctx) ? schemaErrors(separateInstanceSchema, { confirmSeparateInstance: ctx.confirmSeparateInstance }) : {}),
  };
}

/** True when an existing integration's credentials are kept (every field left empty). */
export function keepsStoredCredentials(ctx: RmmWizardContext): boolean {
  return ctx.integration !== null && CREDENTIAL_FIELDS[ctx.vendor].every((f) => !(ctx.credentials[f.name] ?? '').trim());
}

export function credentialErrors(ctx: RmmWizardContext): FieldErrors {
  if (keepsStoredCredentials(ctx)) return {};
  // Untyped fields count as empty, so the messages are the schema's own ("API key is required"), not zod's type errors.
  const values = Object.fromEntries(CREDENTIAL_FIELDS[ctx.vendor].map((f) => [f.name, ctx.credentials[f.name] ?? '']));
  const errors = schemaErrors(CREDENTIAL_SCHEMAS[ctx.vendor], values);
  // Syncro asks for the separate-instance confirmation on its credentials step (it has no organization step).
  if (ctx.vendor === 'syncro' && needsSeparateInstance(ctx)) Object.assign(errors, schemaErrors(separateInstanceSchema, { confirmSeparateInstance: ctx.confirmSeparateInstance }));
  return errors;
}

/** The sites the mapping step lists: those of the chosen types (Datto's filter; Syncro lists active customers). */
export function visibleSites(ctx: Pick<RmmWizardContext, 'sites' | 'mapping'>): SiteView[] {
  return ctx.sites.filter((s) => ctx.mapping.siteTypes.includes(s.type));
}

export function mappingBody(ctx: RmmWizardContext): MappingSaveInput['body'] {
  const body: MappingSaveInput['body'] = {
    autoMapExact: ctx.mapping.autoMapExact,
    siteTypes: ctx.mapping.siteTypes,
    // Only the listed types: sites of a type filtered out are stored unmapped (they contribute no device data).
    mappings: visibleSites(ctx).map((site) => {
      const choice = ctx.mapping.choices[site.id];
      return { siteId: site.id, siteName: site.name, siteType: site.type, organizationId: choice?.organizationId ?? null, ignoreAutoMap: choice?.ignoreAutoMap ?? false };
    }),
  };
  if (!userActivityLocked(ctx) && ctx.userActivityOrganizationId) body.userActivityOrganizationId = ctx.userActivityOrganizationId;
  return body;
}

/** `mappings.<i>.<field>` (payload order) → `sites.<siteId>` so errors follow the row, not its position. */
export function siteKeyedErrors(errors: FieldErrors, body: MappingSaveInput['body']): FieldErrors {
  const out: FieldErrors = {};
  for (const [path, message] of Object.entries(errors)) {
    const m = /^mappings\.(\d+)(?:\.|$)/.exec(path);
    const siteId = m ? body.mappings[Number(m[1])]?.siteId : undefined;
    out[siteId ? `sites.${siteId}` : path] ??= message;
  }
  return out;
}

export function mappingErrors(ctx: RmmWizardContext): FieldErrors {
  const body = mappingBody(ctx);
  const errors = siteKeyedErrors(schemaErrors(rmmMappingSchema, body), body);
  if (ctx.vendor === 'syncro' && !userActivityLocked(ctx)) {
    Object.assign(errors, schemaErrors(userActivityOrganizationSchema('syncro'), { userActivityOrganizationId: ctx.userActivityOrganizationId ?? undefined }));
  }
  return errors;
}

export function parametersErrors(ctx: RmmWizardContext): FieldErrors {
  return schemaErrors(rmmParametersSchema, { entraDeviceIdField: ctx.entraDeviceIdField });
}

export const isEmpty = (errors: FieldErrors): boolean => Object.keys(errors).length === 0;

// ---- mapping preview ------------------------------------------------------------------------

export interface MappingRowView {
  site: SiteView;
  /** The organization the site maps to as things stand (chosen, or matched by exact name). */
  organizationId: string | null;
  /** Mapped by "Automatically map organizations with 100% match", not by hand. */
  auto: boolean;
  ignoreAutoMap: boolean;
}

/** What saving would store: chosen organizations, plus exact-name matches when auto-mapping is on (the BFF applies the same rule). */
export function mappingPreview(ctx: Pick<RmmWizardContext, 'sites' | 'mapping' | 'organizations'>): MappingRowView[] {
  // One lookup over the organizations for every site (5,000 sites would otherwise scan the list 5,000 times).
  const matchName = ctx.mapping.autoMapExact ? exactNameMatcher(ctx.organizations) : null;
  return visibleSites(ctx).map((site) => {
    const choice = ctx.mapping.choices[site.id];
    const ignoreAutoMap = choice?.ignoreAutoMap ?? false;
    if (choice?.organizationId) return { site, organizationId: choice.organizationId, auto: false, ignoreAutoMap };
    const match = matchName && !ignoreAutoMap ? matchName(site.name) : undefined;
    return { site, organizationId: match?.id ?? null, auto: Boolean(match), ignoreAutoMap };
  });
}

/** Counts for the step's summary line. */
export function mappingCounts(rows: ReadonlyArray<MappingRowView>): { mapped: number; auto: number; unmapped: number } {
  const mapped = rows.filter((r) => r.organizationId).length;
  return { mapped, auto: rows.filter((r) => r.auto).length, unmapped: rows.length - mapped };
}

/**
 * A new choice for one site. Choosing "Not mapped" for a site that auto-mapping would match also
 * ignores it for auto-mapping: otherwise saving would map it again, against the person's choice.
 * ASSUMPTION: seed 004 has no "ignore" list for Datto RMM; this is how its wizard honours an explicit "Not mapped".
 */
export function assignSite(ctx: RmmWizardContext, siteId: string, organizationId: string | null): MappingDraft {
  const previous = ctx.mapping.choices[siteId] ?? { organizationId: null, ignoreAutoMap: false };
  let ignoreAutoMap = previous.ignoreAutoMap;
  if (organizationId === null) {
    const site = ctx.sites.find((s) => s.id === siteId);
    if (site && ctx.mapping.autoMapExact && exactNameMatch(site.name, ctx.organizations)) ignoreAutoMap = true;
  }
  return { ...ctx.mapping, choices: { ...ctx.mapping.choices, [siteId]: { organizationId, ignoreAutoMap } } };
}

// ---- server answers -------------------------------------------------------------------------

/** The BFF's field errors of a problem, with the request's wrapper (`credentials.`) stripped. */
export function problemFieldErrors(problem: ProblemData, stripPrefix?: string): FieldErrors {
  const errors: FieldErrors = {};
  for (const { field, message } of problem.errors) {
    const path = stripPrefix && field.startsWith(`${stripPrefix}.`) ? field.slice(stripPrefix.length + 1) : field;
    errors[path] ??= message;
  }
  return errors;
}

export const isDuplicateProblem = (problem: ProblemData): boolean => problem.status === 409 && problem.code === 'duplicate_connection';

export const mentionsField = (problem: ProblemData, field: string): boolean => problem.errors.some((e) => e.field === field);

/** A problem shown above the buttons only when no field carries it. */
export function formProblem(problem: ProblemData, fieldErrors: FieldErrors): ProblemData | null {
  return Object.keys(fieldErrors).length ? null : problem;
}

// ---- boot and drafts ------------------------------------------------------------------------

/** The context after boot: lists, the existing integration's saved values, then a draft's newer form values. */
export function contextFromBoot(ctx: RmmWizardContext, boot: BootResult): Partial<RmmWizardContext> {
  const next: Partial<RmmWizardContext> = {
    organizations: boot.organizations,
    duplicateOf: boot.duplicateOf,
    integration: boot.integration,
    userActivityOrganizationId: boot.integration?.userActivityOrganizationId ?? null,
    entraDeviceIdField: boot.entraDeviceIdField,
    bootProblem: null,
  };
  if (boot.mapping) {
    const choices: MappingDraft['choices'] = {};
    for (const row of boot.mapping.rows) choices[row.siteId] = { organizationId: row.organizationId, ignoreAutoMap: row.ignoreAutoMap };
    next.mapping = { autoMapExact: boot.mapping.autoMapExact, siteTypes: boot.mapping.siteTypes, choices };
  }
  if (ctx.editing) next.doneSteps = [];
  const draft = boot.draft;
  if (draft && (!draft.integrationId || draft.integrationId === boot.integration?.id)) {
    Object.assign(next, {
      confirmSeparateInstance: draft.confirmSeparateInstance,
      // A stored user-activity organization always wins: it cannot change.
      userActivityOrganizationId: boot.integration?.userActivityOrganizationId ?? draft.userActivityOrganizationId,
      credentials: draft.credentials,
      mapping: draft.mapping,
      entraDeviceIdField: draft.entraDeviceIdField,
      doneSteps: draft.doneSteps,
      resumeStep: draft.step,
    });
  }
  return next;
}

/** The form values worth resuming; secrets (API keys, tokens) and vendor lists are left out on purpose. */
export function draftValues(ctx: RmmWizardContext, step: string): RmmDraftValues {
  const credentials: CredentialValues = {};
  for (const field of CREDENTIAL_FIELDS[ctx.vendor]) if (!field.secret && ctx.credentials[field.name]) credentials[field.name] = ctx.credentials[field.name]!;
  return {
    step,
    integrationId: ctx.integration?.id ?? null,
    confirmSeparateInstance: ctx.confirmSeparateInstance,
    userActivityOrganizationId: ctx.userActivityOrganizationId,
    credentials,
    mapping: ctx.mapping,
    entraDeviceIdField: ctx.entraDeviceIdField,
    doneSteps: ctx.doneSteps,
  };
}

/** Adds a step to the done list (kept in order of first completion). */
export function withDone(done: ReadonlyArray<string>, step: string): string[] {
  return done.includes(step) ? [...done] : [...done, step];
}
