/** @module Where each `<rmm-wizard>` step's code lives: the wizard loads a step's chunk when that step is first shown. */
import type { TagChunk } from './load-tags.js';

export const RMM_STEP_CHUNKS: Readonly<Record<string, TagChunk>> = {
  'ih-rmm-organization-step': () => import('./rmm-steps/organization.tags.js'),
  'ih-rmm-credentials-step': () => import('./rmm-steps/credentials.tags.js'),
  'ih-rmm-mapping-step': () => import('./rmm-steps/mapping.tags.js'),
  'ih-rmm-parameters-step': () => import('./rmm-steps/parameters.tags.js'),
  'ih-rmm-finish-step': () => import('./rmm-steps/finish.tags.js'),
};
