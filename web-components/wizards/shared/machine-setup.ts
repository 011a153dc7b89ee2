/**
 * @module `setupMachine`: XState v5's `setup()` as our machines use it, without the rest of its result.
 * `setup()` returns, besides `createMachine`, every action creator (`sendTo`, `raise`, `log`, `emit`,
 * `enqueueActions`, …), so a bundle that calls it keeps them all although no machine here uses them
 * (about 0.6 KB brotli before PSA step 1). Its `createMachine` is exactly xstate's own: the config
 * (with setup's `schemas`) plus the implementations, as `setup().createMachine` builds it. The types
 * are setup()'s, so machines are checked as before; only `createMachine` exists on the result.
 */
import { createMachine, type setup } from 'xstate';

interface Implementations { schemas?: unknown; actors?: unknown; actions?: unknown; guards?: unknown; delays?: unknown }

export const setupMachine = (({ schemas, actors, actions, guards, delays }: Implementations) => ({
  createMachine: (config: object) => createMachine({ ...config, schemas } as never, { actors, actions, guards, delays } as never),
})) as unknown as typeof setup;
