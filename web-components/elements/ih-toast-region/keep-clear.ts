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
 * How far (in px, + is down) to move a stack whose rectangle is `home` so it overlaps none of `areas`,
 * staying in a viewport `viewportHeight` tall: it steps over the area in its way, up or down,
 * whichever keeps it on screen with the shorter move. 0 when nothing is in the way.
 */
export function clearOffset(home: DOMRect, areas: readonly DOMRect[], viewportHeight: number, gap = 8): number {
  let dy = 0;
  // Each step clears one area; a move can land on another, so try as often as there are areas.
  for (let i = 0; i <= areas.length; i++) {
    const rect = { top: home.top + dy, bottom: home.bottom + dy, left: home.left, right: home.right };
    const hit = areas.find((a) => overlaps(rect, a));
    if (!hit) return dy;
    const up = hit.top - gap - rect.bottom;
    const down = hit.bottom + gap - rect.top;
    const fitsUp = rect.top + up >= 0;
    const fitsDown = rect.bottom + down <= viewportHeight;
    dy += fitsUp && (!fitsDown || -up <= down) ? up : fitsDown ? down : up;
  }
  return dy;
}
