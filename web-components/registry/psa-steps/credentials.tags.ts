/** @module The tags of the PSA wizard's Credentials step and the fields it renders (loaded when the step is first shown). */
import { IhTextField } from '../../wizards/shared/fields/text-field.js';
import { IhSelectField } from '../../wizards/shared/fields/select-field.js';
import { IhPsaCredentialsStep } from '../../wizards/psa-wizard/steps/psa-credentials-step.js';
import type { TagDefinition } from '../define-tags.js';

export const TAGS: ReadonlyArray<TagDefinition> = [
  ['ih-text-field', IhTextField],
  ['ih-select-field', IhSelectField],
  ['ih-psa-credentials-step', IhPsaCredentialsStep],
];
