/**
 * @module The hub's one source of state: `<integration-hub>` counts the integration changes it hears
 * (`integration-change`, `wizard-complete`) and provides the count and the last change, so every
 * element inside shows the same, current integrations without the host wiring refreshes.
 */
import { createContext } from '@lit/context';
import type { IntegrationChangeDetail } from '../events/integration-change-event.js';

export interface HubState {
  /** Goes up by one with every change heard; an element reloads when it moves. */
  revision: number;
  /** The last change heard (null before the first). */
  change: IntegrationChangeDetail | null;
}

/** A string key for the same reason as apiContext: two bundled copies still meet. */
export const hubStateContext = createContext<HubState>('integration-hub/state');
