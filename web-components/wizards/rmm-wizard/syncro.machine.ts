/**
 * @module The Syncro RMM wizard (seed 002) as a machine: Credentials → Account mapping (user-activity
 * organization + device organization mapping) → Finish. Same rules as Datto RMM's: Next guarded by
 * the step's schema, checks and saves as invoked actors, Back always allowed, Cancel from anywhere.
 */
import { and } from 'xstate';
import { initialContext, mappingBody } from './rmm-wizard.logic.js';
import { rmmWizardSetup } from './rmm-wizard.setup.js';

/** Bump when states or the draft's shape change: drafts of another version are discarded. */
export const SYNCRO_MACHINE_VERSION = 1;

export const syncroMachine = rmmWizardSetup.createMachine({
  id: 'syncro',
  context: ({ input }) => initialContext('syncro', input.integrationId ?? null),
  initial: 'boot',
  on: { 'wizard.cancel': '.cancelled' },
  output: ({ context }) => ({ integrationId: context.integration?.id ?? '', vendor: 'syncro', status: context.integration?.status ?? 'draft' }),
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
        route: {
          always: [
            { guard: { type: 'resumeAt', params: { step: 'finish', needsIntegration: true } }, target: '#syncro.finish', actions: 'clearResume' },
            { guard: { type: 'resumeAt', params: { step: 'mapping', needsIntegration: true } }, target: '#syncro.mapping', actions: 'clearResume' },
            { target: '#syncro.credentials', actions: 'clearResume' },
          ],
        },
      },
    },

    credentials: {
      initial: 'editing',
      states: {
        editing: {
          on: {
            'credentials.change': { actions: 'changeCredential' },
            'duplicate.confirm': { actions: 'confirmDuplicate' },
            'field.blur': { actions: 'blurField' },
            'step.attempt': { actions: { type: 'markSubmitted', params: { step: 'credentials' } } },
            'step.next': [
              { guard: 'keepsCredentials', target: '#syncro.mapping', actions: { type: 'markDone', params: { step: 'credentials' } } },
              { guard: and([{ type: 'stepValid', params: { step: 'credentials' as const } }, 'hasIntegration']), target: 'replacing', actions: { type: 'markSubmitted', params: { step: 'credentials' } } },
              { guard: { type: 'stepValid', params: { step: 'credentials' } }, target: 'connecting', actions: { type: 'markSubmitted', params: { step: 'credentials' } } },
            ],
          },
        },
        /** A new connection, validated against Syncro by the BFF (the token's permissions included). */
        connecting: {
          on: { 'step.back': 'editing' },
          invoke: {
            id: 'connect',
            src: 'connect',
            input: ({ context }) => ({
              vendor: 'syncro' as const,
              credentials: context.credentials,
              confirmSeparateInstance: context.confirmSeparateInstance,
              userActivityOrganizationId: null,
            }),
            onDone: { target: '#syncro.mapping', actions: ['assignIntegration', { type: 'markDone', params: { step: 'credentials' } }] },
            onError: [
              // Another Syncro connection exists: the warning and its confirmation appear on this step.
              { guard: 'isDuplicate', target: 'editing', actions: 'assignDuplicate' },
              { target: 'editing', actions: 'assignCredentialProblem' },
            ],
          },
        },
        replacing: {
          on: { 'step.back': 'editing' },
          invoke: {
            id: 'replaceCredentials',
            src: 'replaceCredentials',
            input: ({ context }) => ({ integrationId: context.integration!.id, vendor: 'syncro' as const, credentials: context.credentials }),
            onDone: { target: '#syncro.mapping', actions: ['assignIntegration', { type: 'markDone', params: { step: 'credentials' } }] },
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
            'organization.select': { guard: 'userActivityEditable', actions: 'selectOrganization' },
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
            onDone: { target: '#syncro.finish', actions: ['assignSavedMapping', { type: 'markDone', params: { step: 'mapping' } }] },
            onError: { target: 'editing', actions: 'assignMappingProblem' },
          },
        },
      },
    },

    finish: {
      initial: 'review',
      on: { 'step.back': { target: 'mapping', actions: 'clearProblem' } },
      states: {
        review: { on: { 'step.next': 'completing' } },
        completing: {
          invoke: {
            id: 'complete',
            src: 'complete',
            input: ({ context }) => ({ integrationId: context.integration!.id }),
            onDone: { target: '#syncro.done', actions: ['assignCompleted', { type: 'markDone', params: { step: 'finish' } }] },
            onError: { target: 'review', actions: 'assignProblem' },
          },
        },
      },
    },

    done: { type: 'final' },
    cancelled: { type: 'final' },
  },
});
