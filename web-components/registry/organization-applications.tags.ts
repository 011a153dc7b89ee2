/** @module The tags of `<organization-applications>`. */
import { OrganizationApplications } from '../elements/organization-applications/organization-applications.js';
import { IhToastRegion } from '../elements/ih-toast-region/ih-toast-region.js';
import type { TagDefinition } from './define-tags.js';

export const TAGS: ReadonlyArray<TagDefinition> = [
  ['ih-toast-region', IhToastRegion],
  ['organization-applications', OrganizationApplications],
];
