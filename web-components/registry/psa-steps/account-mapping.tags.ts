/** @module The tags of the PSA wizard's Account Mapping step and the fields it renders (loaded when the step is first shown). */
import { IhComboboxField } from '../../wizards/shared/fields/combobox-field.js';
import { IhLoadStatus } from '../../wizards/shared/load-status.js';
import { IhSelectField } from '../../wizards/shared/fields/select-field.js';
import { IhSwitchField } from '../../wizards/shared/fields/switch-field.js';
import { IhPsaAccountTable } from '../../wizards/psa-wizard/steps/psa-account-table.js';
import { IhPsaAccountMappingStep } from '../../wizards/psa-wizard/steps/psa-account-mapping-step.js';
import type { TagDefinition } from '../define-tags.js';

export const TAGS: ReadonlyArray<TagDefinition> = [
  ['ih-combobox-field', IhComboboxField],
  ['ih-load-status', IhLoadStatus],
  ['ih-select-field', IhSelectField],
  ['ih-switch-field', IhSwitchField],
  ['ih-psa-account-table', IhPsaAccountTable],
  ['ih-psa-account-mapping-step', IhPsaAccountMappingStep],
];
