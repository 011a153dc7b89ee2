/** @module The tags of `<delivery-log>` and `<audit-log>` (one chunk: they share their styles, copy and API calls). */
import { DeliveryLog } from '../elements/delivery-log/delivery-log.js';
import { AuditLog } from '../elements/audit-log/audit-log.js';
import { IhToastRegion } from '../elements/ih-toast-region/ih-toast-region.js';
import type { TagDefinition } from './define-tags.js';

export const TAGS: ReadonlyArray<TagDefinition> = [
  ['ih-toast-region', IhToastRegion],
  ['delivery-log', DeliveryLog],
  ['audit-log', AuditLog],
];
