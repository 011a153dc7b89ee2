/**
 * @module The tags `<rmm-wizard>` needs before its first step: the wizard, its shell and its
 * opening status. Each step's tags load when that step is first shown (rmm-steps.ts).
 */
import { RmmWizard } from '../wizards/rmm-wizard/rmm-wizard.js';
import { IhWizardShell } from '../wizards/shared/wizard-shell.js';
import { IhLoadStatus } from '../wizards/shared/load-status.js';
import type { TagDefinition } from './define-tags.js';

export const TAGS: ReadonlyArray<TagDefinition> = [
  ['ih-wizard-shell', IhWizardShell],
  ['ih-load-status', IhLoadStatus],
  ['rmm-wizard', RmmWizard],
];
