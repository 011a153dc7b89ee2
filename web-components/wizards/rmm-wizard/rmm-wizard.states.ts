/**
 * @module The states both RMM machines share (boot, credentials, organization mapping, finish), built
 * per vendor so each machine file keeps only what is its own: its step order and Datto RMM's extra steps.
 */
import { and } from 'xstate';
import { STEP_ORDER, initialContext, mappingBody } from './rmm-wizard.logic.js';
import type { rmmWizardSetup } from './rmm-wizard.setup.js';
import type { RmmVendor } from './rmm-wizard.types.js';

/** The config `rmmWizardSetup.createMachine` accepts, so the pieces below are checked against the real setup. */
type RmmMachineConfig = Parameters<typeof rmmWizardSetup.createMachine>[0];
type RmmStateConfig = NonNullable<RmmMachineConfig['states']>[string];
/** A step's own transitions (events only one vendor's step handles). */
export type RmmTransitions = NonNullable<RmmStateConfig['on']>;

// Each machine's id is its vendor (set by rmmMachineFrame), so `#<vendor>.<step>` reaches a top-level step.
const stepOf = (vendor: RmmVendor, step: string) => `#${vendor}.${step}` as const;

/** The machine-level config: id, context, output and Cancel from anywhere (the machine adds its `cancelled` final state). */
export function rmmMachineFrame(vendor: RmmVendor) {
  return {
    id: vendor,
    context: ({ input }) => initialContext(vendor, input.integrationId ?? null),
    initial: 'boot',
    // Cancel in a section opened from the summary discards that section only.
    on: { 'wizard.cancel': [{ guard: 'inSection', target: '.summary', actions: 'restoreSection' }, { target: '.cancelled' }] },
    output: ({ context }) => ({ integrationId: context.integration?.id ?? '', vendor, status: context.integration?.status ?? 'draft' }),
  } as const satisfies Omit<RmmMachineConfig, 'states'>;
}

/**
 * Step links (issue 17, item 1): from `step`, a jump back to each earlier step that is done. Never to a
 * later one: the way forward is Next, which checks and saves the step being left (its values would
 * otherwise stay unsaved behind the jump). A jump, like Back, abandons a check or save in flight.
 */
export function goToEarlier(vendor: RmmVendor, step: string) {
  const order = STEP_ORDER[vendor];
  const earlier = order.slice(0, Math.max(0, order.indexOf(step)));
  return {
    'step.goto': earlier.map((target) => ({ guard: { type: 'canGoTo', params: { step: target } }, target: stepOf(vendor, target), actions: 'clearProblem' }) as const),
  } as const satisfies RmmTransitions;
}

/** A step a resumed draft may reopen (steps after credentials need the integration it created). */
export interface ResumePoint {
  step: string;
  needsIntegration?: boolean;
}

/**
 * Boot: load the integration/draft, then start at the first of `resumable` the draft stood on and can
 * still reach (in that order), else at `first`.
 */
export function bootState(vendor: RmmVendor, resumable: readonly ResumePoint[], first: string) {
  return {
    initial: 'loading',
    states: {
      loading: {
        invoke: {
          id: 'boot',
          src: 'boot',
          input: ({ context }) => ({ vendor: context.vendor, integrationId: context.requestedIntegrationId }),
          onDone: { target: 'route', actions: 'assignBoot' },
          onError: { target: 'failed', actions: 'assignBootProblem' },
        },
      },
      failed: { on: { 'boot.retry': 'loading' } },
      route: {
        always: [
          { guard: 'showsSummary', target: stepOf(vendor, 'summary'), actions: 'clearResume' },
          ...resumable.map((point) => ({ guard: { type: 'resumeAt', params: point }, target: stepOf(vendor, point.step), actions: 'clearResume' }) as const),
          { target: stepOf(vendor, first), actions: 'clearResume' },
        ],
      },
    },
  } as const satisfies RmmStateConfig;
}

export interface CredentialsOptions {
  /** The step a passed check (or kept stored credentials) leads to. */
  next: string;
  /**
   * Datto RMM's step before credentials, where the user-activity organization is chosen and a duplicate
   * confirmed: connect sends that organization, a duplicate or an organization problem returns there,
   * and Back goes there from anywhere in this step. Without it (Syncro: credentials is the first step,
   * the organization is chosen on the mapping step) the duplicate confirmation happens on the fields,
   * connect sends no organization, and Back during a check abandons it for the fields.
   */
  organizationStep?: string;
}

/** Credentials: edit, then a new connection (`connect`) or new credentials for the existing one (`replaceCredentials`). */
export function credentialsState(vendor: RmmVendor, { next, organizationStep }: CredentialsOptions) {
  const backToFields = organizationStep ? {} : ({ on: { 'step.back': 'editing' } } as const);
  return {
    initial: 'editing',
    on: {
      ...goToEarlier(vendor, 'credentials'),
      ...(organizationStep ? ({ 'step.back': { target: organizationStep, actions: 'clearProblem' } } as const) : {}),
    },
    states: {
      editing: {
        on: {
          'credentials.change': { actions: 'changeCredential' },
          ...(organizationStep ? {} : ({ 'duplicate.confirm': { actions: 'confirmDuplicate' } } as const)),
          'field.blur': { actions: 'blurField' },
          'step.attempt': { actions: { type: 'markSubmitted', params: { step: 'credentials' } } },
          'step.next': [
            { guard: and(['inSection', 'keepsCredentials']), target: stepOf(vendor, 'summary'), actions: 'restoreSection' },
            { guard: 'keepsCredentials', target: stepOf(vendor, next), actions: { type: 'markDone', params: { step: 'credentials' } } },
            { guard: and([{ type: 'stepValid', params: { step: 'credentials' as const } }, 'hasIntegration']), target: 'replacing', actions: { type: 'markSubmitted', params: { step: 'credentials' } } },
            { guard: { type: 'stepValid', params: { step: 'credentials' } }, target: 'connecting', actions: { type: 'markSubmitted', params: { step: 'credentials' } } },
          ],
        },
      },
      /** A new connection, validated against the vendor by the BFF. */
      connecting: {
        ...backToFields,
        invoke: {
          id: 'connect',
          src: 'connect',
          input: ({ context }) => ({
            vendor,
            credentials: context.credentials,
            confirmSeparateInstance: context.confirmSeparateInstance,
            userActivityOrganizationId: organizationStep ? context.userActivityOrganizationId : null,
          }),
          onDone: { target: stepOf(vendor, next), actions: ['assignIntegration', { type: 'markDone', params: { step: 'credentials' } }] },
          onError: organizationStep
            ? [
                // Someone connected this vendor meanwhile: the organization step asks for the separate-instance confirmation.
                { guard: 'isDuplicate', target: stepOf(vendor, organizationStep), actions: 'assignDuplicate' },
                { guard: { type: 'problemAt', params: { field: 'userActivityOrganizationId' } }, target: stepOf(vendor, organizationStep), actions: 'assignFieldProblem' },
                { target: 'editing', actions: 'assignCredentialProblem' },
              ]
            : [
                // Another connection exists: the warning and its confirmation appear next to the fields.
                { guard: 'isDuplicate', target: 'editing', actions: 'assignDuplicate' },
                { target: 'editing', actions: 'assignCredentialProblem' },
              ],
        },
      },
      /** New credentials for the existing connection (edit mode, or Back after the first check), validated the same way. */
      replacing: {
        ...backToFields,
        invoke: {
          id: 'replaceCredentials',
          src: 'replaceCredentials',
          input: ({ context }) => ({ integrationId: context.integration!.id, vendor, credentials: context.credentials }),
          onDone: [
            { guard: 'inSection', target: stepOf(vendor, 'summary'), actions: ['assignIntegration', 'sectionSaved'] },
            { target: stepOf(vendor, next), actions: ['assignIntegration', { type: 'markDone', params: { step: 'credentials' } }] },
          ],
          onError: { target: 'editing', actions: 'assignCredentialProblem' },
        },
      },
    },
  } as const satisfies RmmStateConfig;
}

export interface MappingOptions {
  /** The step a saved mapping leads to. */
  next: string;
  /** What only this vendor's mapping step edits (Datto RMM's site types, Syncro's user-activity organization). */
  editingOn: RmmTransitions;
}

/** Organization mapping (after credentials): load or refresh the vendor's sites, edit the mapping, save it. */
export function mappingState(vendor: RmmVendor, { next, editingOn }: MappingOptions) {
  return {
    initial: 'loading',
    on: { ...goToEarlier(vendor, 'mapping'), 'step.back': { target: 'credentials', actions: 'clearProblem' } },
    states: {
      loading: {
        entry: 'startSitesLoad',
        // Next pressed while the sites load: remember it, so the step's errors show (and focus goes to the first) once the sites arrive.
        on: { 'step.attempt': { actions: { type: 'markSubmitted', params: { step: 'mapping' } } } },
        invoke: {
          id: 'loadSites',
          src: 'loadSites',
          input: ({ context }) => ({ integrationId: context.integration!.id, refresh: false }),
          onDone: { target: 'editing', actions: 'assignSites' },
          onError: { target: 'failed', actions: 'assignSitesProblem' },
        },
      },
      refreshing: {
        entry: 'startSitesLoad',
        on: { 'step.attempt': { actions: { type: 'markSubmitted', params: { step: 'mapping' } } } },
        invoke: {
          id: 'refreshSites',
          src: 'loadSites',
          input: ({ context }) => ({ integrationId: context.integration!.id, refresh: true }),
          onDone: { target: 'editing', actions: 'assignSites' },
          onError: { target: 'failed', actions: 'assignSitesProblem' },
        },
      },
      failed: { on: { 'sites.retry': 'loading' } },
      editing: {
        on: {
          'sites.refresh': 'refreshing',
          ...editingOn,
          'mapping.autoMap': { actions: 'setAutoMap' },
          'mapping.assign': { actions: 'assignSiteChoice' },
          'mapping.ignore': { actions: 'ignoreSite' },
          'field.blur': { actions: 'blurField' },
          'step.attempt': { actions: { type: 'markSubmitted', params: { step: 'mapping' } } },
          'step.next': { guard: { type: 'stepValid', params: { step: 'mapping' } }, target: 'saving', actions: { type: 'markSubmitted', params: { step: 'mapping' } } },
        },
      },
      saving: {
        invoke: {
          id: 'saveMapping',
          src: 'saveMapping',
          input: ({ context }) => ({ integrationId: context.integration!.id, body: mappingBody(context) }),
          onDone: [
            { guard: 'inSection', target: stepOf(vendor, 'summary'), actions: ['assignSavedMapping', 'sectionSaved'] },
            { target: stepOf(vendor, next), actions: ['assignSavedMapping', { type: 'markDone', params: { step: 'mapping' } }] },
          ],
          onError: { target: 'editing', actions: 'assignMappingProblem' },
        },
      },
    },
  } as const satisfies RmmStateConfig;
}

/** Finish (the last step, after `back`): review, then complete the integration. */
export function finishState(vendor: RmmVendor, back: string) {
  return {
    initial: 'review',
    on: { ...goToEarlier(vendor, 'finish'), 'step.back': { target: back, actions: 'clearProblem' } },
    states: {
      review: { on: { 'step.next': 'completing' } },
      completing: {
        invoke: {
          id: 'complete',
          src: 'complete',
          input: ({ context }) => ({ integrationId: context.integration!.id }),
          onDone: { target: stepOf(vendor, 'done'), actions: ['assignCompleted', { type: 'markDone', params: { step: 'finish' } }] },
          onError: { target: 'review', actions: 'assignProblem' },
        },
      },
    },
  } as const satisfies RmmStateConfig;
}

/**
 * Edit mode's summary of a finished connection (issue 17, item 1): each of `sections` (a step's state
 * name) opens alone with its own Edit; its Save (the step's Next) or Cancel comes back here.
 */
export function summaryState(vendor: RmmVendor, sections: readonly string[]) {
  return {
    on: {
      'section.edit': sections.map((step) => ({ guard: { type: 'opensSection', params: { step } }, target: stepOf(vendor, step), actions: 'openSection' }) as const),
    },
  } as const satisfies RmmStateConfig;
}
