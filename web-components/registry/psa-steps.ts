/**
 * @module Where each `<psa-wizard>` step's code lives: the wizard loads a step's chunk when that step
 * is first shown. A later step's chunk comes with the later steps' rules (psa-wizard.validation.ts,
 * which registers them with the machine's guards), so its Next is checked before it can be pressed.
 */
import type { TagChunk } from './load-tags.js';

/** `chunk` together with the later steps' rules: it resolves once both are loaded. */
const withLaterRules = (chunk: TagChunk): TagChunk => () =>
  Promise.all([chunk(), import('../wizards/psa-wizard/psa-wizard.validation.js')]).then(([tags]) => tags);

export const PSA_STEP_CHUNKS: Readonly<Record<string, TagChunk>> = {
  'ih-psa-credentials-step': () => import('./psa-steps/credentials.tags.js'),
  'ih-psa-account-mapping-step': withLaterRules(() => import('./psa-steps/account-mapping.tags.js')),
  'ih-psa-service-parameters-step': withLaterRules(() => import('./psa-steps/service-parameters.tags.js')),
  'ih-psa-contract-mapping-step': withLaterRules(() => import('./psa-steps/contract-mapping.tags.js')),
  'ih-psa-finish-step': () => import('./psa-steps/finish.tags.js'),
  'ih-psa-edit-summary': () => import('./psa-steps/edit-summary.tags.js'),
};
