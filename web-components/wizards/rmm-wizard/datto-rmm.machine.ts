/**
 * @module The Datto RMM wizard (seed 004) as a machine: Organization → Credentials → Organization
 * mapping → Parameters → Finish. Next is guarded by each step's schema, vendor checks and saves are
 * invoked actors, Back is always allowed (it also abandons a check in flight), Cancel from anywhere.
 */
import { and } from 'xstate';
import { initialContext, mappingBody } from './rmm-wizard.logic.js';
import { rmmWizardSetup } from './rmm-wizard.setup.js';

/** Bump when states or the draft's shape change: drafts of another version are discarded. */
export const DATTO_RMM_MACHINE_VERSION = 1;

export const dattoRmmMachine = rmmWizardSetup.createMachine({
  id: 'datto-rmm',
  context: ({ input }) => initialContext('datto-rmm', input.integrationId ?? null),
  initial: 'boot',
  on: { 'wizard.cancel': '.cancelled' },
  output: ({ context }) => ({ integrationId: context.integration?.id ?? '', vendor: 'datto-rmm', status: context.integration?.status ?? 'draft' }),
  states: {
    boot: {
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
        /** Where to start: a resumed draft's step when it is still reachable, else the first step. */
        route: {
          always: [
            { guard: { type: 'resumeAt', params: { step: 'finish', needsIntegration: true } }, target: '#datto-rmm.finish', actions: 'clearResume' },
            { guard: { type: 'resumeAt', params: { step: 'parameters', needsIntegration: true } }, target: '#datto-rmm.parameters', actions: 'clearResume' },
            { guard: { type: 'resumeAt', params: { step: 'mapping', needsIntegration: true } }, target: '#datto-rmm.mapping', actions: 'clearResume' },
            { guard: { type: 'resumeAt', params: { step: 'credentials' } }, target: '#datto-rmm.credentials', actions: 'clearResume' },
            { target: '#datto-rmm.organization', actions: 'clearResume' },
          ],
        },
      },
    },

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

    credentials: {
      initial: 'editing',
      on: { 'step.back': { target: 'organization', actions: 'clearProblem' } },
      states: {
        editing: {
          on: {
            'credentials.change': { actions: 'changeCredential' },
            'field.blur': { actions: 'blurField' },
            'step.attempt': { actions: { type: 'markSubmitted', params: { step: 'credentials' } } },
            'step.next': [
              { guard: 'keepsCredentials', target: '#datto-rmm.mapping', actions: { type: 'markDone', params: { step: 'credentials' } } },
              { guard: and([{ type: 'stepValid', params: { step: 'credentials' as const } }, 'hasIntegration']), target: 'replacing', actions: { type: 'markSubmitted', params: { step: 'credentials' } } },
              { guard: { type: 'stepValid', params: { step: 'credentials' } }, target: 'connecting', actions: { type: 'markSubmitted', params: { step: 'credentials' } } },
            ],
          },
        },
        /** A new connection, validated against Datto RMM by the BFF. */
        connecting: {
          invoke: {
            id: 'connect',
            src: 'connect',
            input: ({ context }) => ({
              vendor: 'datto-rmm' as const,
              credentials: context.credentials,
              confirmSeparateInstance: context.confirmSeparateInstance,
              userActivityOrganizationId: context.userActivityOrganizationId,
            }),
            onDone: { target: '#datto-rmm.mapping', actions: ['assignIntegration', { type: 'markDone', params: { step: 'credentials' } }] },
            onError: [
              // Someone connected Datto RMM meanwhile: step 1 asks for the separate-instance confirmation.
              { guard: 'isDuplicate', target: '#datto-rmm.organization', actions: 'assignDuplicate' },
              { guard: { type: 'problemAt', params: { field: 'userActivityOrganizationId' } }, target: '#datto-rmm.organization', actions: 'assignFieldProblem' },
              { target: 'editing', actions: 'assignCredentialProblem' },
            ],
          },
        },
        /** New credentials for the existing connection (edit mode, or Back after the first check), validated the same way. */
        replacing: {
          invoke: {
            id: 'replaceCredentials',
            src: 'replaceCredentials',
            input: ({ context }) => ({ integrationId: context.integration!.id, vendor: 'datto-rmm' as const, credentials: context.credentials }),
            onDone: { target: '#datto-rmm.mapping', actions: ['assignIntegration', { type: 'markDone', params: { step: 'credentials' } }] },
            onError: { target: 'editing', actions: 'assignCredentialProblem' },
          },
        },
      },
    },

    mapping: {
      initial: 'loading',
      on: { 'step.back': { target: 'credentials', actions: 'clearProblem' } },
      states: {
        loading: {
          entry: 'startSitesLoad',
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
            'mapping.siteTypes': { actions: 'setSiteTypes' },
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
            onDone: { target: '#datto-rmm.parameters', actions: ['assignSavedMapping', { type: 'markDone', params: { step: 'mapping' } }] },
            onError: { target: 'editing', actions: 'assignMappingProblem' },
          },
        },
      },
    },

    parameters: {
      initial: 'loading',
      on: { 'step.back': { target: 'mapping', actions: 'clearProblem' } },
      states: {
        loading: {
          entry: 'startCustomFieldsLoad',
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
            onDone: { target: '#datto-rmm.finish', actions: ['assignParameters', { type: 'markDone', params: { step: 'parameters' } }] },
            onError: { target: 'editing', actions: 'assignFieldProblem' },
          },
        },
      },
    },

    finish: {
      initial: 'review',
      on: { 'step.back': { target: 'parameters', actions: 'clearProblem' } },
      states: {
        review: { on: { 'step.next': 'completing' } },
        completing: {
          invoke: {
            id: 'complete',
            src: 'complete',
            input: ({ context }) => ({ integrationId: context.integration!.id }),
            onDone: { target: '#datto-rmm.done', actions: ['assignCompleted', { type: 'markDone', params: { step: 'finish' } }] },
            onError: { target: 'review', actions: 'assignProblem' },
          },
        },
      },
    },

    /** Connected (or still Disconnected when it was disconnected before an edit). */
    done: { type: 'final' },
    cancelled: { type: 'final' },
  },
});
