/**
 * @module Registers tags, leaving alone any tag already defined: a page that loads the elements
 * twice (the full entry and the loader, or two copies) or defines one of our tags itself keeps working.
 */

/** One tag and the class that implements it. */
export type TagDefinition = readonly [tag: string, constructor: CustomElementConstructor];

/**
 * Defines each tag in order (providers and inner elements first, as listed). A tag defined by
 * another class is kept, with a warning; one defined by the same class is skipped silently.
 */
export function defineTags(definitions: ReadonlyArray<TagDefinition>): void {
  for (const [tag, constructor] of definitions) {
    const existing = customElements.get(tag);
    if (!existing) customElements.define(tag, constructor);
    else if (existing !== constructor) console.warn(`<${tag}> is already defined by another script; keeping that definition.`);
  }
}
