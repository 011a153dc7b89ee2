/**
 * @module Shows a toast in an `<ih-toast-region>` whose code may not be there yet: the lazy loader's
 * list shows its rows without it, and the region's chunk arrives with the first toast (the full
 * entry has it defined already, so the toast shows at once, as before).
 */
import { loadTags, type TagChunk } from '../../registry/load-tags.js';
import type { IhToastRegion, ToastTone } from './ih-toast-region.js';

export const TOAST_CHUNK: TagChunk = () => import('../../registry/toast-region.tags.js');

/**
 * Shows `message` in `region()`. A region not yet defined is defined first and the message waits for
 * its first render, so its live regions exist before the text arrives (as `showPageToast` does).
 * `chunk` is where the region's code comes from. When it cannot be fetched the message is only
 * logged: a caller whose message must not be lost (a failure) shows it elsewhere too.
 */
export function showLazily(region: () => IhToastRegion | null | undefined, message: string, tone: ToastTone = 'success', chunk: TagChunk = TOAST_CHUNK): void {
  if (customElements.get('ih-toast-region')) {
    region()?.show(message, tone);
    return;
  }
  loadTags(chunk)
    .then(async () => {
      const element = region();
      if (!element) return;
      await element.updateComplete;
      element.show(message, tone);
    })
    .catch((error: unknown) => console.error('integration-elements: could not show the message', message, error));
}
