/**
 * @module PanelLoad: the load bookkeeping a list panel needs — its state, the problem of a failed
 * load, whether a reload is running while the old data stays shown, one request at a time (a new
 * load aborts the previous one, as does leaving the page), and a promise tests can await.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { ApiProblem } from '../../api/api-problem.js';
import type { PanelLoadState } from './load-state.js';

export class PanelLoad<T> implements ReactiveController {
  state: PanelLoadState;
  problem?: ApiProblem;
  /** A reload is running while the previous data stays on screen (the panel marks itself aria-busy). */
  refreshing = false;

  private abort?: AbortController;
  private current: Promise<void> = Promise.resolve();

  constructor(
    private readonly host: ReactiveControllerHost,
    initial: PanelLoadState,
    private readonly apiBase: () => string,
  ) {
    this.state = initial;
    host.addController(this);
  }

  /** Settles when the load in progress (if any) has finished, successfully or not. */
  get complete(): Promise<void> {
    return this.current;
  }

  hostDisconnected(): void {
    this.abort?.abort();
  }

  /** A state without a request (nothing chosen yet, or waiting for a token): any load in progress is dropped. */
  settle(state: 'idle' | 'waiting'): Promise<void> {
    this.abort?.abort();
    this.state = state;
    this.host.requestUpdate();
    return (this.current = Promise.resolve());
  }

  /**
   * Runs `fetch`, handing its data to `apply` unless a newer load or a disconnect aborted it. With
   * data already shown, the panel keeps it and is only marked refreshing.
   */
  run(fetch: (signal: AbortSignal) => Promise<T>, apply: (data: T) => void, options: { keepShown: boolean }): Promise<void> {
    this.abort?.abort();
    const abort = (this.abort = new AbortController());
    if (options.keepShown && this.state === 'loaded') this.refreshing = true;
    else this.state = 'loading';
    this.host.requestUpdate();
    this.current = fetch(abort.signal).then(
      (data) => {
        if (abort.signal.aborted) return;
        this.state = 'loaded';
        this.problem = undefined;
        apply(data);
      },
      (error: unknown) => {
        if (abort.signal.aborted) return;
        this.problem = error instanceof ApiProblem ? error : ApiProblem.network(this.apiBase(), error);
        this.state = 'error';
      },
    ).finally(() => {
      if (this.abort === abort) {
        this.abort = undefined;
        this.refreshing = false;
      }
      this.host.requestUpdate();
    });
    return this.current;
  }
}
