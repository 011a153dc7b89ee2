/**
 * @module The Syncro RMM wizard (seed 002) as a machine: Credentials → Account mapping (user-activity
 * organization + device organization mapping) → Finish. Same rules as Datto RMM's: Next guarded by
 * the step's schema, checks and saves as invoked actors, Back always allowed, Cancel from anywhere.
 * Its steps come from rmm-wizard.states.ts; what is Syncro's own is passed in below.
 */
import { rmmWizardSetup } from './rmm-wizard.setup.js';
import { bootState, credentialsState, finishState, mappingState, rmmMachineFrame, summaryState } from './rmm-wizard.states.js';

/** Bump when states or the draft's shape change: drafts of another version are discarded. */
export const SYNCRO_MACHINE_VERSION = 1;

export const syncroMachine = rmmWizardSetup.createMachine({
  ...rmmMachineFrame('syncro'),
  states: {
    boot: bootState('syncro', [{ step: 'finish', needsIntegration: true }, { step: 'mapping', needsIntegration: true }], 'credentials'),

    /** Edit mode: the connection and the account mapping summarised, each with its own Edit. */
    summary: summaryState('syncro', ['credentials', 'mapping']),

    // No organization step: the duplicate confirmation is on the credentials step, the user-activity organization on the mapping step.
    credentials: credentialsState('syncro', { next: 'mapping' }),

    mapping: mappingState('syncro', {
      next: 'finish',
      editingOn: { 'organization.select': { guard: 'userActivityEditable', actions: 'selectOrganization' } },
    }),

    finish: finishState('syncro', 'mapping'),

    done: { type: 'final' },
    cancelled: { type: 'final' },
  },
});
