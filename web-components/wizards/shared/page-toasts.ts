/**
 * @module Page-level confirmations for wizards: one `<ih-page-toasts>` in the hub (else `document.body`), in the
 * upper-right corner (seed 000: "a confirmation message is shown in the upper-right corner"); on a
 * phone-wide window across the top edge (see `<ih-toast-region>`). It lives outside the wizard
 * because hosts usually remove the wizard as soon as it completes.
 */
import { css } from 'lit';
import { IhToastRegion, type ToastTone } from '../../elements/ih-toast-region/ih-toast-region.js';
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

/** The `<integration-hub>` around `from`, crossing shadow roots (null when there is none). */
function hubAround(from: Element): { toastRegion(): IhPageToasts | undefined } | null {
  for (let node: Node | null = from; node; node = (node as Element).parentElement ?? ((node.getRootNode() as ShadowRoot).host ?? null)) {
    if ((node as Element).localName === 'integration-hub') return node as unknown as { toastRegion(): IhPageToasts | undefined };
  }
  return null;
}

/**
 * Shows a toast in the page's upper-right corner, creating the region on first use (when the tag is
 * defined): inside the hub around `from`, so it takes the hub's theme, else in the document body.
 */
export function showPageToast(message: string, tone: ToastTone = 'success', from?: Element): void {
  if (!customElements.get('ih-page-toasts')) return;
  let region = (from && hubAround(from)?.toastRegion()) || document.body.querySelector<IhPageToasts>(':scope > ih-page-toasts');
  if (!region) {
    region = document.createElement('ih-page-toasts');
    document.body.append(region);
  }
  // Defer one update so the live regions exist before the text arrives (announced reliably).
  const shown = region;
  void shown.updateComplete.then(() => shown.show(message, tone));
}

declare global {
  interface HTMLElementTagNameMap {
    'ih-page-toasts': IhPageToasts;
  }
}
