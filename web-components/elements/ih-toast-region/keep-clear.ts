/**
 * @module What a toast must never cover: areas their owners register (a wizard's Cancel / Back / Next
 * bar), the control the person is working on (the focused one), and the toasts of another region
 * that were on screen first (on a phone every region shows its toasts at the top edge). Every toast
 * region reads them and moves its stack out of their way. Kept on `globalThis` under a registered
 * symbol, so two copies of the elements on one page share it.
 */

interface KeepClearRegistry {
  areas: Set<Element>;
  listeners: Set<() => void>;
  /** Toast stacks showing toasts now, in the order they started (optional: an older copy's registry has none). */
  stacks?: Set<Element>;
}

const KEY = Symbol.for('integration-hub.keep-clear');
const registry: KeepClearRegistry = ((globalThis as Record<symbol, KeepClearRegistry | undefined>)[KEY] ??= { areas: new Set(), listeners: new Set() });
const stacks = (registry.stacks ??= new Set());

function notify(): void {
  registry.listeners.forEach((listener) => listener());
}

/** Registers an area toasts must leave visible; returns the function that releases it. */
export function keepClear(area: Element): () => void {
  registry.areas.add(area);
  notify();
  return () => {
    if (registry.areas.delete(area)) notify();
  };
}

/** The areas now on the page, as viewport rectangles (hidden or detached ones left out). */
export function keepClearRects(): DOMRect[] {
  return [...registry.areas].filter((a) => a.isConnected).map((a) => a.getBoundingClientRect()).filter((r) => r.width > 0 && r.height > 0);
}

/** The registered areas themselves (a toast region observes their size). */
export function keepClearAreas(): Element[] {
  return [...registry.areas];
}

/** Calls `listener` whenever an area is registered or released; returns the unsubscribe function. */
export function onKeepClearChange(listener: () => void): () => void {
  registry.listeners.add(listener);
  return () => registry.listeners.delete(listener);
}

/**
 * A toast stack starts or stops showing toasts. A stack keeps its place; the stacks that start after
 * it step out of its way (first come, first placed: two stacks never push each other back and forth).
 */
export function toastStackShowing(stack: Element, showing: boolean): void {
  if (showing === stacks.has(stack)) return;
  if (showing) stacks.add(stack);
  else stacks.delete(stack);
  notify();
}

/** A showing stack moved or changed size: the stacks placed after it place themselves again. */
export function toastStackMoved(): void {
  notify();
}

/** The rectangles of the stacks that started showing before `stack` (the ones it must leave visible). */
export function earlierStackRects(stack: Element): DOMRect[] {
  const earlier: DOMRect[] = [];
  for (const other of stacks) {
    if (other === stack) break;
    if (!other.isConnected) continue;
    const r = other.getBoundingClientRect();
    if (r.width > 0 && r.height > 0) earlier.push(r);
  }
  return earlier;
}

/**
 * Where the control the person is working on is (the focused element, through shadow roots), unless
 * it is inside `region` (a toast's own Dismiss button) or is the page itself; null when there is none.
 */
export function focusedRect(region: Element): DOMRect | null {
  let el: Element | null = document.activeElement;
  while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
  if (!el || el === document.body || el === document.documentElement) return null;
  for (let node: Node | null = el; node; node = node.parentNode ?? (node as ShadowRoot).host ?? null) {
    if (node === region) return null;
  }
  const r = el.getBoundingClientRect();
  return r.width > 0 && r.height > 0 ? r : null;
}

/**
 * The offset for a stack at `home`: clear of every area in `areas`, and of `focused` too when that
 * still leaves the stack wholly on screen (a focused control taller than the room left, such as a
 * long list, would otherwise push the toasts off screen).
 */
export function placementOffset(home: DOMRect, areas: readonly DOMRect[], focused: DOMRect | null, viewportHeight: number): number {
  if (focused) {
    const dy = clearOffset(home, [...areas, focused], viewportHeight);
    if (home.top + dy >= 0 && home.bottom + dy <= viewportHeight) return dy;
  }
  return clearOffset(home, areas, viewportHeight);
}

/** Whether two rectangles overlap (touching edges do not). */
export function overlaps(a: { top: number; bottom: number; left: number; right: number }, b: { top: number; bottom: number; left: number; right: number }): boolean {
  return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
}

/**
 * How far (in px, + is down) to move a stack whose rectangle is `home` so it overlaps none of `areas`
 * and stays in a viewport `viewportHeight` tall: the shorter of stepping up past the areas in its
 * way or down past them (one direction per move, so it never bounces between two). 0 when nothing
 * is in the way; if neither direction fits on screen, it goes up (toasts may leave the screen, the
 * buttons may not be covered).
 */
export function clearOffset(home: DOMRect, areas: readonly DOMRect[], viewportHeight: number, gap = 8): number {
  if (!areas.some((a) => overlaps(home, a))) return 0;
  const step = (direction: -1 | 1, onScreen: boolean): number | null => {
    let dy = 0;
    // Each step clears one area; moving one way only, it needs at most one step per area.
    for (let i = 0; i <= areas.length; i++) {
      const rect = { top: home.top + dy, bottom: home.bottom + dy, left: home.left, right: home.right };
      const hit = areas.find((a) => overlaps(rect, a));
      if (!hit) return !onScreen || (rect.top >= 0 && rect.bottom <= viewportHeight) ? dy : null;
      dy += direction < 0 ? hit.top - gap - rect.bottom : hit.bottom + gap - rect.top;
    }
    return null;
  };
  const up = step(-1, true);
  const down = step(1, true);
  if (up !== null && down !== null) return -up <= down ? up : down;
  return up ?? down ?? step(-1, false) ?? 0;
}
