/**
 * @module Page-level confirmations for wizards: one `<ih-page-toasts>` in the hub (else `document.body`), in the
 * upper-right corner (seed 000: "a confirmation message is shown in the upper-right corner"); on a
 * phone-wide window across the top edge (see `<ih-toast-region>`). It lives outside the wizard
 * because hosts usually remove the wizard as soon as it completes.
 */
import { css } from 'lit';
import { IhToastRegion } from '../../elements/ih-toast-region/ih-toast-region.js';
import { space, token } from '../../styles/tokens.js';

/**
 * Internal. `<ih-toast-region>` placed at the top right of the page.
 *
 * @internal
 * @csspart toast - Every toast.
 */
export class IhPageToasts extends IhToastRegion {
  static override styles = [...IhToastRegion.styles, css`
    .stack { inset-block-start: calc(${token('--ih-toast-inset-top')} + ${space(2)}); inset-block-end: auto; }
    @media (max-width: 40rem) {
      .stack { inset-block-start: calc(${token('--ih-toast-inset-top')} + ${space(1)}); }
    }
  `];
}

export { showPageToast } from './show-page-toast.js';

declare global {
  interface HTMLElementTagNameMap {
    'ih-page-toasts': IhPageToasts;
  }
}
