/**
 * `setupMachine` (web-components/wizards/shared/machine-setup.ts) builds the machine xstate's own
 * `setup()` builds: same definition, same guards, actions and invoked actors at run time.
 */
import { describe, expect, it } from 'vitest';
import { assign, createActor, fromPromise, setup, waitFor } from 'xstate';
import { setupMachine } from '../../../../web-components/wizards/shared/machine-setup.js';

const implementations = {
  types: {} as { context: { count: number; answer: string | null }; events: { type: 'add'; by: number } | { type: 'ask' } },
  actors: { answer: fromPromise(async ({ input }: { input: { count: number } }) => `count ${input.count}`) },
  guards: { small: ({ event }: { event: { type: string; by?: number } }) => (event.by ?? 0) < 10 },
  actions: { add: assign(({ context, event }: { context: { count: number }; event: { type: string; by?: number } }) => ({ count: context.count + (event.by ?? 0) })) },
};
const config = {
  id: 'counter',
  context: { count: 0, answer: null },
  initial: 'idle',
  states: {
    idle: { on: { add: { guard: 'small', actions: 'add' }, ask: 'asking' } },
    asking: {
      invoke: { src: 'answer', input: ({ context }: { context: { count: number } }) => ({ count: context.count }), onDone: { target: 'idle', actions: assign({ answer: ({ event }: { event: { output: string } }) => event.output }) } },
    },
  },
} as const;

async function run(machine: ReturnType<ReturnType<typeof setup>['createMachine']>) {
  const actor = createActor(machine).start();
  actor.send({ type: 'add', by: 3 });
  actor.send({ type: 'add', by: 30 }); // refused by the guard
  actor.send({ type: 'ask' });
  const snapshot = await waitFor(actor, (s) => s.context.answer !== null);
  return { value: snapshot.value, context: snapshot.context };
}

describe('setupMachine', () => {
  it('builds the machine setup() builds', async () => {
    const ours = setupMachine(implementations as never).createMachine(config as never);
    const xstates = setup(implementations as never).createMachine(config as never);
    expect(JSON.stringify(ours.definition)).toBe(JSON.stringify(xstates.definition));
    expect(await run(ours as never)).toEqual(await run(xstates as never));
    expect(await run(ours as never)).toEqual({ value: 'idle', context: { count: 3, answer: 'count 3' } });
  });

  it('holds createMachine only, not the action creators setup() returns', () => {
    expect(Object.keys(setupMachine({}))).toEqual(['createMachine']);
  });
});
