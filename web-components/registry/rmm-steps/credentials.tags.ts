/** @module The tags of the RMM wizard's Credentials step and the fields it renders (loaded when the step is first shown). */
import { IhSelectField } from '../../wizards/shared/fields/select-field.js';
import { IhTextField } from '../../wizards/shared/fields/text-field.js';
import { IhRmmCredentialsStep } from '../../wizards/rmm-wizard/steps/rmm-credentials-step.js';
import type { TagDefinition } from '../define-tags.js';

export const TAGS: ReadonlyArray<TagDefinition> = [
  ['ih-select-field', IhSelectField],
  ['ih-text-field', IhTextField],
  ['ih-rmm-credentials-step', IhRmmCredentialsStep],
];
