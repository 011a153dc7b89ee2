/**
 * @module The tags `<psa-wizard>` needs before its first step: the wizard, its shell and the page's
 * toasts. Each step's tags load when that step is first shown (psa-steps.ts).
 */
import { PsaWizard } from '../wizards/psa-wizard/psa-wizard.js';
import { IhWizardShell } from '../wizards/shared/wizard-shell.js';
import { IhPageToasts } from '../wizards/shared/page-toasts.js';
import type { TagDefinition } from './define-tags.js';

export const TAGS: ReadonlyArray<TagDefinition> = [
  ['ih-wizard-shell', IhWizardShell],
  ['ih-page-toasts', IhPageToasts],
  ['psa-wizard', PsaWizard],
];
