/** @module The tag of `<ih-page-toasts>`, loaded with a wizard's first page-level toast (show-page-toast.ts). */
import { IhPageToasts } from '../wizards/shared/page-toasts.js';
import type { TagDefinition } from './define-tags.js';

export const TAGS: ReadonlyArray<TagDefinition> = [['ih-page-toasts', IhPageToasts]];
