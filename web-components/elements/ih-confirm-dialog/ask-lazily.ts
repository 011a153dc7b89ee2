/**
 * @module Asks through an `<ih-confirm-dialog>` whose code may not be there yet: the lazy loader's
 * list shows its rows without it, and the dialog's chunk arrives on the first question (the full
 * entry has it defined already, so the question is asked at once).
 */
import { loadTags, type TagChunk } from '../../registry/load-tags.js';
import type { ConfirmOptions, IhConfirmDialog } from './ih-confirm-dialog.js';

export const CONFIRM_CHUNK: TagChunk = () => import('../../registry/confirm-dialog.tags.js');

export const CONFIRM_LOAD_FAILED = 'The confirmation could not be opened. Check the connection and try again.';

/**
 * The dialog's answer; false (nothing confirmed) when its code could not be fetched, after
 * `onLoadFailed` has told the person so. `chunk` is where the dialog's code comes from.
 */
export async function askLazily(dialog: () => IhConfirmDialog, options: ConfirmOptions, onLoadFailed: (message: string) => void, chunk: TagChunk = CONFIRM_CHUNK): Promise<boolean> {
  if (!customElements.get('ih-confirm-dialog')) {
    try {
      await loadTags(chunk);
    } catch {
      onLoadFailed(CONFIRM_LOAD_FAILED);
      return false;
    }
  }
  const element = dialog();
  await element.updateComplete;
  return element.ask(options);
}
