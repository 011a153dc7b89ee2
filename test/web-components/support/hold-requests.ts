/** @module Holds some of the page's requests, as a slow vendor would, so a test can act while an answer is still on its way. */

export interface HeldRequests {
  /** How many matching requests are waiting. */
  readonly held: number;
  /** Lets every held (and later) matching request go out. */
  release(): void;
  /** Releases and puts the page's own fetch back. */
  restore(): void;
}

/** Until released, requests whose URL contains `urlPart` wait before they go out (they are sent, unchanged, once released). */
export function holdRequests(urlPart: string): HeldRequests {
  const realFetch = window.fetch;
  let release!: () => void;
  const gate = new Promise<void>((resolve) => { release = resolve; });
  let held = 0;
  window.fetch = async (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (url.includes(urlPart)) {
      held += 1;
      await gate;
    }
    return realFetch(input, init);
  };
  return {
    get held() { return held; },
    release,
    restore() { release(); window.fetch = realFetch; },
  };
}
