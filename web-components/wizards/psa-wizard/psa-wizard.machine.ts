/**
 * @module The PSA wizard as one XState v5 machine for both vendors (`input.vendor`): a state per
 * step, Next guarded by that step's schema (psa-wizard.validation.ts, through psa-wizard.guards.ts), every BFF call an invoked
 * actor whose signal aborts when the state is left, Back always allowed, and the server the
 * authority: each Next saves the section and its field errors come back next to the fields.
 *
 * `step.next` is taken only when the guard passes, so `snapshot.can({ type: 'step.next' })` says
 * whether the step may advance. The Next button stays pressable: when `can` says no, the element
 * sends `step.refuse`, which shows every error and asks for focus on the first (`attempt`).
 */
import { and, assign, type ActorRefFrom, type SnapshotFrom } from 'xstate';
import { clearServerErrors, errorsFromServer, setIn, touch } from '../shared/form-state.js';
import { problemData } from '../shared/wizard-api.js';
import { setupMachine } from '../shared/machine-setup.js';
import { NOT_PROVIDED, psaWizardActors } from './psa-wizard.services.js';
import {
  DEFAULT_NEW_SERVICE, EMPTY_ACCOUNT_MAPPING, EMPTY_CONTRACT, EMPTY_TICKET, PSA_STEPS, STEP_ROOTS, emptyCredentials,
  type PsaStep, type PsaWizardContext, type PsaWizardEvent, type PsaWizardInput,
} from './psa-wizard.types.js';
import { credentialsBlank, credentialsOptional, newServicePasses, stepPasses } from './psa-wizard.guards.js';
import { applyDependents, prefillTicketDefaults } from './psa-wizard.values.js';
import { connectionFacts } from '../../../bff/contracts/credential-fields.js';

/** The state of each step (`wizard-step-change` reports steps; the machine's states are camelCase). */
const STEP_STATE = {
  credentials: 'credentials', 'account-mapping': 'accountMapping', 'service-parameters': 'serviceParameters', 'contract-mapping': 'contractMapping', finish: 'finish',
} as const satisfies Record<PsaStep, string>;

/** Bump when states or context change shape: drafts of another version are discarded, never restored. */
export const PSA_WIZARD_MACHINE_VERSION = 1;

/** The paths an event changes (`field.change` one, `fields.change` several). */
export function changedPaths(event: PsaWizardEvent): string[] {
  if (event.type === 'field.change') return [event.path];
  if (event.type === 'fields.change') return Object.keys(event.changes);
  return [];
}

/** Whether every path an event changes belongs to the step's values (a step never writes another's). */
function changeWithin(event: PsaWizardEvent, step: PsaStep): boolean {
  return changedPaths(event).every((path) => STEP_ROOTS[step].some((root) => path === root || path.startsWith(`${root}.`)));
}

/** Field errors and the problem of a refused call, as context (server field names prefixed with the step's root). */
function refusal(context: PsaWizardContext, error: unknown, root?: string): Partial<PsaWizardContext> {
  const problem = problemData(error);
  const fields = problem.errors.map((e) => ({ ...e, field: root && !e.field.startsWith(`${root}.`) ? `${root}.${e.field}` : e.field }));
  return { problem, serverErrors: errorsFromServer(fields), submitted: true, attempt: context.attempt + 1 };
}

export const psaWizardMachine = setupMachine({
  types: {
    context: {} as PsaWizardContext,
    events: {} as PsaWizardEvent,
    input: {} as PsaWizardInput,
  },
  actors: psaWizardActors(NOT_PROVIDED),
  guards: {
    isEditing: ({ context }) => context.editing,
    /** Edit mode with one section open: its Save returns to the summary, its Cancel restores it. */
    inSection: ({ context }) => context.section !== null,
    /** Create flow: a step whose section was accepted may be jumped to from its heading. */
    canGoTo: ({ context, event }, params: { step: PsaStep }) =>
      !context.sectionMode && event.type === 'step.goto' && event.step === params.step && context.done.includes(params.step),
    opensSection: ({ event }, params: { step: PsaStep }) => event.type === 'section.edit' && event.step === params.step,
    /** The saved integration opens at this step (an unfinished one resumes where it was left). */
    resumesAt: ({ event }, params: { step: PsaStep | 'summary' }) => (event as unknown as { output?: { resumeAt?: string } }).output?.resumeAt === params.step,
    stepValid: ({ context }, params: { step: PsaStep }) => stepPasses(params.step, context),
    /** Editing, or back on step 1 after it succeeded: blank credentials keep the stored ones. */
    credentialsKept: ({ context }) => credentialsOptional(context) && credentialsBlank(context),
    changeAllowed: ({ event }, params: { step: PsaStep }) => changeWithin(event, params.step),
    /** An account-mapping change that touches the catch-all account or the attach switch (its contacts need checking). */
    changesCatchAll: ({ event }) => changeWithin(event, 'account-mapping')
      && changedPaths(event).some((p) => p === 'accountMapping.catchAllAccountId' || p === 'accountMapping.attachContacts'),
    needsContactsCheck: ({ context }) => {
      const { attachContacts, catchAllAccountId } = context.accountMapping;
      return attachContacts && Boolean(catchAllAccountId) && context.catchAllContacts?.accountId !== catchAllAccountId;
    },
    hasServiceLists: ({ context }) => context.picklists !== null && context.catalog !== null,
    hasServices: ({ context }) => context.services !== null,
    newServiceValid: ({ context }) => newServicePasses(context),
  },
  actions: {
    applyChange: assign(({ context, event }) => {
      const changes = event.type === 'field.change' ? { [event.path]: event.value } : event.type === 'fields.change' ? event.changes : {};
      const paths = Object.keys(changes);
      let next = context;
      for (const path of paths) next = setIn(next, path, changes[path]);
      return { ...applyDependents(context, next, paths), touched: touch(context.touched, paths), serverErrors: clearServerErrors(context.serverErrors, paths) };
    }),
    // An edited section shows at once what no longer passes (a picklist value removed in the PSA since it was saved).
    enterStep: assign(({ context }) => ({ touched: [], submitted: context.section !== null, serverErrors: {}, problem: null })),
    openSection: assign(({ context, event }) => ({
      section: event.type === 'section.edit' ? event.step : null,
      sectionBackup: { credentials: context.credentials, accountMapping: context.accountMapping, ticket: context.ticket, contract: context.contract },
    })),
    /** Cancel in a section: only that section's change is discarded. */
    restoreSection: assign(({ context }) => ({ ...(context.sectionBackup ?? {}), credentials: emptyCredentials(context.vendor), section: null, sectionBackup: null, problem: null })),
    sectionSaved: assign(({ context }) => ({ section: null, sectionBackup: null, sectionSaves: context.sectionSaves + 1 })),
    refuse: assign(({ context }) => ({ submitted: true, attempt: context.attempt + 1 })),
    markDone: assign(({ context }, params: { step: PsaStep }) => ({ done: context.done.includes(params.step) ? context.done : [...context.done, params.step] })),
    clearProblem: assign({ problem: null, contactsProblem: null }),
  },
}).createMachine({
  id: 'psa',
  context: ({ input }) => ({
    vendor: input.vendor,
    integrationId: input.integrationId ?? null,
    editing: Boolean(input.integrationId),
    credentials: emptyCredentials(input.vendor),
    accountMapping: EMPTY_ACCOUNT_MAPPING,
    ticket: EMPTY_TICKET,
    contract: EMPTY_CONTRACT,
    newService: DEFAULT_NEW_SERVICE,
    picklists: null,
    catalog: null,
    services: null,
    catchAllContacts: null,
    contactsProblem: null,
    done: [],
    touched: [],
    submitted: false,
    serverErrors: {},
    problem: null,
    attempt: 0,
    completedStatus: null,
    testTicket: null,
    testTicketProblem: null,
    sectionMode: false,
    section: null,
    sectionBackup: null,
    connection: [],
    savedStatus: null,
    sectionSaves: 0,
  }),
  initial: 'boot',
  on: {
    'wizard.cancel': [{ guard: 'inSection', target: '.summary', actions: 'restoreSection' }, { target: '.cancelled' }],
    'step.goto': PSA_STEPS.map((step) => ({ guard: { type: 'canGoTo' as const, params: { step } }, target: `.${STEP_STATE[step]}` })),
  },
  states: {
    boot: { always: [{ guard: 'isEditing', target: 'loadingSaved' }, { target: 'credentials' }] },

    loadingSaved: {
      invoke: {
        id: 'loadSaved',
        src: 'loadSaved',
        input: ({ context }) => ({ integrationId: context.integrationId! }),
        onDone: (['summary', 'account-mapping', 'service-parameters', 'contract-mapping', 'finish', 'credentials'] as const).map((step) => ({
          ...(step === 'credentials' ? {} : { guard: { type: 'resumesAt' as const, params: { step } } }),
          target: step === 'summary' ? '#psa.summary' : `#psa.${STEP_STATE[step]}`,
          actions: assign(({ event }) => ({
            accountMapping: event.output.accountMapping,
            ticket: event.output.ticket ?? EMPTY_TICKET,
            contract: event.output.contract,
            done: event.output.done,
            sectionMode: event.output.resumeAt === 'summary',
            connection: event.output.connection,
            savedStatus: event.output.status,
          })),
        })),
        onError: { target: 'loadFailed', actions: assign(({ event }) => ({ problem: problemData(event.error) })) },
      },
    },
    loadFailed: { on: { 'saved.retry': { target: 'loadingSaved', actions: 'clearProblem' } } },

    /** Edit mode: every section summarised, each with its own Edit; the PSA's lists load meanwhile (labels, vanished values). */
    summary: {
      initial: 'routing',
      on: {
        'section.edit': PSA_STEPS.filter((step) => step !== 'finish').map((step) => ({
          guard: { type: 'opensSection' as const, params: { step } }, target: `#psa.${STEP_STATE[step]}`, actions: 'openSection' as const,
        })),
      },
      states: {
        routing: { always: [{ guard: 'hasServiceLists', target: 'idle' }, { target: 'loadingLists' }] },
        loadingLists: {
          invoke: {
            id: 'loadSummaryLists',
            src: 'loadServiceLists',
            input: ({ context }) => ({ integrationId: context.integrationId! }),
            onDone: { target: 'idle', actions: assign(({ event }) => ({ picklists: event.output.picklists, catalog: event.output.catalog })) },
            // The summary still shows every section; the section itself offers Retry.
            onError: 'idle',
          },
        },
        idle: {},
      },
    },

    credentials: {
      entry: 'enterStep',
      initial: 'editing',
      states: {
        editing: {
          on: {
            'field.change': { guard: { type: 'changeAllowed', params: { step: 'credentials' } }, actions: 'applyChange' },
            'fields.change': { guard: { type: 'changeAllowed', params: { step: 'credentials' } }, actions: 'applyChange' },
            'step.next': [
              { guard: and(['inSection', 'credentialsKept']), target: '#psa.summary', actions: 'restoreSection' },
              { guard: 'credentialsKept', target: '#psa.accountMapping', actions: { type: 'markDone', params: { step: 'credentials' } } },
              { guard: { type: 'stepValid', params: { step: 'credentials' } }, target: 'checking', actions: 'clearProblem' },
            ],
            'step.refuse': { actions: 'refuse' },
          },
        },
        checking: {
          invoke: {
            id: 'submitCredentials',
            src: 'submitCredentials',
            input: ({ context }) => ({ vendor: context.vendor, integrationId: context.integrationId, credentials: context.credentials }),
            onDone: [
              {
                guard: 'inSection',
                target: '#psa.summary',
                actions: [assign(({ context }) => ({ connection: connectionFacts(context.vendor, context.credentials), credentials: emptyCredentials(context.vendor) })), 'sectionSaved'],
              },
              {
                target: '#psa.accountMapping',
                // Accepted credentials leave the browser's memory: the BFF holds them sealed from now on.
                actions: [
                  assign(({ context, event }) => ({ integrationId: event.output.integrationId, credentials: emptyCredentials(context.vendor) })),
                  { type: 'markDone', params: { step: 'credentials' } },
                ],
              },
            ],
            onError: { target: 'editing', actions: assign(({ context, event }) => refusal(context, event.error)) },
          },
        },
      },
    },

    accountMapping: {
      entry: 'enterStep',
      initial: 'editing',
      on: { 'step.back': '#psa.credentials' },
      states: {
        editing: {
          initial: 'routing',
          on: {
            'field.change': [
              { guard: 'changesCatchAll', target: '.routing', actions: 'applyChange' },
              { guard: { type: 'changeAllowed', params: { step: 'account-mapping' } }, actions: 'applyChange' },
            ],
            'fields.change': [
              { guard: 'changesCatchAll', target: '.routing', actions: 'applyChange' },
              { guard: { type: 'changeAllowed', params: { step: 'account-mapping' } }, actions: 'applyChange' },
            ],
            'step.next': { guard: { type: 'stepValid', params: { step: 'account-mapping' } }, target: 'saving' },
            'step.refuse': { actions: 'refuse' },
          },
          states: {
            routing: { always: [{ guard: 'needsContactsCheck', target: 'checkingContacts' }, { target: 'idle' }] },
            checkingContacts: {
              entry: assign({ contactsProblem: null }),
              invoke: {
                id: 'loadContacts',
                src: 'loadContacts',
                input: ({ context }) => ({ integrationId: context.integrationId!, accountId: context.accountMapping.catchAllAccountId }),
                onDone: { target: 'idle', actions: assign(({ context, event }) => ({ catchAllContacts: { accountId: context.accountMapping.catchAllAccountId, contacts: event.output } })) },
                onError: { target: 'contactsFailed', actions: assign(({ event }) => ({ contactsProblem: problemData(event.error) })) },
              },
            },
            contactsFailed: { on: { 'contacts.retry': 'checkingContacts' } },
            idle: {},
          },
        },
        saving: {
          invoke: {
            id: 'saveAccountMapping',
            src: 'saveAccountMapping',
            input: ({ context }) => ({ integrationId: context.integrationId!, value: context.accountMapping }),
            onDone: [
              { guard: 'inSection', target: '#psa.summary', actions: [assign(({ event }) => ({ accountMapping: event.output })), 'sectionSaved'] },
              { target: '#psa.serviceParameters', actions: [assign(({ event }) => ({ accountMapping: event.output })), { type: 'markDone', params: { step: 'account-mapping' } }] },
            ],
            onError: { target: 'editing.idle', actions: assign(({ context, event }) => refusal(context, event.error, 'accountMapping')) },
          },
        },
      },
    },

    serviceParameters: {
      entry: 'enterStep',
      initial: 'routing',
      on: { 'step.back': '#psa.accountMapping' },
      states: {
        routing: { always: [{ guard: 'hasServiceLists', target: 'editing' }, { target: 'loading' }] },
        loading: {
          // Next pressed while the step's lists still load: remember it, so the step's errors show (and focus goes to the first) once its fields arrive, instead of a press that does nothing.
          on: { 'step.refuse': { actions: 'refuse' } },
          invoke: {
            id: 'loadServiceLists',
            src: 'loadServiceLists',
            input: ({ context }) => ({ integrationId: context.integrationId! }),
            onDone: {
              target: 'editing',
              actions: assign(({ context, event }) => ({
                picklists: event.output.picklists, catalog: event.output.catalog, problem: null,
                ticket: prefillTicketDefaults(context.ticket, event.output.picklists),
              })),
            },
            onError: { target: 'failed', actions: assign(({ event }) => ({ problem: problemData(event.error) })) },
          },
        },
        failed: { on: { 'lists.retry': 'loading' } },
        editing: {
          on: {
            'field.change': { guard: { type: 'changeAllowed', params: { step: 'service-parameters' } }, actions: 'applyChange' },
            'fields.change': { guard: { type: 'changeAllowed', params: { step: 'service-parameters' } }, actions: 'applyChange' },
            'lists.retry': 'loading',
            'step.next': { guard: { type: 'stepValid', params: { step: 'service-parameters' } }, target: 'saving', actions: 'clearProblem' },
            'step.refuse': { actions: 'refuse' },
          },
        },
        saving: {
          invoke: {
            id: 'saveTicketSettings',
            src: 'saveTicketSettings',
            input: ({ context }) => ({ integrationId: context.integrationId!, value: context.ticket }),
            onDone: [
              { guard: 'inSection', target: '#psa.summary', actions: 'sectionSaved' },
              { target: '#psa.contractMapping', actions: { type: 'markDone', params: { step: 'service-parameters' } } },
            ],
            onError: { target: 'editing', actions: assign(({ context, event }) => refusal(context, event.error, 'ticket')) },
          },
        },
      },
    },

    contractMapping: {
      entry: 'enterStep',
      initial: 'routing',
      on: { 'step.back': '#psa.serviceParameters' },
      states: {
        routing: { always: [{ guard: 'hasServices', target: 'editing' }, { target: 'loading' }] },
        loading: {
          // Next pressed while the step's lists still load: remember it, so the step's errors show (and focus goes to the first) once its fields arrive, instead of a press that does nothing.
          on: { 'step.refuse': { actions: 'refuse' } },
          invoke: {
            id: 'loadServices',
            src: 'loadServices',
            input: ({ context }) => ({ integrationId: context.integrationId! }),
            onDone: { target: 'editing', actions: assign(({ event }) => ({ services: event.output, problem: null })) },
            onError: { target: 'failed', actions: assign(({ event }) => ({ problem: problemData(event.error) })) },
          },
        },
        failed: { on: { 'lists.retry': 'loading' } },
        editing: {
          on: {
            'field.change': { guard: { type: 'changeAllowed', params: { step: 'contract-mapping' } }, actions: 'applyChange' },
            'fields.change': { guard: { type: 'changeAllowed', params: { step: 'contract-mapping' } }, actions: 'applyChange' },
            'service.create': { guard: 'newServiceValid', target: 'creatingService', actions: 'clearProblem' },
            'service.refuse': { actions: [assign(({ context }) => ({ touched: touch(context.touched, ['newService']) })), 'refuse'] },
            'step.next': { guard: { type: 'stepValid', params: { step: 'contract-mapping' } }, target: 'saving', actions: 'clearProblem' },
            'step.refuse': { actions: 'refuse' },
          },
        },
        creatingService: {
          invoke: {
            id: 'createService',
            src: 'createService',
            input: ({ context }) => ({
              integrationId: context.integrationId!, name: context.newService.name.trim(),
              unitCost: Number(context.newService.unitCost), unitPrice: Number(context.newService.unitPrice),
            }),
            onDone: {
              target: 'editing',
              actions: assign(({ context, event }) => ({
                services: [...(context.services ?? []).filter((s) => s.id !== event.output.id), event.output],
                contract: { ...context.contract, defaultServiceId: event.output.id, defaultServiceName: event.output.name },
                touched: touch(context.touched, ['contract.defaultServiceId']),
              })),
            },
            onError: { target: 'editing', actions: assign(({ context, event }) => refusal(context, event.error, 'newService')) },
          },
        },
        saving: {
          invoke: {
            id: 'saveContractSettings',
            src: 'saveContractSettings',
            input: ({ context }) => ({ integrationId: context.integrationId!, value: context.contract }),
            onDone: [
              { guard: 'inSection', target: '#psa.summary', actions: [assign(({ event }) => ({ contract: event.output })), 'sectionSaved'] },
              { target: '#psa.finish', actions: [assign(({ event }) => ({ contract: event.output })), { type: 'markDone', params: { step: 'contract-mapping' } }] },
            ],
            onError: { target: 'editing', actions: assign(({ context, event }) => refusal(context, event.error, 'contract')) },
          },
        },
      },
    },

    finish: {
      entry: 'enterStep',
      initial: 'review',
      on: { 'step.back': '#psa.contractMapping' },
      states: {
        review: { on: { 'step.next': 'completing', 'testTicket.send': 'sendingTestTicket' } },
        sendingTestTicket: {
          entry: assign({ testTicket: null, testTicketProblem: null }),
          invoke: {
            id: 'sendTestTicket',
            src: 'sendTestTicket',
            input: ({ context }) => ({ integrationId: context.integrationId! }),
            onDone: { target: 'review', actions: assign(({ event }) => ({ testTicket: event.output })) },
            onError: { target: 'review', actions: assign(({ event }) => ({ testTicketProblem: problemData(event.error) })) },
          },
        },
        completing: {
          entry: 'clearProblem',
          invoke: {
            id: 'complete',
            src: 'complete',
            input: ({ context }) => ({ integrationId: context.integrationId! }),
            onDone: {
              target: '#psa.done',
              actions: [assign(({ event }) => ({ completedStatus: event.output.status })), { type: 'markDone', params: { step: 'finish' } }],
            },
            onError: { target: 'review', actions: assign(({ context, event }) => refusal(context, event.error)) },
          },
        },
      },
    },

    done: { type: 'final' },
    cancelled: { type: 'final' },
  },
});

export type PsaWizardMachine = typeof psaWizardMachine;
export type PsaWizardSnapshot = SnapshotFrom<PsaWizardMachine>;
export type PsaWizardActorRef = ActorRefFrom<PsaWizardMachine>;

export { busyLabel, currentStep, persistableSnapshot } from './psa-wizard.snapshot.js';
