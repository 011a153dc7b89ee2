/** @module The tag of `<ih-toast-region>`, loaded on a list's first toast (show-lazily.ts). */
import { IhToastRegion } from '../elements/ih-toast-region/ih-toast-region.js';
import type { TagDefinition } from './define-tags.js';

export const TAGS: ReadonlyArray<TagDefinition> = [['ih-toast-region', IhToastRegion]];
