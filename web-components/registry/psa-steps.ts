/** @module Where each `<psa-wizard>` step's code lives: the wizard loads a step's chunk when that step is first shown. */
import type { TagChunk } from './load-tags.js';

export const PSA_STEP_CHUNKS: Readonly<Record<string, TagChunk>> = {
  'ih-psa-credentials-step': () => import('./psa-steps/credentials.tags.js'),
  'ih-psa-account-mapping-step': () => import('./psa-steps/account-mapping.tags.js'),
  'ih-psa-service-parameters-step': () => import('./psa-steps/service-parameters.tags.js'),
  'ih-psa-contract-mapping-step': () => import('./psa-steps/contract-mapping.tags.js'),
  'ih-psa-finish-step': () => import('./psa-steps/finish.tags.js'),
  'ih-psa-edit-summary': () => import('./psa-steps/edit-summary.tags.js'),
};
