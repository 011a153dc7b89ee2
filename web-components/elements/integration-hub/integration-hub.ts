/**
 * @module `<integration-hub>`: the page-level provider. The host sets the BFF address and token once;
 * every integration element inside picks them up through @lit/context.
 */
import { LitElement, css, html } from 'lit';
import { property } from 'lit/decorators.js';
import { provide } from '@lit/context';
import { apiContext, type ApiConnection } from '../../api/api-context.js';
import { normaliseApiBase } from '../../api/client.js';

/**
 * Provides the BFF address and the bearer token to every integration element inside it, so a host
 * portal sets them once per page. Elements inside may still set their own `api-base` / `token`,
 * which win. Renders its children unchanged.
 *
 * @summary Gives every integration element inside it the BFF address and token.
 *
 * @attr api-base - Base URL of the BFF's API for every element inside. Default `/api`.
 *
 * @prop {string} apiBase - As the attribute.
 * @prop {string | undefined} token - Bearer token (JWT) for the BFF, set by the host (again when it refreshes). Property only, never reflected.
 *
 * @slot - The page content holding integration elements (any depth, through shadow roots too).
 *
 * @example
 * ```html
 * <integration-hub api-base="/api">
 *   <integration-list kind="psa"></integration-list>
 * </integration-hub>
 * <script type="module">document.querySelector('integration-hub').token = await getTokenFromPortal();</script>
 * ```
 */
export class IntegrationHub extends LitElement {
  static override styles = css`:host { display: block; }`;

  private _apiBase = '/api';
  private _token?: string;

  /** Base URL of the BFF's API for every element inside. Default `/api`. */
  @property({ attribute: 'api-base' })
  get apiBase(): string { return this._apiBase; }
  set apiBase(value: string) {
    this._apiBase = value;
    this.publish();
  }

  /** Bearer token (JWT) for the BFF, set by the host once per page (and again when it refreshes). Never reflected. */
  @property({ attribute: false })
  get token(): string | undefined { return this._token; }
  set token(value: string | undefined) {
    this._token = value;
    this.publish();
  }

  /** @internal */
  @provide({ context: apiContext })
  protected connection: ApiConnection = { apiBase: '/api' };

  /**
   * Publishes at once, inside the setter, rather than in the next update: elements inside then see
   * the token in their own first update and never send a token-less request first.
   * A new object every time: consumers are notified only when the value's identity changes.
   */
  private publish(): void {
    this.connection = { apiBase: normaliseApiBase(this._apiBase), token: this._token };
  }

  protected override render() {
    return html`<slot></slot>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'integration-hub': IntegrationHub;
  }
}
