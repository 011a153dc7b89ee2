/** @module The tags of the PSA wizard's edit-mode summary and the fields it renders (loaded when the step is first shown). */
import { IhPsaEditSummary } from '../../wizards/psa-wizard/steps/psa-edit-summary.js';
import type { TagDefinition } from '../define-tags.js';

export const TAGS: ReadonlyArray<TagDefinition> = [
  ['ih-psa-edit-summary', IhPsaEditSummary],
];
