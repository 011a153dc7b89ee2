/**
 * @module Reading a PSA wizard snapshot: the step it shows, what a request in flight is doing, and
 * what of it may be stored as a draft (never a secret).
 */
import type { PsaWizardActorRef, PsaWizardSnapshot } from './psa-wizard.machine.js';
import { emptyCredentials, type PsaStep, type PsaWizardContext } from './psa-wizard.types.js';

/** What the wizard shows: a step, or in edit mode the summary of every section. */
export type PsaView = PsaStep | 'summary';

const STATE_TO_STEP: Record<string, PsaView> = {
  credentials: 'credentials', accountMapping: 'account-mapping', serviceParameters: 'service-parameters', contractMapping: 'contract-mapping', finish: 'finish', done: 'finish',
  summary: 'summary',
};

/** The step a snapshot shows (`summary` in edit mode between sections; null while booting or after cancel). */
export function currentStep(snapshot: PsaWizardSnapshot): PsaView | null {
  const top = typeof snapshot.value === 'string' ? snapshot.value : Object.keys(snapshot.value)[0]!;
  return STATE_TO_STEP[top] ?? null;
}

/** True while the step shown waits for its vendor lists (its fields are not rendered yet). */
export function awaitingLists(snapshot: PsaWizardSnapshot): boolean {
  return snapshot.matches({ serviceParameters: 'loading' }) || snapshot.matches({ contractMapping: 'loading' });
}

/** What a request in flight is doing, in words (null when nothing runs that Next must wait for). */
export function busyLabel(snapshot: PsaWizardSnapshot): string | null {
  if (snapshot.matches({ credentials: 'checking' })) return 'Checking the credentials with the PSA…';
  if (snapshot.matches({ accountMapping: 'saving' })) return 'Saving the account mapping…';
  if (snapshot.matches({ serviceParameters: 'saving' })) return 'Saving the service parameters…';
  if (snapshot.matches({ contractMapping: 'saving' })) return 'Saving the contract mapping…';
  if (snapshot.matches({ contractMapping: 'creatingService' })) return 'Creating the service in the PSA…';
  if (snapshot.matches({ finish: 'completing' })) return 'Completing the integration…';
  if (snapshot.matches({ finish: 'sendingTestTicket' })) return 'Sending a test ticket to the PSA…';
  return null;
}

/**
 * The snapshot to store as a draft: credentials are blanked (a draft never holds a secret) and a
 * credentials check in flight is not stored (its actor input holds them); returns undefined then.
 */
export function persistableSnapshot(actor: PsaWizardActorRef): unknown {
  const snapshot = actor.getSnapshot();
  if (snapshot.matches({ credentials: 'checking' }) || snapshot.status !== 'active') return undefined;
  const persisted = actor.getPersistedSnapshot() as unknown as { context: PsaWizardContext };
  return { ...persisted, context: { ...persisted.context, credentials: emptyCredentials(persisted.context.vendor) } };
}
