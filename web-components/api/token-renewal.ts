/**
 * @module TokenRenewal: what an element does when the BFF refuses its token (401). It says so once
 * per refused token (`token-expired`, bubbling and composed, so the hub or the host hears it), shows
 * that it is waiting, and hands the refused calls the new token as soon as the host sets one.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { TokenExpiredEvent } from '../events/token-events.js';

/** How long a refused call waits for a new token before its 401 stands. */
export const TOKEN_WAIT_MS = 120_000;

interface Waiting {
  refused: string;
  /** The connection the refused token came from: a new one (the host set `token`, even to the same string) answers. */
  connection: unknown;
  promise: Promise<string | undefined>;
  resolve: (token: string | undefined) => void;
  timer: ReturnType<typeof setTimeout>;
}

export class TokenRenewal implements ReactiveController {
  private waiting?: Waiting;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly currentToken: () => string | undefined,
    private readonly apiBase: () => string,
    private readonly connection: () => unknown = () => undefined,
  ) {
    host.addController(this);
  }

  /** True while a call waits for a token to replace a refused one (the element shows so). */
  get expired(): boolean {
    return this.waiting !== undefined;
  }

  /** A TokenRenewer (client.ts): every call refused with the same token shares one wait and one event. */
  renew = (refused: string): Promise<string | undefined> => {
    const current = this.currentToken();
    if (current && current !== refused) return Promise.resolve(current); // already replaced meanwhile
    if (this.waiting?.refused === refused) return this.waiting.promise;
    this.end(undefined);
    let resolve!: (token: string | undefined) => void;
    const promise = new Promise<string | undefined>((r) => { resolve = r; });
    const timer = setTimeout(() => this.end(undefined), TOKEN_WAIT_MS);
    this.waiting = { refused, connection: this.connection(), promise, resolve, timer };
    this.host.requestUpdate();
    this.host.dispatchEvent(new TokenExpiredEvent({ apiBase: this.apiBase() }));
    return promise;
  };

  /** Every update may carry a new token (own property or the hub's): hand it to the waiting calls. */
  hostUpdate(): void {
    const token = this.currentToken();
    if (this.waiting && token && (token !== this.waiting.refused || this.connection() !== this.waiting.connection)) this.end(token);
  }

  hostDisconnected(): void {
    this.end(undefined);
  }

  private end(token: string | undefined): void {
    const waiting = this.waiting;
    if (!waiting) return;
    this.waiting = undefined;
    clearTimeout(waiting.timer);
    waiting.resolve(token);
    this.host.requestUpdate();
  }
}
