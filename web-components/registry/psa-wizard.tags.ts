/**
 * @module The tags `<psa-wizard>` needs before its first step: the wizard and its shell. Each step's
 * tags load when that step is first shown (psa-steps.ts), the page's toasts with the first toast
 * (page-toasts.tags.ts).
 */
import { PsaWizard } from '../wizards/psa-wizard/psa-wizard.js';
import { IhWizardShell } from '../wizards/shared/wizard-shell.js';
import type { TagDefinition } from './define-tags.js';

export const TAGS: ReadonlyArray<TagDefinition> = [
  ['ih-wizard-shell', IhWizardShell],
  ['psa-wizard', PsaWizard],
];
