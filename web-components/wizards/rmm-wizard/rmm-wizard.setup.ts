/**
 * @module The `setup()` both RMM machines are built from: their types, the named I/O actors (ports
 * the element fills with BFF calls via `machine.provide`, tests with fakes), the guards (each step's
 * zod schema) and the assign actions. The two machines differ only in their steps.
 */
import { assign, fromPromise } from 'xstate';
import { setupMachine } from '../shared/machine-setup.js';
import type { RmmCustomField } from '../../../bff/contracts/entra-field.js';
import { clearServerErrors, touch } from '../shared/form-state.js';
import { problemData } from '../shared/wizard-api.js';
import {
  assignSite, contextFromBoot, credentialErrors, isDuplicateProblem, isEmpty, keepsStoredCredentials, mappingBody, mappingErrors,
  organizationErrors, parametersErrors, problemFieldErrors, siteKeyedErrors, userActivityLocked, withDone,
} from './rmm-wizard.logic.js';
import { CREDENTIAL_FIELDS } from './rmm-wizard.schemas.js';
import type {
  BootInput, BootResult, ConnectInput, IntegrationSummary, MappingSaveInput, MappingSaveResult, RmmVendor, RmmWizardContext, RmmWizardEvent, SiteView,
} from './rmm-wizard.types.js';

/** Steps whose Next is guarded by a schema. */
export type GuardedStep = 'organization' | 'credentials' | 'mapping' | 'parameters';

export interface RmmWizardInput {
  vendor: RmmVendor;
  integrationId?: string | null;
}

export interface RmmWizardOutput {
  integrationId: string;
  vendor: RmmVendor;
  status: IntegrationSummary['status'];
}

const notProvided = (name: string) => () => Promise.reject(new Error(`The RMM wizard's "${name}" actor was not provided (machine.provide({ actors })).`));

const ERRORS_OF: Record<GuardedStep, (ctx: RmmWizardContext) => Record<string, string>> = {
  organization: organizationErrors,
  credentials: credentialErrors,
  mapping: mappingErrors,
  parameters: parametersErrors,
};

/** Error messages of one step as things stand (validate always; the element decides what shows). */
export function stepErrors(ctx: RmmWizardContext, step: GuardedStep): Record<string, string> {
  return ERRORS_OF[step](ctx);
}

const errorOf = (event: unknown) => problemData((event as { error: unknown }).error);
const outputOf = <T>(event: unknown) => (event as { output: T }).output;
/** Changes to a field: mark it touched and drop the server's now-stale answer for it. */
const edited = (ctx: RmmWizardContext, paths: string[]) => ({ touched: touch(ctx.touched, paths), serverErrors: clearServerErrors(ctx.serverErrors, paths), problem: null });

export const rmmWizardSetup = setupMachine({
  types: {
    context: {} as RmmWizardContext,
    events: {} as RmmWizardEvent,
    input: {} as RmmWizardInput,
    output: {} as RmmWizardOutput,
  },
  actors: {
    boot: fromPromise<BootResult, BootInput>(notProvided('boot')),
    connect: fromPromise<IntegrationSummary, ConnectInput>(notProvided('connect')),
    replaceCredentials: fromPromise<IntegrationSummary, { integrationId: string; vendor: RmmVendor; credentials: Record<string, string> }>(notProvided('replaceCredentials')),
    loadSites: fromPromise<SiteView[], { integrationId: string; refresh: boolean }>(notProvided('loadSites')),
    saveMapping: fromPromise<MappingSaveResult, MappingSaveInput>(notProvided('saveMapping')),
    loadCustomFields: fromPromise<RmmCustomField[], { integrationId: string }>(notProvided('loadCustomFields')),
    saveParameters: fromPromise<{ entraDeviceIdField: string | null }, { integrationId: string; entraDeviceIdField: string | null }>(notProvided('saveParameters')),
    complete: fromPromise<IntegrationSummary, { integrationId: string }>(notProvided('complete')),
  },
  guards: {
    /** Next is allowed: the step's schema accepts what is entered. */
    stepValid: ({ context }, params: { step: GuardedStep }) => isEmpty(stepErrors(context, params.step)),
    /** Edit mode (or back after a check): every credential field left empty keeps the stored ones. */
    keepsCredentials: ({ context }) => keepsStoredCredentials(context),
    hasIntegration: ({ context }) => context.integration !== null,
    /** The user-activity organization can still be chosen (the BFF refuses a change once it is set). */
    userActivityEditable: ({ context }) => !userActivityLocked(context),
    /** A resumed draft stood on this step (steps after credentials need the integration it created). */
    resumeAt: ({ context }, params: { step: string; needsIntegration?: boolean }) =>
      context.resumeStep === params.step && (!params.needsIntegration || context.integration !== null),
    isDuplicate: ({ event }) => isDuplicateProblem(errorOf(event)),
    /** Edit mode on a finished connection: it opens at the summary of its sections (issue 17, item 1). */
    showsSummary: ({ context }) => context.editing && context.integration !== null && context.integration.status !== 'draft',
    /** One section is open from the summary: its Save and Cancel return there. */
    inSection: ({ context }) => context.section !== null,
    opensSection: ({ event }, params: { step: string }) => event.type === 'section.edit' && event.step === params.step,
    /**
     * Create flow (issue 17, item 1): a completed step may be jumped to from its name in the progress
     * list. Only earlier steps are offered (goToEarlier), so a jump never skips a step forward; a
     * section opened from edit mode's summary has no progress list and no jumps.
     */
    canGoTo: ({ context, event }, params: { step: string }) =>
      event.type === 'step.goto' && event.step === params.step && context.section === null && context.doneSteps.includes(params.step),
    problemAt: ({ event }, params: { field: string }) => errorOf(event).errors.some((e) => e.field === params.field),
  },
  actions: {
    assignBoot: assign(({ context, event }) => contextFromBoot(context, outputOf<BootResult>(event))),
    assignBootProblem: assign({ bootProblem: ({ event }) => errorOf(event) }),
    clearResume: assign({ resumeStep: null }),
    markSubmitted: assign({ submitted: ({ context }, params: { step: string }) => touch(context.submitted, [params.step]) }),
    markDone: assign({ doneSteps: ({ context }, params: { step: string }) => withDone(context.doneSteps, params.step), problem: null, serverErrors: {} }),
    clearProblem: assign({ problem: null }),
    openSection: assign(({ context, event }) => ({
      section: event.type === 'section.edit' ? event.step : null,
      sectionBackup: { credentials: context.credentials, mapping: context.mapping, entraDeviceIdField: context.entraDeviceIdField, touched: context.touched, submitted: context.submitted },
      problem: null,
      serverErrors: {},
    })),
    /** Cancel in a section: only that section's change is discarded (typed credentials are forgotten). */
    restoreSection: assign(({ context }) => ({ ...(context.sectionBackup ?? {}), credentials: {}, section: null, sectionBackup: null, problem: null, serverErrors: {} })),
    sectionSaved: assign({ section: null, sectionBackup: null, problem: null, serverErrors: {} }),

    selectOrganization: assign(({ context, event }) => {
      if (event.type !== 'organization.select') return {};
      return { userActivityOrganizationId: event.organizationId, ...edited(context, ['userActivityOrganizationId']) };
    }),
    confirmDuplicate: assign(({ context, event }) => {
      if (event.type !== 'duplicate.confirm') return {};
      return { confirmSeparateInstance: event.confirmed, ...edited(context, ['confirmSeparateInstance']) };
    }),
    changeCredential: assign(({ context, event }) => {
      if (event.type !== 'credentials.change') return {};
      return { credentials: { ...context.credentials, [event.field]: event.value }, ...edited(context, [event.field]) };
    }),
    blurField: assign({ touched: ({ context, event }) => (event.type === 'field.blur' ? touch(context.touched, [event.field]) : context.touched) }),

    /** A check passed: keep the integration, forget every typed credential (they are never shown again). */
    assignIntegration: assign(({ context, event }) => {
      const integration = outputOf<IntegrationSummary>(event);
      return {
        integration,
        userActivityOrganizationId: integration.userActivityOrganizationId ?? context.userActivityOrganizationId,
        credentials: {},
        touched: context.touched.filter((t) => !CREDENTIAL_FIELDS[context.vendor].some((f) => f.name === t)),
        serverErrors: {},
        problem: null,
      };
    }),
    /** The vendor (or the BFF) refused: its reasons go next to the fields, anything else above the buttons. */
    assignCredentialProblem: assign(({ event }) => {
      const problem = errorOf(event);
      const serverErrors = problemFieldErrors(problem, 'credentials');
      return { serverErrors, problem: Object.keys(serverErrors).length ? null : problem };
    }),
    /** The BFF's 409: another connection of this vendor exists; the person must confirm a separate instance. */
    assignDuplicate: assign(({ event }) => {
      const problem = errorOf(event);
      const existing = problem.extra.existingIntegrationId;
      return {
        duplicateOf: typeof existing === 'string' ? existing : 'unknown',
        confirmSeparateInstance: false,
        serverErrors: { confirmSeparateInstance: problem.detail ?? problem.title },
        problem: null,
      };
    }),
    assignFieldProblem: assign(({ event }) => {
      const problem = errorOf(event);
      const serverErrors = problemFieldErrors(problem);
      return { serverErrors, problem: Object.keys(serverErrors).length ? null : problem };
    }),

    startSitesLoad: assign({ sitesLoad: { status: 'loading', problem: null } }),
    assignSites: assign({ sites: ({ event }) => outputOf<SiteView[]>(event), sitesLoad: { status: 'loaded', problem: null } }),
    assignSitesProblem: assign({ sitesLoad: ({ event }) => ({ status: 'failed' as const, problem: errorOf(event) }) }),
    setSiteTypes: assign(({ context, event }) => {
      if (event.type !== 'mapping.siteTypes') return {};
      return { mapping: { ...context.mapping, siteTypes: [...event.siteTypes] }, ...edited(context, ['siteTypes']) };
    }),
    setAutoMap: assign(({ context, event }) => {
      if (event.type !== 'mapping.autoMap') return {};
      return { mapping: { ...context.mapping, autoMapExact: event.enabled }, ...edited(context, ['autoMapExact']) };
    }),
    assignSiteChoice: assign(({ context, event }) => {
      if (event.type !== 'mapping.assign') return {};
      return { mapping: assignSite(context, event.siteId, event.organizationId), ...edited(context, [`sites.${event.siteId}`]) };
    }),
    ignoreSite: assign(({ context, event }) => {
      if (event.type !== 'mapping.ignore') return {};
      const previous = context.mapping.choices[event.siteId] ?? { organizationId: null, ignoreAutoMap: false };
      return {
        mapping: { ...context.mapping, choices: { ...context.mapping.choices, [event.siteId]: { ...previous, ignoreAutoMap: event.ignored } } },
        ...edited(context, [`sites.${event.siteId}`]),
      };
    }),
    /** What the BFF stored (auto-mapped rows included) becomes the wizard's mapping. */
    assignSavedMapping: assign(({ context, event }) => {
      const saved = outputOf<MappingSaveResult>(event);
      const choices = { ...context.mapping.choices };
      for (const row of saved.mappings) choices[row.siteId] = { organizationId: row.organizationId, ignoreAutoMap: row.ignoreAutoMap };
      return {
        mapping: { autoMapExact: saved.autoMapExact, siteTypes: saved.siteTypes, choices },
        userActivityOrganizationId: saved.userActivityOrganizationId,
        integration: context.integration ? { ...context.integration, userActivityOrganizationId: saved.userActivityOrganizationId } : null,
      };
    }),
    assignMappingProblem: assign(({ context, event }) => {
      const problem = errorOf(event);
      const serverErrors = siteKeyedErrors(problemFieldErrors(problem), mappingBody(context));
      return { serverErrors, problem: Object.keys(serverErrors).length ? null : problem };
    }),

    startCustomFieldsLoad: assign({ customFieldsLoad: { status: 'loading', problem: null } }),
    assignCustomFields: assign({ customFields: ({ event }) => outputOf<RmmCustomField[]>(event), customFieldsLoad: { status: 'loaded', problem: null } }),
    assignCustomFieldsProblem: assign({ customFieldsLoad: ({ event }) => ({ status: 'failed' as const, problem: errorOf(event) }) }),
    setEntraField: assign(({ context, event }) => {
      if (event.type !== 'parameters.entraField') return {};
      return { entraDeviceIdField: event.field, ...edited(context, ['entraDeviceIdField']) };
    }),
    assignParameters: assign({ entraDeviceIdField: ({ event }) => outputOf<{ entraDeviceIdField: string | null }>(event).entraDeviceIdField }),
    assignCompleted: assign({ integration: ({ event }) => outputOf<IntegrationSummary>(event) }),
    assignProblem: assign({ problem: ({ event }) => errorOf(event) }),
  },
});
