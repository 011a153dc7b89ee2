/** @module The tags of the RMM wizard's Organization step and the fields it renders (loaded when the step is first shown). */
import { IhSelectField } from '../../wizards/shared/fields/select-field.js';
import { IhRmmOrganizationStep } from '../../wizards/rmm-wizard/steps/rmm-organization-step.js';
import type { TagDefinition } from '../define-tags.js';

export const TAGS: ReadonlyArray<TagDefinition> = [
  ['ih-select-field', IhSelectField],
  ['ih-rmm-organization-step', IhRmmOrganizationStep],
];
