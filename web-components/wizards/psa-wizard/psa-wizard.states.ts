/**
 * @module The states of the PSA wizard's steps after Credentials (account mapping, service parameters,
 * contract mapping, finish), each checked against the machine's real setup (psa-wizard.setup.ts);
 * psa-wizard.machine.ts puts them together with loading, the edit-mode summary and Credentials.
 */
import { assign } from 'xstate';
import { touch } from '../shared/form-state.js';
import { problemData } from '../shared/wizard-api.js';
import { refusal, type psaWizardSetup } from './psa-wizard.setup.js';
import { prefillTicketDefaults } from './psa-wizard.values.js';

/** The config `psaWizardSetup.createMachine` accepts, so each state below is checked against the real setup. */
type PsaMachineConfig = Parameters<typeof psaWizardSetup.createMachine>[0];
type PsaStateConfig = NonNullable<PsaMachineConfig['states']>[string];

export const accountMappingState = {
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
} as const satisfies PsaStateConfig;

export const serviceParametersState = {
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
} as const satisfies PsaStateConfig;

export const contractMappingState = {
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
} as const satisfies PsaStateConfig;

export const finishState = {
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
} as const satisfies PsaStateConfig;
