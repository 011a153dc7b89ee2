/** @module What an end-to-end walk asks of the page's layout: whether an element is on screen, and sideways scrolling. */
import type { Locator, Page } from 'playwright-core';

/**
 * Whether the element is wholly inside the window now, without scrolling. Layout is in fractions of
 * a pixel but scroll offsets are whole pixels, so an element scrolled to the window's edge may end
 * a fraction past it (the demo page's Close at 800.4 of 800 once the list's rows grew by a
 * fractional height): edges are compared to the pixel.
 */
export const inViewport = (locator: Locator) => locator.evaluate((el) => {
  const r = el.getBoundingClientRect();
  return r.width > 0 && Math.round(r.top) >= 0 && Math.round(r.left) >= 0 && Math.round(r.bottom) <= window.innerHeight && Math.round(r.right) <= window.innerWidth;
});

/** What the page scrolls sideways by (a phone user must never have to). */
export const sidewaysScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
