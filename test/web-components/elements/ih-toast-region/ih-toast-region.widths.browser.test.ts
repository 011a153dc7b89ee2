/**
 * Toasts at a phone's width and a desktop's, in a hub holding a long wizard step (its button bar
 * sticky at the window's bottom) as an admin meets them: at 390 px neither the page's toast (a
 * wizard's confirmation) nor a list's toast covers the field being worked on or the button bar, nor
 * each other; they sit across the top edge, below the host's sticky header when it says how tall it
 * is. At 1400 px the page's toast stays in the upper-right corner. Either way the toast is announced
 * from a live region that was there first, takes the hub's theme, leaves focus where it was, and
 * is dismissed with the keyboard; axe finds nothing. Bounding boxes in real Chromium.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { waitUntil } from '../../support/wait.js';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import '../../../../web-components/define.js';
import type { IhToastRegion, IntegrationHub } from '../../../../web-components/index.js';
import { showPageToast } from '../../../../web-components/wizards/shared/page-toasts.js';
import type { IhWizardShell } from '../../../../web-components/wizards/shared/wizard-shell.js';

const SEVERITIES = ['Critical', 'High', 'Medium', 'Low', 'Informational'];
/** The step's selects: the five priorities, then the five of two overrides (a step taller than a phone's window). */
const FIELDS = [...SEVERITIES, ...SEVERITIES.map((s) => `${s} (override 1)`), ...SEVERITIES.map((s) => `${s} (override 2)`)];
const STEPS = [{ id: 'service-parameters', label: 'Service Parameters' }];
const overlap = (a: DOMRect, b: DOMRect) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

async function frames(n = 4): Promise<void> {
  for (let i = 0; i < n; i++) await new Promise((resolve) => requestAnimationFrame(resolve));
}

/** A hub with a list's toast region and a wizard whose step is a long column of priority selects. */
async function mountPage() {
  const hub = await fixture<IntegrationHub>(html`
    <integration-hub style="--ih-color-surface: rgb(255, 250, 235)">
      <ih-toast-region id="list-toasts"></ih-toast-region>
      <ih-wizard-shell heading="Edit Service Parameters" section-mode .steps=${STEPS} current="service-parameters">
        <div style="display: grid; gap: 1rem">
          ${FIELDS.map((s) => html`<label>Priority for ${s} alerts <select style="display: block; inline-size: 100%"><option>Choose…</option><option>P1</option></select></label>`)}
        </div>
      </ih-wizard-shell>
      <div style="block-size: 100vh"></div>
    </integration-hub>`);
  const shell = hub.querySelector<IhWizardShell>('ih-wizard-shell')!;
  await shell.updateComplete;
  const listToasts = hub.querySelector<IhToastRegion>('#list-toasts')!;
  await listToasts.updateComplete;
  const selects = [...hub.querySelectorAll('select')];
  const footer = () => shell.shadowRoot!.querySelector<HTMLElement>('[part~="footer"]')!;
  return { hub, shell, listToasts, selects, footer };
}

const pageRegion = (hub: IntegrationHub) => hub.shadowRoot!.querySelector<IhToastRegion>('ih-page-toasts')!;
const toastsOf = (region: IhToastRegion) => [...region.shadowRoot!.querySelectorAll<HTMLElement>('[part~="toast"]')];
const boxes = (region: IhToastRegion) => toastsOf(region).map((t) => t.getBoundingClientRect());

/** Shows the wizard's completion toast the way the wizard does (in the hub around it) and waits until it is placed. */
async function showPageConfirmation(shell: IhWizardShell, message: string): Promise<IhToastRegion> {
  showPageToast(message, 'success', shell);
  const hub = shell.closest('integration-hub') as IntegrationHub;
  await waitUntil(() => pageRegion(hub)?.messages.includes(message), 'the page toast never showed');
  await frames();
  return pageRegion(hub);
}

/** Focuses `field` and scrolls so it sits just above the sticky button bar, stuck at the window's bottom. */
async function focusJustAboveBar(field: HTMLElement, footer: () => HTMLElement): Promise<void> {
  field.focus();
  await frames(2);
  window.scrollBy(0, field.getBoundingClientRect().bottom - (window.innerHeight - footer().offsetHeight - 8));
  await frames();
}

describe('toasts at 390 px and at 1400 px', () => {
  afterEach(async () => {
    window.scrollTo(0, 0);
    await setViewport({ width: 1400, height: 1000 });
  });

  it('at 390 px a list’s toast leaves the field above the sticky button bar and the bar itself visible; it sits at the top edge', async () => {
    await setViewport({ width: 390, height: 800 });
    const { listToasts, selects, footer } = await mountPage();
    const field = selects[9]!;
    await focusJustAboveBar(field, footer);
    // The bar sticks at the window's bottom, with the focused select right above it (where a bottom toast used to step to).
    expect(footer().getBoundingClientRect().bottom).to.be.closeTo(window.innerHeight, 2);
    listToasts.show('Autotask is paused. No tickets are created until you resume it.');
    await listToasts.updateComplete;
    await frames();
    const [toast] = boxes(listToasts);
    expect(overlap(toast!, field.getBoundingClientRect()), 'the toast covers the focused select').to.equal(false);
    expect(overlap(toast!, footer().getBoundingClientRect()), 'the toast covers the button bar').to.equal(false);
    // Across the top edge, as a phone shows notifications, and wholly on screen.
    expect(toast!.top).to.be.within(0, 16);
    expect(toast!.width).to.be.greaterThan(window.innerWidth - 40);
    expect(toast!.right).to.be.at.most(window.innerWidth);
    expect(listToasts.shadowRoot!.activeElement).to.equal(null);
    expect(document.activeElement).to.equal(field);
    listToasts.remove();
  });

  it('at 390 px the page’s toast steps below a focused field at the top edge, and never lands on the list’s toast or the bar', async () => {
    await setViewport({ width: 390, height: 800 });
    const { hub, shell, listToasts, selects, footer } = await mountPage();
    const field = selects[3]!;
    field.focus();
    await frames(2);
    window.scrollBy(0, field.getBoundingClientRect().top - 4);
    await frames();
    listToasts.show('Autotask is paused. No tickets are created until you resume it.');
    const region = await showPageConfirmation(shell, 'Autotask is connected and Active. Alerts will now create tickets.');
    await waitUntil(() => {
      const [page] = boxes(region);
      const [list] = boxes(listToasts);
      return page && list && !overlap(page, list) && !overlap(page, field.getBoundingClientRect()) && !overlap(list, field.getBoundingClientRect());
    }, 'a toast covers the focused select or the other toast');
    for (const box of [...boxes(region), ...boxes(listToasts)]) {
      expect(overlap(box, footer().getBoundingClientRect()), 'a toast covers the button bar').to.equal(false);
      expect(box.top).to.be.at.least(0);
      expect(box.bottom).to.be.at.most(window.innerHeight);
    }
    expect(document.activeElement).to.equal(field);
    // Announced: the text is inside the polite live region that existed before it arrived.
    expect(region.shadowRoot!.querySelector('[role="status"]')!.textContent).to.contain('Autotask is connected');
    // Themed by the hub (its custom properties reach the toast inside its shadow root).
    expect(getComputedStyle(toastsOf(region)[0]!).backgroundColor).to.equal('rgb(255, 250, 235)');
    await expect(hub).to.be.accessible();
  });

  it('at 390 px the toasts start below the host’s sticky header when --ih-toast-inset-top says how tall it is', async () => {
    await setViewport({ width: 390, height: 800 });
    const { hub, shell } = await mountPage();
    hub.style.setProperty('--ih-toast-inset-top', '56px');
    const region = await showPageConfirmation(shell, 'Datto RMM is connected.');
    expect(boxes(region)[0]!.top).to.be.within(56, 56 + 16);
  });

  it('at 1400 px the page’s toast stays in the upper-right corner, clear of the field being worked on, and Tab then Enter dismisses it', async () => {
    await setViewport({ width: 1400, height: 900 });
    const { hub, shell, selects, footer } = await mountPage();
    const field = selects[12]!;
    await focusJustAboveBar(field, footer);
    const region = await showPageConfirmation(shell, 'Autotask is connected and Active. Alerts will now create tickets.');
    const [toast] = boxes(region);
    // Where it always was: 1rem from the top and right edges, at most 28rem wide.
    expect(toast!.top).to.be.closeTo(16, 1);
    expect(toast!.right).to.be.closeTo(window.innerWidth - 16, 1);
    expect(toast!.width).to.be.at.most(28 * 16);
    expect(overlap(toast!, field.getBoundingClientRect())).to.equal(false);
    expect(overlap(toast!, footer().getBoundingClientRect())).to.equal(false);
    expect(document.activeElement).to.equal(field);
    await expect(hub).to.be.accessible();
    // Keyboard: from the wizard's last button, Tab reaches the toast's Dismiss; Enter removes the toast.
    shell.shadowRoot!.querySelector<HTMLButtonElement>('[part~="next-button"]')!.focus();
    await sendKeys({ press: 'Tab' });
    expect(region.shadowRoot!.activeElement?.getAttribute('aria-label')).to.equal('Dismiss notification');
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => region.messages.length === 0, 'Enter did not dismiss the toast');
  });
});
