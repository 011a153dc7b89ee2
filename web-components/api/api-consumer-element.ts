/**
 * @module The base of every public element that calls the BFF: its own `api-base` attribute and
 * `token` property, the provider's values as fallback, and one typed client built from the result.
 */
import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { apiContext, type ApiConnection } from './api-context.js';
import { createApiClient, normaliseApiBase, type ApiClient } from './client.js';
import { hubStateContext, type HubState } from './hub-state-context.js';
import { TokenRenewal } from './token-renewal.js';

/** Shown while a refused call waits for the host's new token. */
export const TOKEN_EXPIRED_COPY = 'Your session has expired. Waiting for a new sign-in… Nothing was lost: the last action is sent again as soon as it arrives.';

export class ApiConsumerElement extends LitElement {
  /** Base URL of the BFF's API. Wins over the surrounding `<integration-hub>`; default `/api`. */
  @property({ attribute: 'api-base' }) apiBase?: string;

  /** Bearer token for the BFF. Wins over the surrounding `<integration-hub>`'s token. Never reflected. */
  @property({ attribute: false }) token?: string;

  /** @internal What the surrounding `<integration-hub>` provides, if any. */
  @consume({ context: apiContext, subscribe: true })
  @state()
  protected hubConnection?: ApiConnection;

  /** @internal The hub's integration state (revision and last change), if inside a hub. */
  @consume({ context: hubStateContext, subscribe: true })
  @state()
  protected hubState?: HubState;

  private client?: ApiClient;
  /** @internal A 401 waits here for the host's new token (`token-expired`), then the call is sent once more. */
  protected readonly tokenRenewal = new TokenRenewal(this, () => this.effectiveToken, () => this.effectiveApiBase, () => this.hubConnection);

  /** The API base in effect: own attribute, then the provider's, then `/api`. */
  get effectiveApiBase(): string {
    return normaliseApiBase(this.apiBase ?? this.hubConnection?.apiBase);
  }

  /** @internal The token in effect: own property, then the provider's. */
  protected get effectiveToken(): string | undefined {
    return this.token ?? this.hubConnection?.token;
  }

  /** @internal The typed client for the API base in effect; the token is read on each call. */
  protected get api(): ApiClient {
    const base = this.effectiveApiBase;
    if (this.client?.apiBase !== base) this.client = createApiClient(base, () => this.effectiveToken, this.tokenRenewal.renew);
    return this.client;
  }

  /** @internal Whether this update changed where or as whom the element talks to the BFF. */
  protected connectionChanged(changed: PropertyValues): boolean {
    return changed.has('apiBase') || changed.has('token') || changed.has('hubConnection');
  }

  /** @internal Whether this update brought a change made elsewhere on the page (the hub's revision moved). */
  protected hubStateChanged(changed: PropertyValues): boolean {
    return this.hasUpdated && changed.has('hubState') && changed.get('hubState') !== undefined;
  }

  /** @internal The "session expired" notice, shown above the element's content while a call waits for a new token. */
  protected renderTokenState() {
    return this.tokenRenewal.expired
      ? html`<p class="ih-root token-expired" part="token-expired" role="alert">${TOKEN_EXPIRED_COPY}</p>`
      : nothing;
  }
}
