/**
 * `<ih-confirm-dialog>`'s answers belong to the question asked. Closing a modal dialog queues its
 * `close` event as a task: when the person cancels and at once asks again from the same button (a
 * quick Escape, then Enter), the first close can arrive after the second question is on screen. It
 * must not answer that question: before, it answered "no" to it, and the Delete chosen next did nothing.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../../../web-components/define.js';
import type { IhConfirmDialog } from '../../../../web-components/elements/ih-confirm-dialog/ih-confirm-dialog.js';
import { waitUntil } from '../../support/wait.js';

const options = { title: 'Delete Autotask?', message: 'Tickets stop.', confirmLabel: 'Delete' };
const dialogOf = (el: IhConfirmDialog) => el.shadowRoot!.querySelector('dialog')!;
const button = (el: IhConfirmDialog, value: 'cancel' | 'confirm') => el.shadowRoot!.querySelector<HTMLButtonElement>(`button[value="${value}"]`)!;

describe('<ih-confirm-dialog>', () => {
  it('a cancel whose close event arrives after the next question does not answer it', async () => {
    const el = await fixture<IhConfirmDialog>(html`<ih-confirm-dialog></ih-confirm-dialog>`);
    const first = el.ask(options);
    await waitUntil(() => el.open, 'the first question is not shown');
    dialogOf(el).close(); // as Escape does: closed now, its close event queued
    const second = el.ask(options); // asked again before that event has run
    expect(await first).to.equal(false);
    await waitUntil(() => el.open, 'the second question is not shown');
    // Let the queued close event run while the second question is open.
    await new Promise((r) => setTimeout(r, 50));
    expect(el.open, 'the second question is still open').to.equal(true);
    let answered: boolean | undefined;
    void second.then((a) => { answered = a; });
    await new Promise((r) => setTimeout(r, 0));
    expect(answered, 'the first close did not answer the second question').to.equal(undefined);
    button(el, 'confirm').click();
    expect(await second).to.equal(true);
  });

  it('Cancel answers no, the confirm button yes', async () => {
    const el = await fixture<IhConfirmDialog>(html`<ih-confirm-dialog></ih-confirm-dialog>`);
    const no = el.ask(options);
    await waitUntil(() => el.open, 'not shown');
    button(el, 'cancel').click();
    expect(await no).to.equal(false);
    const yes = el.ask(options);
    await waitUntil(() => el.open, 'not shown again');
    button(el, 'confirm').click();
    expect(await yes).to.equal(true);
  });
});
