/**
 * @module Keyboard-only helpers for the <psa-wizard> end-to-end walks: what has focus (named as a
 * person hears it, through shadow roots), Tab until a control, the wizard's text and step, waiting,
 * Next/Finish, and opening a wizard from the demo page. Only Tab, Shift+Tab, Enter, Space, arrows
 * and typing.
 */
import type { Page } from 'playwright-core';

/** What has focus, through shadow roots, named as a person hears it: a field's label, else aria-label or text. */
export function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    let el: Element | null = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    if (!el) return '';
    const host = (el.getRootNode() as ShadowRoot).host as (Element & { label?: string }) | undefined;
    if (host && /^ih-.*-field$/.test(host.localName) && host.label) return host.label;
    const label = (el as HTMLInputElement).labels?.[0];
    if (label && !el.getAttribute('aria-label')) return (label.firstChild?.textContent ?? '').trim();
    return (el.getAttribute('aria-label') || el.textContent || '').trim().replace(/\s+/g, ' ');
  });
}

/** Presses Tab (or Shift+Tab) until the focused control's name matches. */
export async function tabTo(page: Page, name: string | RegExp, { back = false, max = 120 } = {}): Promise<void> {
  const matches = (text: string) => (typeof name === 'string' ? text === name : name.test(text));
  for (let i = 0; i < max; i++) {
    if (matches(await focused(page))) return;
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(`Tab never reached "${name}" (focus is on "${await focused(page)}")`);
}

/** Text anywhere in the wizard (through its shadow roots). */
export function wizardText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const walk = (node: Node): string => {
      let text = '';
      node.childNodes.forEach((child) => {
        if (child.nodeType === Node.TEXT_NODE) text += child.textContent;
        else if (child instanceof Element) text += ` ${walk(child)}${child.shadowRoot ? walk(child.shadowRoot) : ''}`;
      });
      return text;
    };
    const wizard = document.querySelector('psa-wizard');
    return wizard?.shadowRoot ? walk(wizard.shadowRoot).replace(/\s+/g, ' ') : '';
  });
}

/** The step on screen: null while the wizard opens or while the step's code is still arriving (the lazy loader's `step-loading`). */
export const step = (page: Page) => page.evaluate(() => {
  const wizard = document.querySelector('psa-wizard');
  return wizard?.shadowRoot?.querySelector('.step-loading') ? null : wizard?.step ?? null;
});
export const busy = (page: Page) => page.evaluate(() => {
  const shell = document.querySelector('psa-wizard')?.shadowRoot?.querySelector('ih-wizard-shell') as (Element & { busy?: boolean }) | null;
  return Boolean(shell?.busy);
});

export async function waitFor(page: Page, what: string, check: () => Promise<boolean>, timeout = 8000): Promise<void> {
  const until = Date.now() + timeout;
  while (Date.now() < until) {
    if (await check()) return;
    await page.waitForTimeout(25);
  }
  throw new Error(`timed out waiting for ${what}; wizard says: ${(await wizardText(page)).slice(0, 600)}`);
}

export const waitStep = (page: Page, id: string) => waitFor(page, `step ${id}`, async () => (await step(page)) === id && !(await busy(page)));
export const waitText = (page: Page, text: string) => waitFor(page, `"${text}"`, async () => (await wizardText(page)).includes(text));

export async function pressNext(page: Page, label: 'Next' | 'Finish' = 'Next'): Promise<void> {
  await tabTo(page, label);
  await page.keyboard.press('Enter');
  await waitFor(page, 'the request to settle', async () => !(await busy(page)));
}

/** Types into the focused field, replacing what it held. */
export async function typeInto(page: Page, text: string): Promise<void> {
  await page.keyboard.press('Control+A');
  await page.keyboard.type(text);
}

/** Opens a new PSA wizard from the page: "Add PSA", then the vendor. */
export async function openWizard(page: Page, vendorLabel: string): Promise<void> {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await tabTo(page, 'Add PSA');
  await page.keyboard.press('Enter');
  await tabTo(page, vendorLabel);
  await page.keyboard.press('Enter');
  await waitStep(page, 'credentials');
}

/** Service Parameters: each severity's "Priority for … alerts" set to its first choice, by Tab and an arrow key. */
export async function chooseAlertPriorities(page: Page): Promise<void> {
  for (const severity of ['Critical', 'High', 'Medium', 'Low', 'Informational']) {
    await tabTo(page, `Priority for ${severity} alerts`);
    await page.keyboard.press('ArrowDown');
  }
}

/** Answers every still-empty required select by arrowing to its first choice, as long as Next points at one. */
export async function answerRefusals(page: Page, expected: string, rounds = 12): Promise<void> {
  for (let i = 0; i < rounds && (await step(page)) === expected; i++) {
    await pressNext(page);
    if ((await step(page)) !== expected) return;
    await page.waitForTimeout(50); // focus moves to the first invalid field after the next frame
    await page.keyboard.press('ArrowDown');
  }
}

/** "Accept all N suggestions", then the review's "Accept N matches" (every pair left ticked). */
export async function acceptAllSuggestions(page: Page): Promise<void> {
  await tabTo(page, /^Accept all \d+ suggestions?$/);
  await page.keyboard.press('Enter');
  await waitFor(page, 'the review of the suggestions', async () => /^Review \d+ suggested/.test(await focused(page)));
  await tabTo(page, /^Accept \d+ match(es)?$/);
  await page.keyboard.press('Enter');
}

/** From an open Autotask wizard: the sandbox's credentials, then the catch-all "Northwind MSP (Internal)" and its first contact. */
export async function autotaskToMapping(page: Page): Promise<void> {
  await tabTo(page, 'API Username');
  await page.keyboard.type('api-user@sandbox.example');
  await page.keyboard.press('Tab');
  await page.keyboard.type('sandbox-secret');
  await pressNext(page);
  await waitStep(page, 'account-mapping');
  await waitText(page, 'Showing');
  await tabTo(page, 'Catch-All PSA Account');
  await page.keyboard.type('Northwind MSP');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab');
  await waitFor(page, 'catch-all contacts', async () => !(await wizardText(page)).includes('Loading the contacts'));
  await page.keyboard.press('ArrowDown');
}
