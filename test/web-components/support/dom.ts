/** @module Small shadow-DOM queries for the element tests, so each test reads as what a person sees. */
import { waitUntil } from './wait.js';
import type { IntegrationList } from '../../../web-components/index.js';

export const shadow = (el: Element): ShadowRoot => el.shadowRoot!;

/** The rows of a list, by vendor label. */
export function rows(list: IntegrationList): HTMLLIElement[] {
  return [...shadow(list).querySelectorAll<HTMLLIElement>('[part~="row"]')];
}

export function rowFor(list: IntegrationList, vendorLabel: string): HTMLLIElement {
  const row = rows(list).find((r) => r.querySelector('[part~="vendor"]')?.textContent?.trim() === vendorLabel);
  if (!row) throw new Error(`no row for ${vendorLabel}; rows: ${rows(list).map((r) => r.textContent?.replace(/\s+/g, ' ').trim()).join(' | ')}`);
  return row;
}

export const statusOf = (row: Element): string => row.querySelector('[part~="status"]')!.textContent!.trim();

/** A button in a row or the list by its visible text. */
export function button(root: Element | ShadowRoot, text: string): HTMLButtonElement {
  const found = [...root.querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent?.trim() === text);
  if (!found) throw new Error(`no button "${text}"`);
  return found;
}

export const dialogOf = (list: IntegrationList): HTMLDialogElement => shadow(shadow(list).querySelector('ih-confirm-dialog')!).querySelector('dialog')!;

export const toastTexts = (list: IntegrationList): string[] =>
  [...shadow(shadow(list).querySelector('ih-toast-region')!).querySelectorAll('[part~="toast"] p')].map((p) => p.textContent!.trim());

/** The focused element, through shadow roots. */
export function deepActive(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/** Waits until the list has finished loading (rows, empty text or error shown). */
export async function loaded(list: IntegrationList): Promise<void> {
  await waitUntil(() => !shadow(list).querySelector('[part~="message"][role="status"]'), 'list still loading');
  await list.loadComplete;
  await list.updateComplete;
}
