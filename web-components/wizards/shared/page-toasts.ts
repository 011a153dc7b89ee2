/**
 * @module Page-level confirmations for wizards: one `<ih-page-toasts>` in `document.body`, in the
 * upper-right corner (seed 000: "a confirmation message is shown in the upper-right corner"). It
 * lives outside the wizard because hosts usually remove the wizard as soon as it completes.
 */
import { css } from 'lit';
import { IhToastRegion, type ToastTone } from '../../elements/ih-toast-region/ih-toast-region.js';
import { space } from '../../styles/tokens.js';

/**
 * Internal. `<ih-toast-region>` placed at the top right of the page.
 *
 * @internal
 * @csspart toast - Every toast.
 */
export class IhPageToasts extends IhToastRegion {
  static override styles = [...IhToastRegion.styles, css`
    .stack { inset-block-start: ${space(2)}; inset-block-end: auto; }
  `];
}

/** Shows a toast in the page's upper-right corner, creating the region on first use (when the tag is defined). */
export function showPageToast(message: string, tone: ToastTone = 'success'): void {
  if (!customElements.get('ih-page-toasts')) return;
  let region = document.querySelector('ih-page-toasts');
  if (!region) {
    region = document.createElement('ih-page-toasts');
    document.body.append(region);
  }
  // Defer one update so the live regions exist before the text arrives (announced reliably).
  void region.updateComplete.then(() => region!.show(message, tone));
}

declare global {
  interface HTMLElementTagNameMap {
    'ih-page-toasts': IhPageToasts;
  }
}
