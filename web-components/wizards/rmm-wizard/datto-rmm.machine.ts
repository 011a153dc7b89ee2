/**
 * @module The Datto RMM wizard (seed 004) as a machine: Organization → Credentials → Organization
 * mapping → Parameters → Finish. Next is guarded by each step's schema, vendor checks and saves are
 * invoked actors, Back is always allowed (it also abandons a check in flight), Cancel from anywhere, and
 * a completed earlier step's name in the progress list jumps back to it (goToEarlier).
 * The steps it shares with Syncro come from rmm-wizard.states.ts; Organization and Parameters are its own.
 */
import { rmmWizardSetup } from './rmm-wizard.setup.js';
import { bootState, credentialsState, finishState, goToEarlier, mappingState, rmmMachineFrame, summaryState } from './rmm-wizard.states.js';

/** Bump when states or the draft's shape change: drafts of another version are discarded. */
export const DATTO_RMM_MACHINE_VERSION = 1;

export const dattoRmmMachine = rmmWizardSetup.createMachine({
  ...rmmMachineFrame('datto-rmm'),
  states: {
    /** Where to start: a resumed draft's step when it is still reachable, else the first step. */
    boot: bootState(
      'datto-rmm',
      [{ step: 'finish', needsIntegration: true }, { step: 'parameters', needsIntegration: true }, { step: 'mapping', needsIntegration: true }, { step: 'credentials' }],
      'organization',
    ),

    /** Edit mode: the connection, site mapping and parameters summarised, each with its own Edit (the organization is read-only). */
    summary: summaryState('datto-rmm', ['credentials', 'mapping', 'parameters']),

    organization: {
      on: {
        'organization.select': { guard: 'userActivityEditable', actions: 'selectOrganization' },
        'duplicate.confirm': { actions: 'confirmDuplicate' },
        'field.blur': { actions: 'blurField' },
        'step.attempt': { actions: { type: 'markSubmitted', params: { step: 'organization' } } },
        'step.next': {
          guard: { type: 'stepValid', params: { step: 'organization' } },
          target: 'credentials',
          actions: [{ type: 'markSubmitted', params: { step: 'organization' } }, { type: 'markDone', params: { step: 'organization' } }],
        },
      },
    },

    credentials: credentialsState('datto-rmm', { next: 'mapping', organizationStep: 'organization' }),

    mapping: mappingState('datto-rmm', { next: 'parameters', editingOn: { 'mapping.siteTypes': { actions: 'setSiteTypes' } } }),

    parameters: {
      initial: 'loading',
      on: { ...goToEarlier('datto-rmm', 'parameters'), 'step.back': { target: 'mapping', actions: 'clearProblem' } },
      states: {
        loading: {
          entry: 'startCustomFieldsLoad',
          // Next pressed while the fields load: remembered, answered once the step can show its fields.
          on: { 'step.attempt': { actions: { type: 'markSubmitted', params: { step: 'parameters' } } } },
          invoke: {
            id: 'loadCustomFields',
            src: 'loadCustomFields',
            input: ({ context }) => ({ integrationId: context.integration!.id }),
            onDone: { target: 'editing', actions: 'assignCustomFields' },
            onError: { target: 'editing', actions: 'assignCustomFieldsProblem' },
          },
        },
        // A failed field list does not block: the parameter is optional and can be set later (seed 004).
        editing: {
          on: {
            'customFields.retry': 'loading',
            'parameters.entraField': { actions: 'setEntraField' },
            'field.blur': { actions: 'blurField' },
            'step.attempt': { actions: { type: 'markSubmitted', params: { step: 'parameters' } } },
            'step.next': { guard: { type: 'stepValid', params: { step: 'parameters' } }, target: 'saving', actions: { type: 'markSubmitted', params: { step: 'parameters' } } },
          },
        },
        saving: {
          invoke: {
            id: 'saveParameters',
            src: 'saveParameters',
            input: ({ context }) => ({ integrationId: context.integration!.id, entraDeviceIdField: context.entraDeviceIdField }),
            onDone: [
              { guard: 'inSection', target: '#datto-rmm.summary', actions: ['assignParameters', 'sectionSaved'] },
              { target: '#datto-rmm.finish', actions: ['assignParameters', { type: 'markDone', params: { step: 'parameters' } }] },
            ],
            onError: { target: 'editing', actions: 'assignFieldProblem' },
          },
        },
      },
    },

    finish: finishState('datto-rmm', 'parameters'),

    /** Connected (or still Disconnected when it was disconnected before an edit). */
    done: { type: 'final' },
    cancelled: { type: 'final' },
  },
});
