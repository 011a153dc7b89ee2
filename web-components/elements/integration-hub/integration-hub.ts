/**
 * @module `<integration-hub>`: the page-level provider. The host sets the BFF address and token once;
 * every integration element inside picks them up through @lit/context.
 */
import { LitElement, css, html } from 'lit';
import { property } from 'lit/decorators.js';
import { provide } from '@lit/context';
import { apiContext, type ApiConnection } from '../../api/api-context.js';
import { normaliseApiBase } from '../../api/client.js';
import { hubStateContext, type HubState } from '../../api/hub-state-context.js';
import { IntegrationChangeEvent } from '../../events/integration-change-event.js';
import { TokenExpiredEvent, TokenRequiredEvent } from '../../events/token-events.js';
import type { WizardCompleteEvent } from '../../wizards/shared/events/wizard-complete-event.js';
import type { IhPageToasts } from '../../wizards/shared/page-toasts.js';

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
 * It is also the page's one source of integration state: when an element inside changes an
 * integration (`integration-change`: paused, resumed, disconnected, reconnected, changed, deleted) or
 * a wizard completes (`wizard-complete`), every list, Applications tab and finish card inside
 * refreshes itself. When an element's token is refused (`token-expired`), the hub asks the host once
 * per token with `token-required`; the host answers by setting `token`, and the refused calls are
 * sent again with it. Page-level toasts of the wizards appear inside the hub, so they take its theme.
 *
 * @slot - The page content holding integration elements (any depth, through shadow roots too).
 *
 * @fires token-required - {apiBase}: the BFF refused the hub's token (expired or revoked); set `token` to a fresh one.
 *
 * @cssproperty --ih-toast-inset-top - How far below the window's top edge the page-level toasts start (the height of the host's sticky header). Default `0px`.
 *
 * @csspart toast - Each page-level toast (a wizard's completion or a draft that could not be saved).
 * @csspart toast-error - Error toasts, in addition to `toast`.
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

  /** @internal What every element inside shows is as current as the last change heard. */
  @provide({ context: hubStateContext })
  protected integrationState: HubState = { revision: 0, change: null };

  /** The token a `token-required` was last fired for: one request per refused token, however many elements saw it. */
  private requestedFor?: string;
  private pageToasts?: IhPageToasts;

  constructor() {
    super();
    this.addEventListener(IntegrationChangeEvent.eventName, (e) => this.changed(e.detail));
    this.addEventListener('wizard-complete', (e: WizardCompleteEvent) =>
      this.changed({ integrationId: e.detail.integrationId, kind: e.detail.status === 'connected' ? 'rmm' : 'psa', status: e.detail.status }));
    this.addEventListener(TokenExpiredEvent.eventName, (e) => this.tokenExpired(e));
  }

  /**
   * @internal The region for page-level toasts, inside the hub's shadow root so the hub's custom
   * properties reach it and `integration-hub::part(toast)` styles it (the document body would not).
   */
  toastRegion(): IhPageToasts | undefined {
    if (!customElements.get('ih-page-toasts')) return undefined;
    if (!this.pageToasts) {
      this.pageToasts = document.createElement('ih-page-toasts');
      this.pageToasts.setAttribute('exportparts', 'toast, toast-error');
      this.renderRoot.append(this.pageToasts);
    }
    return this.pageToasts;
  }

  private changed(change: HubState['change']): void {
    this.integrationState = { revision: this.integrationState.revision + 1, change };
  }

  private tokenExpired(event: TokenExpiredEvent): void {
    // Only the hub's own token is the host's to renew here; an element's own token is answered on the element.
    const refused = this._token;
    if (!refused || this.requestedFor === refused) return;
    this.requestedFor = refused;
    // From the hub itself: the host listening on the hub (or the document) hears one request.
    this.dispatchEvent(new TokenRequiredEvent({ apiBase: event.detail.apiBase }));
  }

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
