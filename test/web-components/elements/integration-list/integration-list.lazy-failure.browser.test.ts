/**
 * <integration-list> on a page where its confirmation dialog and its toasts are not defined yet (as
 * the lazy loader leaves them), when their code cannot be fetched: Delete and Disconnect must not
 * end silently. The chunks are replaced by ones that reject as a failed `import()` does; everything
 * else is real (the list, the loader's `loadTags`, the BFF). This file's page defines only the list.
 */
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { waitUntil } from '../../support/wait.js';
import { sendKeys } from '@web/test-runner-commands';
import { IntegrationList } from '../../../../web-components/elements/integration-list/integration-list.js';
import { CONFIRM_CHUNK, CONFIRM_LOAD_FAILED } from '../../../../web-components/elements/ih-confirm-dialog/ask-lazily.js';
import { TOAST_CHUNK } from '../../../../web-components/elements/ih-toast-region/show-lazily.js';
import { defineTags } from '../../../../web-components/registry/define-tags.js';
import { TAGS as LIST_TAGS } from '../../../../web-components/registry/list.tags.js';
import { button, deepActive, dialogOf, loaded, rowFor, rows, shadow, toastTexts } from '../../support/dom.js';
import { seedPartner, storedIntegration } from '../../support/test-bff.js';

defineTags(LIST_TAGS);

/** Stands in for a chunk whose fetch fails (what a failed dynamic `import()` rejects with), counting the attempts. */
function failingChunk() {
  const attempts = { count: 0 };
  const chunk = () => {
    attempts.count += 1;
    return Promise.reject(new TypeError('Failed to fetch dynamically imported module'));
  };
  return { chunk, attempts };
}

const alertOf = (list: IntegrationList): HTMLElement => shadow(list).querySelector<HTMLElement>('[part~="action-alert"]')!;

async function pressOn(target: HTMLElement, key: string): Promise<void> {
  target.focus();
  await sendKeys({ press: key });
}

describe('<integration-list> when the confirmation and toasts cannot be fetched', () => {
  const real = IntegrationList.lazyChunks;
  afterEach(() => { IntegrationList.lazyChunks = real; });

  it('Delete and Disconnect show an announced alert with Retry, change nothing, and ask as before once loading works', async function () {
    expect(customElements.get('ih-confirm-dialog'), 'the dialog must be undefined on this page').to.equal(undefined);
    expect(customElements.get('ih-toast-region'), 'the toasts must be undefined on this page').to.equal(undefined);
    const confirm = failingChunk();
    const toast = failingChunk();
    IntegrationList.lazyChunks = { confirm: confirm.chunk, toast: toast.chunk };

    const { partner, token, rows: seeded } = await seedPartner([
      { vendor: 'autotask', status: 'active' },
      { vendor: 'datto-rmm', status: 'connected' },
    ]);
    const wrapper = await fixture<HTMLDivElement>(html`<div>
      <integration-list kind="psa" .token=${token}></integration-list>
      <integration-list kind="rmm" .token=${token}></integration-list>
    </div>`);
    const [psa, rmm] = [...wrapper.querySelectorAll<IntegrationList>('integration-list')] as [IntegrationList, IntegrationList];
    await loaded(psa);
    await loaded(rmm);
    const [autotask, datto] = [seeded[0]!, seeded[1]!];
    // Before anything failed, the region is there and empty (so the message, when it comes, is announced).
    expect(alertOf(psa).getAttribute('role')).to.equal('alert');
    expect(alertOf(psa).textContent!.trim()).to.equal('');

    // Delete by keyboard: the dialog's code does not arrive.
    await pressOn(button(rowFor(psa, 'Autotask'), 'Delete'), 'Enter');
    await waitUntil(() => alertOf(psa).textContent!.includes(CONFIRM_LOAD_FAILED), 'no visible failure after Delete');
    const box = alertOf(psa).querySelector<HTMLElement>('[part~="action-error"]')!;
    expect(box.checkVisibility()).to.equal(true);
    expect(box.getBoundingClientRect().height).to.be.greaterThan(0);
    const retry = box.querySelector<HTMLButtonElement>('[part~="retry-button"]')!;
    expect(retry.getAttribute('aria-label')).to.equal('Retry Delete Autotask');
    expect(confirm.attempts.count).to.equal(1);
    // It does not lean on the toasts (whose code is missing too).
    expect(toast.attempts.count).to.equal(0);
    expect(rows(psa)).to.have.length(1);
    expect((await storedIntegration(partner, autotask.id)).deletedAt).to.equal(null);
    await expect(psa).to.be.accessible();

    // Disconnect on the RMM list: the same, in that list.
    await pressOn(button(rowFor(rmm, 'Datto RMM'), 'Disconnect'), 'Enter');
    await waitUntil(() => alertOf(rmm).textContent!.includes(CONFIRM_LOAD_FAILED), 'no visible failure after Disconnect');
    expect(alertOf(rmm).querySelector('[part~="retry-button"]')!.getAttribute('aria-label')).to.equal('Retry Disconnect Datto RMM');
    expect((await storedIntegration(partner, datto.id)).status).to.equal('connected');
    await expect(rmm).to.be.accessible();

    // Retry while the network still fails: the message comes back (removed, then new text in the alert).
    await pressOn(retry, 'Enter');
    await waitUntil(() => confirm.attempts.count === 3, 'Retry did not try again');
    await waitUntil(() => alertOf(psa).textContent!.includes(CONFIRM_LOAD_FAILED), 'no failure after the second try');
    expect(deepActive()?.getAttribute('aria-label'), 'focus stays on the row').to.equal('Delete Autotask');

    // Loading works again: Retry asks the question as before; Cancel keeps the row and clears the alert.
    IntegrationList.lazyChunks = real;
    await pressOn(alertOf(psa).querySelector<HTMLButtonElement>('[part~="retry-button"]')!, 'Enter');
    await waitUntil(() => shadow(psa).querySelector('ih-confirm-dialog')?.shadowRoot?.querySelector('dialog[open]'), 'the confirmation never opened');
    const dialog = dialogOf(psa);
    expect(dialog.querySelector('h2')!.textContent).to.equal('Delete the Autotask integration?');
    expect(alertOf(psa).textContent!.trim()).to.equal('');
    // The dialog answers on its (asynchronous) close event: wait for it before asking again.
    const closed = oneEvent(dialog, 'close');
    button(dialog, 'Cancel').click();
    await closed;
    expect((await storedIntegration(partner, autotask.id)).deletedAt).to.equal(null);

    // And Delete itself asks, and deletes on confirmation with its toast, as before.
    await pressOn(button(rowFor(psa, 'Autotask'), 'Delete'), 'Enter');
    await waitUntil(() => dialog.open, 'no dialog on Delete');
    button(dialog, 'Delete').click();
    await waitUntil(() => rows(psa).length === 0, 'row not removed');
    // The toasts' code arrives with this first toast.
    await waitUntil(() => shadow(psa).querySelector('ih-toast-region')?.shadowRoot && toastTexts(psa).includes('The Autotask integration was deleted.'), 'no toast after the delete');
    expect((await storedIntegration(partner, autotask.id)).deletedAt).to.be.a('string');

    // The RMM list's alert clears when its next question opens.
    await pressOn(button(rowFor(rmm, 'Datto RMM'), 'Disconnect'), 'Enter');
    await waitUntil(() => dialogOf(rmm).open, 'no dialog on Disconnect');
    expect(alertOf(rmm).textContent!.trim()).to.equal('');
    const rmmClosed = oneEvent(dialogOf(rmm), 'close');
    button(dialogOf(rmm), 'Cancel').click();
    await rmmClosed;
    expect((await storedIntegration(partner, datto.id)).status).to.equal('connected');
    expect(CONFIRM_CHUNK).to.equal(real.confirm);
    expect(TOAST_CHUNK).to.equal(real.toast);
  });
});
