/** @module The tags of `<integration-hub>` (a chunk of its own for the loader: the provider every other element asks). */
import { IntegrationHub } from '../elements/integration-hub/integration-hub.js';
import type { TagDefinition } from './define-tags.js';

export const TAGS: ReadonlyArray<TagDefinition> = [['integration-hub', IntegrationHub]];
