/**
 * @module The tags `<integration-list>` needs to show its rows: its dialog and toasts. The logs it
 * opens from a row (`<delivery-log>`, `<audit-log>`) load when first opened (logs.tags.ts).
 */
import { IntegrationList } from '../elements/integration-list/integration-list.js';
import { IhConfirmDialog } from '../elements/ih-confirm-dialog/ih-confirm-dialog.js';
import { IhToastRegion } from '../elements/ih-toast-region/ih-toast-region.js';
import type { TagDefinition } from './define-tags.js';

export const TAGS: ReadonlyArray<TagDefinition> = [
  ['ih-confirm-dialog', IhConfirmDialog],
  ['ih-toast-region', IhToastRegion],
  ['integration-list', IntegrationList],
];
