/**
 * @module The base of every public element that calls the BFF: its own `api-base` attribute and
 * `token` property, the provider's values as fallback, and one typed client built from the result.
 */
import { LitElement, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { apiContext, type ApiConnection } from './api-context.js';
import { createApiClient, normaliseApiBase, type ApiClient } from './client.js';

export class ApiConsumerElement extends LitElement {
  /** Base URL of the BFF's API. Wins over the surrounding `<integration-hub>`; default `/api`. */
  @property({ attribute: 'api-base' }) apiBase?: string;

  /** Bearer token for the BFF. Wins over the surrounding `<integration-hub>`'s token. Never reflected. */
  @property({ attribute: false }) token?: string;

  /** @internal What the surrounding `<integration-hub>` provides, if any. */
  @consume({ context: apiContext, subscribe: true })
  @state()
  protected hubConnection?: ApiConnection;

  private client?: ApiClient;

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
    if (this.client?.apiBase !== base) this.client = createApiClient(base, () => this.effectiveToken);
    return this.client;
  }

  /** @internal Whether this update changed where or as whom the element talks to the BFF. */
  protected connectionChanged(changed: PropertyValues): boolean {
    return changed.has('apiBase') || changed.has('token') || changed.has('hubConnection');
  }
}
