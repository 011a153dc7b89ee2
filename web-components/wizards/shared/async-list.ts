/**
 * @module AsyncListController: one vendor list an element shows (accounts, contacts, contracts…),
 * with its status, progress across pages, the problem when it failed, and `retry()`. Each load
 * gets an AbortSignal; a newer load or the host's disconnect aborts the older one.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ApiProblem } from '../../api/api-problem.js';
import { asProblem } from './wizard-api.js';

export type LoadStatus = 'idle' | 'loading' | 'loaded' | 'error';

export interface LoadProgress {
  loaded: number;
  /** Known after the first page; undefined before. */
  total?: number;
}

/** What a loader gets: the signal to pass to fetch, and a way to report pages as they arrive. */
export interface LoadContext {
  signal: AbortSignal;
  progress(progress: LoadProgress): void;
}

export type Loader<T> = (context: LoadContext) => Promise<T>;

export class AsyncListController<T> implements ReactiveController {
  status: LoadStatus = 'idle';
  value?: T;
  problem?: ApiProblem;
  progress: LoadProgress = { loaded: 0 };

  private abort?: AbortController;
  private loader?: Loader<T>;
  private current: Promise<void> = Promise.resolve();
  private interrupted = false;

  constructor(private readonly host: ReactiveControllerHost, private readonly apiBase: () => string = () => '/api') {
    host.addController(this);
  }

  /** Settles when the load in progress has finished (tests and benchmarks await it). */
  get complete(): Promise<void> {
    return this.current;
  }

  /** Starts loading with `loader` (aborting a load in progress). Resolves when it settles; never rejects. */
  load(loader: Loader<T>): Promise<void> {
    this.abort?.abort();
    const abort = (this.abort = new AbortController());
    this.loader = loader;
    this.status = 'loading';
    this.problem = undefined;
    this.progress = { loaded: 0 };
    this.host.requestUpdate();
    const context: LoadContext = {
      signal: abort.signal,
      progress: (progress) => {
        if (abort.signal.aborted) return;
        this.progress = progress;
        this.host.requestUpdate();
      },
    };
    this.current = loader(context).then(
      (value) => {
        if (abort.signal.aborted) return;
        this.value = value;
        this.status = 'loaded';
      },
      (error: unknown) => {
        if (abort.signal.aborted) return;
        this.problem = asProblem(error, this.apiBase());
        this.status = 'error';
      },
    ).finally(() => {
      if (this.abort === abort) this.abort = undefined;
      this.host.requestUpdate();
    });
    return this.current;
  }

  /** Runs the last loader again (the "Retry" button). */
  retry(): Promise<void> {
    return this.loader ? this.load(this.loader) : Promise.resolve();
  }

  /** Sets the value directly (e.g. after adding an item locally). */
  set(value: T): void {
    this.value = value;
    this.status = 'loaded';
    this.host.requestUpdate();
  }

  hostConnected(): void {
    // A load cut short by a disconnect (the host was moved in the DOM) starts again.
    if (this.interrupted) {
      this.interrupted = false;
      void this.retry();
    }
  }

  hostDisconnected(): void {
    if (this.status === 'loading') this.interrupted = true;
    this.abort?.abort();
  }
}

/**
 * Loads every page of a paged list (`offset`/`limit` with a `total`), reporting progress after each.
 * Pages are fetched one after another: vendor APIs are rationed, and the BFF caches the whole list
 * after the first page anyway.
 */
export async function loadAllPages<T>(
  fetchPage: (offset: number, limit: number, signal: AbortSignal) => Promise<{ total: number; items: T[] }>,
  context: LoadContext,
  pageSize = 2_000,
): Promise<T[]> {
  const items: T[] = [];
  let total = Infinity;
  while (items.length < total) {
    const page = await fetchPage(items.length, pageSize, context.signal);
    total = page.total;
    items.push(...page.items);
    context.progress({ loaded: items.length, total });
    if (page.items.length === 0) break;
  }
  return items;
}
