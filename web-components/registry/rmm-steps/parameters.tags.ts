/** @module The tags of the RMM wizard's Parameters step and the fields it renders (loaded when the step is first shown). */
import { IhLoadStatus } from '../../wizards/shared/load-status.js';
import { IhSelectField } from '../../wizards/shared/fields/select-field.js';
import { IhRmmParametersStep } from '../../wizards/rmm-wizard/steps/rmm-parameters-step.js';
import type { TagDefinition } from '../define-tags.js';

export const TAGS: ReadonlyArray<TagDefinition> = [
  ['ih-load-status', IhLoadStatus],
  ['ih-select-field', IhSelectField],
  ['ih-rmm-parameters-step', IhRmmParametersStep],
];
