/** The shared wizard frame and list status: progress, step heading focus, buttons as events, retry. */
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../../../web-components/define.js';
import { LitElement } from 'lit';
import type { IhLoadStatus, IhWizardShell, WizardNavEvent } from '../../../../web-components/index.js';
import { AsyncListController } from '../../../../web-components/wizards/shared/async-list.js';

const STEPS = [
  { id: 'a', label: 'Credentials' },
  { id: 'b', label: 'Account Mapping' },
  { id: 'c', label: 'Contract Mapping', optional: true },
];

describe('<ih-wizard-shell>', () => {
  it('is accessible and shows done, current and upcoming steps', async () => {
    const el = await fixture<IhWizardShell>(html`<ih-wizard-shell heading="Connect Autotask" .steps=${STEPS} current="b" .done=${['a']}><p>Body</p></ih-wizard-shell>`);
    await expect(el).to.be.accessible();
    const items = [...el.shadowRoot!.querySelectorAll('li')];
    expect(items.map((li) => li.dataset.status)).to.deep.equal(['done', 'current', 'upcoming']);
    expect(items[1]!.getAttribute('aria-current')).to.equal('step');
    expect(el.shadowRoot!.querySelector('h3')!.textContent).to.equal('Step 2 of 3: Account Mapping');
    expect(items[2]!.textContent).to.contain('(optional)');
  });

  it('focuses the step heading when the step changes', async () => {
    const el = await fixture<IhWizardShell>(html`<ih-wizard-shell heading="W" .steps=${STEPS} current="a"></ih-wizard-shell>`);
    el.current = 'b';
    await el.updateComplete;
    await el.updateComplete;
    expect(el.shadowRoot!.activeElement?.tagName).to.equal('H3');
  });

  it('turns its buttons into ih-wizard-nav events and ignores Next while busy', async () => {
    const el = await fixture<IhWizardShell>(html`<ih-wizard-shell heading="W" .steps=${STEPS} current="a"></ih-wizard-shell>`);
    const next = el.shadowRoot!.querySelector<HTMLButtonElement>('[part~="next-button"]')!;
    setTimeout(() => next.click());
    expect(((await oneEvent(el, 'ih-wizard-nav')) as WizardNavEvent).action).to.equal('next');
    el.busy = true;
    await el.updateComplete;
    let fired = false;
    el.addEventListener('ih-wizard-nav', () => { fired = true; });
    next.click();
    expect(fired).to.equal(false);
    expect(next.getAttribute('aria-disabled')).to.equal('true');
  });
});

describe('<ih-load-status>', () => {
  it('shows progress while loading and a Retry that fires ih-load-retry on failure', async () => {
    const el = await fixture<IhLoadStatus>(html`<ih-load-status label="PSA accounts" status="loading" loaded="2000" total="10000"></ih-load-status>`);
    await expect(el).to.be.accessible();
    expect(el.shadowRoot!.textContent).to.contain('2,000 of 10,000');
    el.status = 'error';
    el.problemDetail = 'Kaseya BMS did not answer.';
    await el.updateComplete;
    await expect(el).to.be.accessible();
    setTimeout(() => el.shadowRoot!.querySelector('button')!.click());
    await oneEvent(el, 'ih-load-retry');
  });

  it('follows a controller passed as `list` until it has loaded, then shows nothing', async () => {
    // The host re-renders with the same controller object; the status must still follow it.
    class Host extends LitElement {
      readonly accounts = new AsyncListController<string[]>(this);
      protected override render() {
        return html`<ih-load-status label="PSA accounts" .list=${this.accounts}></ih-load-status>`;
      }
    }
    if (!customElements.get('test-load-host')) customElements.define('test-load-host', Host);
    const host = await fixture<Host>(html`<test-load-host></test-load-host>`);
    let finish!: (value: string[]) => void;
    void host.accounts.load(() => new Promise((resolve) => { finish = resolve; }));
    await host.updateComplete;
    const status = host.shadowRoot!.querySelector('ih-load-status')!;
    await status.updateComplete;
    expect(status.shadowRoot!.textContent).to.contain('Loading PSA accounts');
    finish(['a']);
    await host.accounts.complete;
    await host.updateComplete;
    await status.updateComplete;
    expect(status.shadowRoot!.textContent!.trim()).to.equal('');
  });
});
