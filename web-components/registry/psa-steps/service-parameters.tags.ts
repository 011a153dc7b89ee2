/** @module The tags of the PSA wizard's Service Parameters step and the fields it renders (loaded when the step is first shown). */
import { IhLoadStatus } from '../../wizards/shared/load-status.js';
import { IhSelectField } from '../../wizards/shared/fields/select-field.js';
import { IhTextField } from '../../wizards/shared/fields/text-field.js';
import { IhPsaOverrideTable } from '../../wizards/psa-wizard/steps/psa-override-table.js';
import { IhPsaServiceParametersStep } from '../../wizards/psa-wizard/steps/psa-service-parameters-step.js';
import type { TagDefinition } from '../define-tags.js';

export const TAGS: ReadonlyArray<TagDefinition> = [
  ['ih-load-status', IhLoadStatus],
  ['ih-select-field', IhSelectField],
  ['ih-text-field', IhTextField],
  ['ih-psa-override-table', IhPsaOverrideTable],
  ['ih-psa-service-parameters-step', IhPsaServiceParametersStep],
];
