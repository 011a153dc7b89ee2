/** @module The tags of the PSA wizard's Finish step and the fields it renders (loaded when the step is first shown). */
import { IhPsaFinishStep } from '../../wizards/psa-wizard/steps/psa-finish-step.js';
import type { TagDefinition } from '../define-tags.js';

export const TAGS: ReadonlyArray<TagDefinition> = [
  ['ih-psa-finish-step', IhPsaFinishStep],
];
