/**
 * @module The token's lifecycle as events: an element whose call was refused with 401 fires
 * `token-expired`; `<integration-hub>` turns the first one per token into one `token-required`
 * request the host answers by setting `token` (the refused call is then sent once more).
 */

export interface TokenExpiredDetail {
  /** The API base whose BFF refused the token. */
  apiBase: string;
}

/** Fired (bubbling, composed) by an element when the BFF refused its token (401). Set a new `token` to go on. */
export class TokenExpiredEvent extends CustomEvent<TokenExpiredDetail> {
  static readonly eventName = 'token-expired';

  constructor(detail: TokenExpiredDetail) {
    super(TokenExpiredEvent.eventName, { detail, bubbles: true, composed: true });
  }
}

/** Fired (bubbling, composed) by `<integration-hub>` once per refused token: the host sets `hub.token` to a fresh one. */
export class TokenRequiredEvent extends CustomEvent<TokenExpiredDetail> {
  static readonly eventName = 'token-required';

  constructor(detail: TokenExpiredDetail) {
    super(TokenRequiredEvent.eventName, { detail, bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'token-expired': TokenExpiredEvent;
    'token-required': TokenRequiredEvent;
  }
}
