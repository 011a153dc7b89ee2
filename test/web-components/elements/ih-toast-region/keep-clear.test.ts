/** Where a toast stack moves to leave a wizard's button bar visible (pure geometry, no DOM layout). */
import { describe, expect, it } from 'vitest';
import { clearOffset, placementOffset } from '../../../../web-components/elements/ih-toast-region/keep-clear.js';

const rect = (left: number, top: number, width: number, height: number) => ({ left, top, width, height, right: left + width, bottom: top + height, x: left, y: top }) as DOMRect;

describe('clearOffset', () => {
  const VIEWPORT = 800;

  it('leaves a stack where it is when nothing is in its way', () => {
    expect(clearOffset(rect(900, 600, 300, 100), [rect(0, 500, 600, 60)], VIEWPORT)).toBe(0);
  });

  it('steps a bottom stack above a button bar at the bottom of the window', () => {
    const offset = clearOffset(rect(900, 680, 300, 100), [rect(400, 720, 900, 60)], VIEWPORT, 8);
    expect(offset).toBe(720 - 8 - 780);
  });

  it('steps a top stack below a bar near the top when there is no room above it', () => {
    expect(clearOffset(rect(900, 16, 300, 200), [rect(400, 150, 900, 60)], VIEWPORT, 8)).toBe(150 + 60 + 8 - 16);
  });

  it('clears every bar, even when the first move lands on another', () => {
    const bars = [rect(400, 700, 900, 60), rect(400, 620, 900, 60)];
    const home = rect(900, 690, 300, 60);
    const dy = clearOffset(home, bars, VIEWPORT, 8);
    const moved = rect(900, 690 + dy, 300, 60);
    for (const bar of bars) expect(moved.bottom <= bar.top || moved.top >= bar.bottom).toBe(true);
    expect(moved.top).toBeGreaterThanOrEqual(0);
  });
});

describe('placementOffset', () => {
  const VIEWPORT = 800;
  const bar = rect(0, 740, 390, 60);

  it('steps a top stack below the focused field when the field is under it', () => {
    const field = rect(8, 10, 374, 40);
    const dy = placementOffset(rect(8, 8, 374, 50), [bar], field, VIEWPORT);
    expect(dy).toBe(10 + 40 + 8 - 8);
  });

  it('leaves the focused field aside when clearing it would push the stack off screen (a focused list taller than the room left)', () => {
    const tallList = rect(8, 0, 374, 730);
    expect(placementOffset(rect(8, 8, 374, 50), [bar], tallList, VIEWPORT)).toBe(0);
  });

  it('without a focused field, clears the areas alone', () => {
    expect(placementOffset(rect(8, 700, 374, 50), [bar], null, VIEWPORT)).toBe(clearOffset(rect(8, 700, 374, 50), [bar], VIEWPORT));
  });
});
