/**
 * Toasts never cover a wizard's buttons: with the button bar where the toast stack sits (bottom right
 * for a list's toasts, top right for the page's), the toasts step out of its way, and Cancel, Back
 * and Next stay visible and clickable (bounding boxes and hit-testing in real Chromium).
 */
import { expect, fixture, html } from '@open-wc/testing';
import { waitUntil } from '../../support/wait.js';
import '../../../../web-components/define.js';
import type { IhToastRegion } from '../../../../web-components/index.js';
import type { IhWizardShell } from '../../../../web-components/wizards/shared/wizard-shell.js';

const STEPS = [{ id: 'a', label: 'Credentials' }, { id: 'b', label: 'Account Mapping' }];

/** The element hit at a point, through shadow roots (what a click there would reach). */
function deepElementFromPoint(x: number, y: number): Element | null {
  let el = document.elementFromPoint(x, y);
  while (el?.shadowRoot) {
    const inner = el.shadowRoot.elementFromPoint(x, y);
    if (!inner || inner === el) break;
    el = inner;
  }
  return el;
}

const buttonsOf = (shell: IhWizardShell) => [...shell.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part~="cancel-button"], [part~="back-button"], [part~="next-button"]')];
const toastsOf = (region: IhToastRegion) => [...region.shadowRoot!.querySelectorAll<HTMLElement>('[part~="toast"]')];
const overlap = (a: DOMRect, b: DOMRect) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

/** Whether every button is clear of every toast and is what a click on its centre reaches. */
function buttonsClear(shell: IhWizardShell, region: IhToastRegion): boolean {
  const toasts = toastsOf(region).map((t) => t.getBoundingClientRect());
  return buttonsOf(shell).every((button) => {
    const r = button.getBoundingClientRect();
    return !toasts.some((t) => overlap(r, t)) && deepElementFromPoint(r.left + r.width / 2, r.top + r.height / 2) === button;
  });
}

async function frames(n = 3): Promise<void> {
  for (let i = 0; i < n; i++) await new Promise((resolve) => requestAnimationFrame(resolve));
}

describe('toasts and a wizard’s buttons', () => {
  it('a list’s toasts (bottom right) step above a wizard button bar at the bottom of the window; the buttons stay clickable', async () => {
    const host = await fixture<HTMLDivElement>(html`
      <div>
        <ih-toast-region></ih-toast-region>
        <div style="position: fixed; inset-inline-end: 0; inset-block-end: 0; inline-size: 40rem;" id="wizard"></div>
      </div>`);
    const region = host.querySelector('ih-toast-region')!;
    await region.updateComplete;
    region.show('Kaseya BMS is paused. No tickets are created until you resume it.');
    region.show('The test ticket could not be created: Kaseya BMS is unavailable.', 'error');
    await region.updateComplete;
    // The wizard arrives after the toasts (a host opens it while they are shown).
    const shell = document.createElement('ih-wizard-shell') as IhWizardShell;
    Object.assign(shell, { heading: 'Connect Kaseya BMS', steps: STEPS, current: 'b' });
    host.querySelector('#wizard')!.append(shell);
    await shell.updateComplete;
    await frames();
    await waitUntil(() => buttonsClear(shell, region), 'a toast covers Cancel, Back or Next');
    expect(buttonsOf(shell)).to.have.length(3);
    // The toasts are still on screen, just out of the way.
    for (const toast of toastsOf(region)) expect(toast.getBoundingClientRect().top).to.be.at.least(0);
    let clicked = '';
    shell.addEventListener('ih-wizard-nav', (e) => { clicked = (e as unknown as { action: string }).action; });
    const next = buttonsOf(shell).at(-1)!.getBoundingClientRect();
    (deepElementFromPoint(next.left + next.width / 2, next.top + next.height / 2) as HTMLElement).click();
    expect(clicked).to.equal('next');
  });

  it('the page’s toasts (top right) step below a wizard button bar near the top of the window', async () => {
    const host = await fixture<HTMLDivElement>(html`
      <div><div style="position: fixed; inset-inline-end: 0; inset-block-start: 0; inline-size: 40rem;" id="wizard"></div></div>`);
    const shell = document.createElement('ih-wizard-shell') as IhWizardShell;
    Object.assign(shell, { heading: 'Connect Autotask', steps: STEPS, current: 'a' });
    host.querySelector('#wizard')!.append(shell);
    await shell.updateComplete;
    const region = document.createElement('ih-page-toasts') as unknown as IhToastRegion;
    host.append(region);
    await region.updateComplete;
    for (let i = 1; i <= 4; i++) region.show(`Your progress could not be saved as a draft (${i}).`, 'info');
    await region.updateComplete;
    await frames();
    await waitUntil(() => buttonsClear(shell, region), 'a page toast covers Cancel or Next');
    region.remove();
  });

  it('follows the buttons when the page scrolls them under the toasts', async () => {
    const host = await fixture<HTMLDivElement>(html`
      <div>
        <ih-toast-region></ih-toast-region>
        <div style="block-size: 150vh"></div>
        <div style="margin-inline-start: auto; inline-size: 40rem;" id="wizard"></div>
        <div style="block-size: 150vh"></div>
      </div>`);
    const region = host.querySelector('ih-toast-region')!;
    const shell = document.createElement('ih-wizard-shell') as IhWizardShell;
    Object.assign(shell, { heading: 'Connect Autotask', steps: STEPS, current: 'b' });
    host.querySelector('#wizard')!.append(shell);
    await shell.updateComplete;
    region.show('Autotask is connected and Active.');
    await region.updateComplete;
    // Scroll so the button bar sits at the very bottom of the window, where the toasts are.
    const bar = shell.shadowRoot!.querySelector('[part~="footer"]')!.getBoundingClientRect();
    window.scrollBy(0, bar.bottom - window.innerHeight + 4);
    await frames();
    await waitUntil(() => buttonsClear(shell, region), 'a toast covers the buttons after scrolling');
    window.scrollTo(0, 0);
  });
});
