/**
 * @module The lazy entry (`integration-elements-loader.js`): registers each public tag when an
 * element with that tag first appears in the document, fetching only that element's code. A page
 * with `<integration-list>` alone never fetches a wizard; a page that opens `<psa-wizard>` never
 * fetches `<rmm-wizard>`; inside a wizard each step's code loads when that step is first shown.
 * Elements our own elements render in their shadow roots load through the element that renders them.
 * Custom elements upgrade when defined, so markup placed before its code arrives simply upgrades.
 *
 * Hosts that place the elements inside their own shadow roots (which this module cannot see) call
 * `loadElements('psa-wizard')` first. Classes and types are exported by the full entry
 * (`integration-elements.js`, define.ts); both entries share their chunks, so loading both is safe.
 */
import { defineTags, type TagDefinition } from './registry/define-tags.js';
import { fetchTags, type TagChunk } from './registry/load-tags.js';

const logs: TagChunk = () => import('./registry/logs.tags.js');

/**
 * Each public tag and the chunk that defines it. The hub comes first: when a batch is defined, the
 * provider must be upgraded before the elements inside it ask for its context.
 */
const CHUNKS: ReadonlyArray<readonly [string, TagChunk]> = [
  ['integration-hub', () => import('./registry/hub.tags.js')],
  ['integration-list', () => import('./registry/list.tags.js')],
  ['delivery-log', logs],
  ['audit-log', logs],
  ['organization-applications', () => import('./registry/organization-applications.tags.js')],
  ['psa-wizard', () => import('./registry/psa-wizard.tags.js')],
  ['rmm-wizard', () => import('./registry/rmm-wizard.tags.js')],
];

/** The public tags this entry registers on first use. */
export const LAZY_TAGS: readonly string[] = CHUNKS.map(([tag]) => tag);

const requested = new Map<string, Promise<void>>();
/** Definitions happen in the order they were asked for, so a hub asked for first is defined first. */
let definitions: Promise<unknown> = Promise.resolve();

/**
 * Registers the given public tags, fetching their code (once). Resolves when they are defined;
 * rejects when a chunk could not be fetched (asking again retries).
 */
export function loadElements(...tags: string[]): Promise<void> {
  const fresh = CHUNKS.filter(([tag]) => tags.includes(tag) && !requested.has(tag));
  if (fresh.length > 0) {
    const fetched = Promise.all(fresh.map(([, chunk]) => fetchTags(chunk)));
    const defined = definitions.then(() => fetched).then((chunks: ReadonlyArray<TagDefinition>[]) => chunks.forEach((definitions) => defineTags(definitions)));
    definitions = defined.catch(() => {});
    for (const [tag] of fresh) {
      requested.set(tag, defined);
      defined.catch(() => requested.delete(tag));
    }
  }
  return Promise.all(tags.map((tag) => requested.get(tag) ?? customElements.whenDefined(tag))).then(() => {});
}

/** Loads every public tag not yet asked for that appears in the document. */
function scan(): void {
  const waiting = LAZY_TAGS.filter((tag) => !requested.has(tag) && !customElements.get(tag));
  if (waiting.length === 0) return;
  const found = new Set(Array.from(document.querySelectorAll(waiting.join(',')), (el) => el.localName));
  if (found.size > 0) loadElements(...found).catch((error: unknown) => console.error('integration-elements: could not load', [...found], error));
}

scan();
// A mutation record can hold many nodes; one query per batch is cheaper than walking each node.
new MutationObserver(scan).observe(document, { childList: true, subtree: true });
