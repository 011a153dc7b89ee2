/**
 * @module `showPageToast`: a page-level confirmation from a wizard, whose region's code (`<ih-page-toasts>`,
 * page-toasts.ts) may not be there yet: the lazy loader's wizard shows its first step without it, and
 * the region's chunk arrives with the first toast (the full entry has it defined already, so the
 * toast shows at once, as before).
 */
import type { ToastTone } from '../../elements/ih-toast-region/ih-toast-region.js';
import { loadTags } from '../../registry/load-tags.js';
import type { IhPageToasts } from './page-toasts.js';

const PAGE_TOASTS_CHUNK = () => import('../../registry/page-toasts.tags.js');

/** The `<integration-hub>` around `from`, crossing shadow roots (null when there is none). */
function hubAround(from: Element): { toastRegion(): IhPageToasts | undefined } | null {
  for (let node: Node | null = from; node; node = (node as Element).parentElement ?? ((node.getRootNode() as ShadowRoot).host ?? null)) {
    if ((node as Element).localName === 'integration-hub') return node as unknown as { toastRegion(): IhPageToasts | undefined };
  }
  return null;
}

/** Shows the toast in the hub's region (else the body's), creating the region on first use. */
function show(message: string, tone: ToastTone, from?: Element): void {
  let region = (from && hubAround(from)?.toastRegion()) || document.body.querySelector<IhPageToasts>(':scope > ih-page-toasts');
  if (!region) {
    region = document.createElement('ih-page-toasts');
    document.body.append(region);
  }
  // Defer one update so the live regions exist before the text arrives (announced reliably).
  const shown = region;
  void shown.updateComplete.then(() => shown.show(message, tone));
}

/**
 * Shows a toast in the page's upper-right corner, creating the region on first use (its code is
 * fetched first when not yet defined): inside the hub around `from`, so it takes the hub's theme,
 * else in the document body.
 */
export function showPageToast(message: string, tone: ToastTone = 'success', from?: Element): void {
  if (customElements.get('ih-page-toasts')) {
    show(message, tone, from);
    return;
  }
  loadTags(PAGE_TOASTS_CHUNK)
    .then(() => show(message, tone, from))
    .catch((error: unknown) => console.error('integration-elements: could not show the message', message, error));
}
