/**
 * @module Areas of the page a toast must never cover (a wizard's Cancel / Back / Next bar). Their
 * owners register them; every toast region reads them and moves its stack out of their way. Kept on
 * `globalThis` under a registered symbol, so two copies of the elements on one page share it.
 */

interface KeepClearRegistry {
  areas: Set<Element>;
  listeners: Set<() => void>;
}

const KEY = Symbol.for('integration-hub.keep-clear');
const registry: KeepClearRegistry = ((globalThis as Record<symbol, KeepClearRegistry | undefined>)[KEY] ??= { areas: new Set(), listeners: new Set() });

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
