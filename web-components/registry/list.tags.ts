/**
 * @module The tags `<integration-list>` needs to show its rows: the list and its toasts. Its
 * confirmation dialog loads on the first question (confirm-dialog.tags.ts), the logs it opens from a
 * row (`<delivery-log>`, `<audit-log>`) when first opened (logs.tags.ts).
 */
import { IntegrationList } from '../elements/integration-list/integration-list.js';
import { IhToastRegion } from '../elements/ih-toast-region/ih-toast-region.js';
import type { TagDefinition } from './define-tags.js';

export const TAGS: ReadonlyArray<TagDefinition> = [
  ['ih-toast-region', IhToastRegion],
  ['integration-list', IntegrationList],
];
