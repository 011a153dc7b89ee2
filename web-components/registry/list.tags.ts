/**
 * @module The tag `<integration-list>` needs to show its rows: the list. Its toasts' region loads
 * with the first toast (toast-region.tags.ts), its confirmation dialog on the first question
 * (confirm-dialog.tags.ts), the logs it opens from a row (`<delivery-log>`, `<audit-log>`) when first
 * opened (logs.tags.ts).
 */
import { IntegrationList } from '../elements/integration-list/integration-list.js';
import type { TagDefinition } from './define-tags.js';

export const TAGS: ReadonlyArray<TagDefinition> = [
  ['integration-list', IntegrationList],
];
