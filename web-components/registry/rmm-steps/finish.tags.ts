/** @module The tags of the RMM wizard's Finish step and the fields it renders (loaded when the step is first shown). */
import { IhRmmFinishStep } from '../../wizards/rmm-wizard/steps/rmm-finish-step.js';
import type { TagDefinition } from '../define-tags.js';

export const TAGS: ReadonlyArray<TagDefinition> = [
  ['ih-rmm-finish-step', IhRmmFinishStep],
];
