/** @module Reading an RMM wizard snapshot: its step state, its sub-state, whether it waits for vendor lists, what a request in flight is doing. */
import type { SnapshotFrom } from 'xstate';
import type { dattoRmmMachine } from './datto-rmm.machine.js';
import { COPY } from './rmm-wizard.copy.js';

/** Both vendors' machines share one setup: the Datto RMM machine's types describe either. */
export type WizardLogic = typeof dattoRmmMachine;
export type WizardSnapshot = SnapshotFrom<WizardLogic>;

/** Sub-states in which a step's vendor lists load and its fields are not rendered yet. */
const LOADING_SUBSTATES: ReadonlySet<string> = new Set(['loading', 'refreshing']);

export const topState = (snapshot: WizardSnapshot): string => (typeof snapshot.value === 'string' ? snapshot.value : Object.keys(snapshot.value)[0]!);

export const subState = (snapshot: WizardSnapshot): string | undefined =>
  typeof snapshot.value === 'string' ? undefined : (Object.values(snapshot.value)[0] as string | undefined);

/** True while the step shown waits for its vendor lists (its fields are not rendered yet). */
export const awaitingLists = (snapshot: WizardSnapshot): boolean => LOADING_SUBSTATES.has(subState(snapshot) ?? '');

/** What a request in flight is doing, in words ('' when nothing runs that Next must wait for). */
export function busyLabelOf(snapshot: WizardSnapshot): string {
  const sub = subState(snapshot);
  const vendor = snapshot.context.vendor;
  if (sub === 'connecting' || sub === 'replacing') return COPY.busy.connecting(vendor);
  if (sub === 'saving') return COPY.busy.saving;
  if (sub === 'completing') return COPY.busy.completing;
  return '';
}
