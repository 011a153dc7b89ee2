/**
 * FixedRowLayout's arithmetic (the virtualizer's layout for rows of one height): where each row
 * goes, which rows are in range for a scroll position, and how a grown row moves the rows after it.
 * The layout alone, fed what the virtualizer would feed it; the rendering is in the table's browser tests.
 */
import { describe, expect, it } from 'vitest';
import { FixedRowLayout } from '../../../../web-components/wizards/shared/fixed-row-layout.js';

type Message = { type: string; range?: { first: number; last: number }; childPositions?: Map<number, { top: number }>; scrollSize?: { height: number } };

async function layoutOf(count: number, view = { width: 800, height: 600 }) {
  const messages: Message[] = [];
  const layout = new FixedRowLayout((m: unknown) => messages.push(m as Message), { overhangRows: 2 } as never);
  await Promise.resolve(); // the layout takes its config on the next microtask
  layout.viewportSize = view;
  layout.items = Array.from({ length: count }, (_, i) => i);
  const row = (height: number, grows = false) => ({ classList: { contains: () => grows }, getBoundingClientRect: () => ({ width: 800, height }) }) as unknown as Element;
  const measure = layout.measureChildren as unknown as (row: Element) => { height: number };
  return { layout, messages, row, measure, last: () => messages.filter((m) => m.type === 'stateChanged').at(-1)! };
}

describe('FixedRowLayout', () => {
  it('places row i at i × the row height read from one ordinary row, and renders the view and two rows beyond it', async () => {
    const { layout, row, measure, last } = await layoutOf(10_000);
    layout.grows = (r) => r.classList.contains('grows');
    layout.updateItemSizes({ 0: measure(row(60)), 1: measure(row(999)) } as never); // one read serves the batch
    layout.reflowIfNeeded(true);
    const state = last();
    expect(state.scrollSize!.height).toBe(600_000);
    expect(state.range).toMatchObject({ first: 0, last: 11 }); // 0–720 px: 600 of view and two rows beyond
    expect(state.childPositions!.get(5)!.top).toBe(300);
    layout.viewportScroll = { top: 120_000, left: 0 };
    layout.reflowIfNeeded(true);
    expect(last().range).toMatchObject({ first: 1998, last: 2011 });
    expect(last().childPositions!.get(2000)!.top).toBe(120_000);
  });

  it('a grown row is measured and moves every row after it down by what it adds, no more', async () => {
    const { layout, row, measure, last } = await layoutOf(100);
    layout.grows = (r) => r.classList.contains('grows');
    await new Promise((r) => setTimeout(r)); // a new batch
    layout.updateItemSizes({ 0: measure(row(60)), 3: measure(row(150, true)) } as never);
    layout.reflowIfNeeded(true);
    const positions = last().childPositions!;
    expect([2, 3, 4, 5].map((i) => positions.get(i)!.top)).toEqual([120, 180, 330, 390]);
    expect(last().scrollSize!.height).toBe(100 * 60 + 90);
    // The message goes away: the row is back to the fixed height, and so are the rows after it.
    layout.updateItemSizes({ 3: measure(row(60)) } as never);
    layout.reflowIfNeeded(true);
    expect(last().childPositions!.get(4)!.top).toBe(240);
  });

  it('renders one row until a row has been measured (no rows placed at a guessed height)', async () => {
    const { layout, last } = await layoutOf(10_000);
    layout.reflowIfNeeded(true);
    expect(last().range).toMatchObject({ first: 0, last: 0 });
  });

  it('with the height given before any row exists, the first pass renders every row in view', async () => {
    const { layout, last } = await layoutOf(10_000);
    layout.firstHeight = () => 50;
    layout.reflowIfNeeded(true);
    expect(last().range).toMatchObject({ first: 0, last: 13 }); // 600 px of view and two rows of 50 beyond
  });

  it('an empty list has no rows in range', async () => {
    const { layout, last } = await layoutOf(0);
    layout.reflowIfNeeded(true);
    expect(last().range).toMatchObject({ first: -1, last: -1 });
  });
});
