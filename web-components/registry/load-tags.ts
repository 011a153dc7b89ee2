/**
 * @module Loads a chunk of tags once and defines them: the lazy loader, the wizards (a step's code
 * when that step is first shown) and the list (its logs when first opened) all load through here,
 * so a chunk is fetched once however many elements ask for it.
 */
import { defineTags, type TagDefinition } from './define-tags.js';

/** A chunk of tags: a dynamic `import()` of a `*.tags.ts` module. */
export type TagChunk = () => Promise<{ TAGS: ReadonlyArray<TagDefinition> }>;

const loads = new Map<TagChunk, Promise<ReadonlyArray<TagDefinition>>>();

/** Fetches a chunk once (a failed fetch is forgotten, so asking again retries) without defining its tags. */
export function fetchTags(chunk: TagChunk): Promise<ReadonlyArray<TagDefinition>> {
  let load = loads.get(chunk);
  if (!load) {
    load = chunk().then((module) => module.TAGS);
    loads.set(chunk, load);
    load.catch(() => loads.delete(chunk));
  }
  return load;
}

/** Fetches a chunk once and defines its tags. */
export async function loadTags(chunk: TagChunk): Promise<void> {
  defineTags(await fetchTags(chunk));
}
