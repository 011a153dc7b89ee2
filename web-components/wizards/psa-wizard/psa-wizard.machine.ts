/**
 * @module The PSA wizard as one XState v5 machine for both vendors (`input.vendor`): a state per
 * step, Next guarded by that step's schema (psa-wizard.validation.ts, through psa-wizard.guards.ts), every BFF call an invoked
 * actor whose signal aborts when the state is left, Back always allowed, and the server the
 * authority: each Next saves the section and its field errors come back next to the fields.
 *
 * `step.next` is taken only when the guard passes, so `snapshot.can({ type: 'step.next' })` says
 * whether the step may advance. The Next button stays pressable: when `can` says no, the element
 * sends `step.refuse`, which shows every error and asks for focus on the first (`attempt`).
 *
 * Its setup (types, actors, guards, actions) is psa-wizard.setup.ts; the states of the steps after
 * Credentials are psa-wizard.states.ts.
 */
import { and, assign, type ActorRefFrom, type SnapshotFrom } from 'xstate';
import { problemData } from '../shared/wizard-api.js';
import {
  DEFAULT_NEW_SERVICE, EMPTY_ACCOUNT_MAPPING, EMPTY_CONTRACT, EMPTY_TICKET, PSA_STEPS, emptyCredentials, type PsaStep,
} from './psa-wizard.types.js';
import { psaWizardSetup, refusal } from './psa-wizard.setup.js';
import { accountMappingState, contractMappingState, finishState, serviceParametersState } from './psa-wizard.states.js';
import { connectionFacts } from '../../../bff/contracts/credential-fields.js';

/** The state of each step (`wizard-step-change` reports steps; the machine's states are camelCase). */
const STEP_STATE = {
  credentials: 'credentials', 'account-mapping': 'accountMapping', 'service-parameters': 'serviceParameters', 'contract-mapping': 'contractMapping', finish: 'finish',
} as const satisfies Record<PsaStep, string>;

/** Bump when states or context change shape: drafts of another version are discarded, never restored. */
export const PSA_WIZARD_MACHINE_VERSION = 1;

export const psaWizardMachine = psaWizardSetup.createMachine({
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

    // The later steps' states: psa-wizard.states.ts.
    accountMapping: accountMappingState,
    serviceParameters: serviceParametersState,
    contractMapping: contractMappingState,
    finish: finishState,

    done: { type: 'final' },
    cancelled: { type: 'final' },
  },
});

export type PsaWizardMachine = typeof psaWizardMachine;
export type PsaWizardSnapshot = SnapshotFrom<PsaWizardMachine>;
export type PsaWizardActorRef = ActorRefFrom<PsaWizardMachine>;

export { busyLabel, currentStep, persistableSnapshot } from './psa-wizard.snapshot.js';
