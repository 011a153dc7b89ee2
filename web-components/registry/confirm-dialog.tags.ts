/** @module The tag of `<ih-confirm-dialog>`, loaded on a list's first question (ask-lazily.ts). */
import { IhConfirmDialog } from '../elements/ih-confirm-dialog/ih-confirm-dialog.js';
import type { TagDefinition } from './define-tags.js';

export const TAGS: ReadonlyArray<TagDefinition> = [['ih-confirm-dialog', IhConfirmDialog]];
