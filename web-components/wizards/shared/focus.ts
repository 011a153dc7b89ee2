/**
 * @module Focus helpers for wizards: after a refused Next, focus goes to the first field showing an
 * error (Lion's LionForm does the same), looking through the shadow roots of step elements.
 */

/** The first element (document order, through open shadow roots) matching `selector`. */
export function deepQuery(root: ParentNode, selector: string): HTMLElement | undefined {
  const walker = (node: ParentNode): HTMLElement | undefined => {
    for (const child of Array.from(node.children)) {
      if (child.matches(selector)) return child as HTMLElement;
      if (child.shadowRoot) {
        const inShadow = walker(child.shadowRoot);
        if (inShadow) return inShadow;
      }
      const inChildren = walker(child);
      if (inChildren) return inChildren;
    }
    return undefined;
  };
  return walker(root);
}

/** Focuses the first field showing an error (`[invalid]`, set by every wizard field). Returns whether one was found. */
export function focusFirstInvalid(root: ParentNode): boolean {
  const field = deepQuery(root, '[invalid]');
  if (!field) return false;
  field.scrollIntoView?.({ block: 'center' });
  field.focus();
  return true;
}
