/**
 * @module MachineController: binds one XState v5 actor to a Lit host. The machine owns the logic;
 * the element renders `snapshot` and calls `send`. There is no official @xstate/lit, so we own this
 * (pattern of the open proposal, statelyai/xstate PR #5340).
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import {
  createActor, type Actor, type ActorOptions, type AnyActorLogic, type EventFromLogic, type Snapshot, type SnapshotFrom, type Subscription,
} from 'xstate';

export interface MachineControllerOptions<TLogic extends AnyActorLogic> {
  /** Passed to `createActor` (input, inspect, a snapshot to restore, …). A function is called per actor created. */
  actorOptions?: ActorOptions<TLogic> | (() => ActorOptions<TLogic>);
  /** Called when the actor fails (an action throws, an invoked actor errors without `onError`). */
  onError?: (error: unknown) => void;
  /**
   * Whether a host moved in the DOM (disconnect then connect) continues where it was. Default true:
   * the stopped actor's persisted snapshot seeds the next one. False starts over from the initial state.
   */
  resumeOnReconnect?: boolean;
}

/** A live view on one slice of the snapshot, kept across the actor being replaced on reconnect. */
export interface Selection<T> {
  /** The slice now. */
  readonly value: T;
  /** Calls `listener` whenever the slice changes (per `equalityFn`), not for the current value. Returns an unsubscribe. */
  subscribe(listener: (value: T) => void): () => void;
}

/**
 * Creates and starts the actor in `hostConnected`, subscribes with `next` and `error`, requests a
 * host update on each new snapshot, and stops and unsubscribes in `hostDisconnected`.
 *
 * @example
 * ```ts
 * class PsaWizard extends LitElement {
 *   private readonly machine = new MachineController(this, psaWizardMachine, { actorOptions: () => ({ input: { api: this.api } }) });
 *   render() {
 *     return html`<button ?disabled=${!this.machine.snapshot.can({ type: 'step.next' })}
 *       @click=${() => this.machine.send({ type: 'step.next' })}>Next</button>`;
 *   }
 * }
 * ```
 */
export class MachineController<TLogic extends AnyActorLogic> implements ReactiveController {
  private current: Actor<TLogic>;
  private subscription?: Subscription;
  private started = false;
  private stopped = false;
  private persisted?: Snapshot<unknown>;
  private readonly selections = new Set<{ rebind(): void; close(): void }>();

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly logic: TLogic,
    private readonly options: MachineControllerOptions<TLogic> = {},
  ) {
    // Created now (not started) so `snapshot` is readable in the host's first render; started on connect.
    this.current = this.create();
    host.addController(this);
  }

  /** The running actor (replaced by a new one when the host reconnects after a disconnect). */
  get actor(): Actor<TLogic> {
    return this.current;
  }

  /** The actor's latest snapshot. */
  get snapshot(): SnapshotFrom<TLogic> {
    return this.current.getSnapshot();
  }

  /** Sends an event to the actor. */
  send = (event: EventFromLogic<TLogic>): void => {
    this.current.send(event);
  };

  /**
   * One slice of the snapshot (`actor.select` semantics: a listener hears only real changes, per
   * `equalityFn`), kept across reconnects. E.g. fire a DOM event only when the step changes:
   * `this.machine.select((s) => s.value).subscribe((step) => this.dispatchEvent(…))`.
   */
  select<T>(selector: (snapshot: SnapshotFrom<TLogic>) => T, equalityFn: (a: T, b: T) => boolean = Object.is): Selection<T> {
    let readable = this.current.select(selector, equalityFn);
    const listeners = new Set<(value: T) => void>();
    let inner: Subscription | undefined;
    const bind = () => {
      inner?.unsubscribe();
      inner = undefined;
      if (!listeners.size) return;
      // Our own subscription rather than readable.subscribe(): that one registers no error listener,
      // and xstate rethrows an actor's error globally when any observer lacks one.
      let previous = readable.get();
      inner = this.current.subscribe({
        next: (snapshot) => {
          const next = selector(snapshot);
          if (equalityFn(previous, next)) return;
          previous = next;
          listeners.forEach((listener) => listener(next));
        },
        error: () => {},
      });
    };
    this.selections.add({
      rebind: () => { readable = this.current.select(selector, equalityFn); bind(); },
      close: () => { inner?.unsubscribe(); inner = undefined; },
    });
    return {
      get value() { return readable.get(); },
      subscribe: (listener) => {
        listeners.add(listener);
        bind();
        return () => {
          listeners.delete(listener);
          bind();
        };
      },
    };
  }

  hostConnected(): void {
    if (this.started) return;
    if (this.stopped) {
      // A stopped actor cannot start again: make its successor, from where it stood unless told otherwise.
      this.current = this.create(this.options.resumeOnReconnect === false ? undefined : this.persisted);
      this.selections.forEach((s) => s.rebind());
      this.stopped = false;
    }
    this.subscription = this.current.subscribe({
      next: () => this.host.requestUpdate(),
      error: (error) => {
        this.options.onError?.(error);
        this.host.requestUpdate();
      },
    });
    this.current.start();
    this.started = true;
  }

  hostDisconnected(): void {
    if (!this.started) return;
    // An actor that failed is not worth resuming; a finished one is (it shows its end state again).
    const status = (this.current.getSnapshot() as { status?: string }).status;
    this.persisted = status === 'error' ? undefined : this.current.getPersistedSnapshot();
    this.subscription?.unsubscribe();
    this.subscription = undefined;
    this.selections.forEach((s) => s.close());
    this.current.stop();
    this.started = false;
    this.stopped = true;
  }

  private create(snapshot?: Snapshot<unknown>): Actor<TLogic> {
    const base = typeof this.options.actorOptions === 'function' ? this.options.actorOptions() : this.options.actorOptions ?? {};
    return createActor(this.logic, snapshot ? { ...base, snapshot } : base) as Actor<TLogic>;
  }
}
