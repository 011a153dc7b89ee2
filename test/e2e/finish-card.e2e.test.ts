/**
 * The create flow's finish card on the demo page, as an MSP admin on a phone and on a small laptop
 * sees it (issue 17, items 2 and 6): Autotask connected at 390 px and Datto RMM at 1024 px, each
 * card then looked at in both widths. The card is on screen with the page's Close under it (one
 * Close, none hidden off to the side), nothing scrolls sideways, the page's confirmation toast
 * covers neither, and pausing / resuming (PSA) or disconnecting / reconnecting (RMM) in the list
 * changes what the card says without a reload. axe finds nothing. Needs `npx vite build` first.
 */
import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { useDemoPage } from '../helpers/demo-page.js';
import { axeViolations } from '../helpers/e2e-server.js';
import { inViewport, sidewaysScroll } from '../helpers/viewport.js';
import { acceptAllSuggestions, answerRefusals, autotaskToMapping, chooseAlertPriorities, openWizard, pressNext, waitFor, waitStep, waitText, wizardText } from '../helpers/psa-wizard-keyboard.js';

const demo = useDemoPage();
const HEIGHT = 800;

/** The page toasts' boxes (inside the hub's shadow root). */
const pageToastBoxes = (page: Page) => page.evaluate(() => [...document.querySelector('integration-hub')?.shadowRoot?.querySelector('ih-page-toasts')?.shadowRoot?.querySelectorAll('[part~="toast"]') ?? []]
  .map((t) => { const r = t.getBoundingClientRect(); return { top: r.top, bottom: r.bottom, left: r.left, right: r.right }; }));
const box = (locator: Locator) => locator.evaluate((el) => { const r = el.getBoundingClientRect(); return { top: r.top, bottom: r.bottom, left: r.left, right: r.right }; });
type Box = Awaited<ReturnType<typeof box>>;
const overlap = (a: Box, b: Box) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

/** After Finish the demo page moves focus to its Close (the Finish button is gone), bringing it on screen. */
const closeFocused = (page: Page) => expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('close-wizard');

/**
 * The card and the page's Close: on screen together, clear of every page toast, one Close, no
 * sideways scroll, axe-clean.
 */
async function expectCardFits(page: Page, card: Locator, width: number): Promise<void> {
  const close = page.getByRole('button', { name: 'Close', exact: true });
  expect(await close.count(), `one Close at ${width} px`).toBe(1);
  // The page is still settling: the lists reload and grow after Finish (their health lines load one by
  // one), and a resize lays everything out again. Until both are on screen together, Close is brought to
  // the window's bottom again; a card that does not fit above Close never gets there and fails.
  await expect.poll(async () => {
    if (!(await inViewport(card)) || !(await inViewport(close))) await close.evaluate((el) => el.scrollIntoView({ block: 'end' }));
    return { card: await inViewport(card), close: await inViewport(close) };
  }, { message: `the finish card and Close on screen together at ${width} px`, timeout: 10_000 }).toEqual({ card: true, close: true });
  expect(await sidewaysScroll(page), `sideways scroll at ${width} px`).toBe(0);
  for (const toast of await pageToastBoxes(page)) {
    expect(overlap(toast, await box(card)), `a toast covers the finish card at ${width} px`).toBe(false);
    expect(overlap(toast, await box(close)), `a toast covers Close at ${width} px`).toBe(false);
  }
  expect(await axeViolations(page)).toEqual([]);
}

async function atWidth(page: Page, card: Locator, width: number): Promise<void> {
  await page.setViewportSize({ width, height: HEIGHT });
  await expectCardFits(page, card, width);
}

describe('the finish card at 390 and 1024 px', () => {
  it('Autotask, connected at 390 px: the card fits, and follows a pause and a resume in the list', async () => {
    const { page } = demo.ctx;
    await page.setViewportSize({ width: 390, height: HEIGHT });
    await openWizard(page, 'Autotask');
    await autotaskToMapping(page);
    await waitText(page, 'Accept all');
    await acceptAllSuggestions(page);
    await pressNext(page);
    await waitStep(page, 'service-parameters');
    await waitText(page, 'Priority for Critical alerts');
    await chooseAlertPriorities(page);
    await answerRefusals(page, 'service-parameters');
    await waitStep(page, 'contract-mapping');
    await waitFor(page, 'the contracts', async () => !/Loading contracts|Loading…/.test(await wizardText(page)));
    await pressNext(page);
    await waitStep(page, 'finish');
    await pressNext(page, 'Finish');
    const card = page.locator('psa-wizard').locator('[part~="message"]');
    await card.getByText('Autotask is connected and Active').waitFor();
    // The confirmation toast is shown meanwhile: the card and Close stay visible beside it.
    await waitFor(page, 'the Autotask toast', async () => (await pageToastBoxes(page)).length > 0);
    await closeFocused(page);
    await expectCardFits(page, card, 390);
    await atWidth(page, card, 1024);

    const deliverySwitch = page.locator('integration-list[kind="psa"]').getByRole('switch', { name: 'Deliver tickets to Autotask' });
    await deliverySwitch.click();
    await card.getByText('Ticket delivery stays paused until you resume it').waitFor();
    await atWidth(page, card, 390);
    await deliverySwitch.click();
    await card.getByText('Autotask is connected and Active').waitFor();
    await page.getByRole('button', { name: 'Close', exact: true }).click();
    await page.locator('psa-wizard').waitFor({ state: 'detached' });
  });

  it('Datto RMM, connected at 1024 px: the card fits, and follows a disconnect and a reconnect in the list', async () => {
    const { page } = demo.ctx;
    await page.setViewportSize({ width: 1024, height: HEIGHT });
    const wizard = page.locator('rmm-wizard');
    const next = (name = 'Next') => wizard.getByRole('button', { name }).click();
    await page.getByRole('button', { name: 'Add RMM' }).click();
    await page.getByRole('button', { name: 'Datto RMM', exact: true }).click();
    await page.getByRole('heading', { name: 'Step 1 of 5: Organization' }).waitFor();
    await wizard.getByLabel('Organization for this integration').selectOption({ label: 'Northwind MSP (Internal)' });
    await next();
    await page.getByRole('heading', { name: 'Step 2 of 5: Set Credentials' }).waitFor();
    await wizard.getByLabel('Datto RMM platform (region)').selectOption({ label: 'Merlot' });
    await wizard.getByLabel('API Key', { exact: true }).fill('sandbox-key');
    await wizard.getByLabel('API Secret Key').fill('sandbox-secret');
    await next();
    await page.getByRole('heading', { name: 'Step 3 of 5: Organization Mapping' }).waitFor();
    await wizard.getByText(/\d+ mapped, \d+ not mapped/).waitFor();
    await next();
    await page.getByRole('heading', { name: 'Step 4 of 5: Parameters' }).waitFor();
    await next();
    await page.getByRole('heading', { name: 'Step 5 of 5: Finish' }).waitFor();
    await next('Finish');
    const card = wizard.locator('[part~="finished"]');
    await card.getByText('Status: Connected').waitFor();
    await closeFocused(page);
    await expectCardFits(page, card, 1024);
    await atWidth(page, card, 390);

    const rmmList = page.locator('integration-list[kind="rmm"]');
    await rmmList.getByRole('button', { name: 'Disconnect Datto RMM' }).click();
    await rmmList.getByRole('dialog').getByRole('button', { name: 'Disconnect' }).click();
    await card.getByText('Status: Disconnected').waitFor();
    expect(await card.textContent()).toContain('Datto RMM is disconnected');
    await atWidth(page, card, 1024);
    await rmmList.getByRole('button', { name: 'Reconnect Datto RMM' }).click();
    await card.getByText('Status: Connected').waitFor();
    expect(await card.textContent()).toContain('Datto RMM is connected.');
    await page.getByRole('button', { name: 'Close', exact: true }).click();
    await wizard.waitFor({ state: 'detached' });
  });
});
