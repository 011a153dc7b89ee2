/**
 * A wizard's step whose code is not there yet: the status line while its chunk loads, the step once
 * it has arrived, and a Retry (by keyboard) when the chunk could not be fetched. The chunk is the
 * only fake here (a promise the test settles), standing for the network below the controller.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { waitUntil } from '../../support/wait.js';
import { sendKeys } from '@web/test-runner-commands';
import { LitElement } from 'lit';
import { LAZY_STEP_COPY, LazyStepsController } from '../../../../web-components/wizards/shared/lazy-steps.js';
import type { TagDefinition } from '../../../../web-components/registry/define-tags.js';

/** A chunk the test answers: each fetch waits for the next `settle`. */
function controllableChunk() {
  const fetches: Array<{ resolve: (m: { TAGS: ReadonlyArray<TagDefinition> }) => void; reject: (e: Error) => void }> = [];
  const chunk = () => new Promise<{ TAGS: ReadonlyArray<TagDefinition> }>((resolve, reject) => fetches.push({ resolve, reject }));
  return { chunk, fetches };
}

let count = 0;

/** A host element rendering one lazily loaded step, tag `tag`. */
function defineHost(tag: string, chunk: () => Promise<{ TAGS: ReadonlyArray<TagDefinition> }>): string {
  const hostTag = `lazy-steps-host-${++count}`;
  customElements.define(hostTag, class extends LitElement {
    readonly steps = new LazyStepsController(this, { [tag]: chunk });
    protected override render() {
      return html`<section aria-label="Wizard">${this.steps.render(tag, () => html`<p class="step">${tag} rendered</p>`)}</section>`;
    }
  });
  return hostTag;
}

const stepClass = () => class extends HTMLElement {};

describe('LazyStepsController', () => {
  it('shows an announced status while the step loads, then the step; the chunk is fetched once', async () => {
    const { chunk, fetches } = controllableChunk();
    const tag = `x-lazy-step-${count}a`;
    const hostTag = defineHost(tag, chunk);
    const el = await fixture(`<${hostTag}></${hostTag}>`) as LitElement;
    const status = el.shadowRoot!.querySelector('[role="status"]')!;
    expect(status.textContent).to.equal(LAZY_STEP_COPY.loading);
    await expect(el).to.be.accessible();
    el.requestUpdate();
    await el.updateComplete;
    expect(fetches).to.have.length(1);
    fetches[0]!.resolve({ TAGS: [[tag, stepClass()]] });
    await waitUntil(() => el.shadowRoot!.querySelector('.step'), 'the step never rendered');
    expect(el.shadowRoot!.querySelector('[role="status"]')).to.equal(null);
    expect(customElements.get(tag)).to.be.a('function');
  });

  it('offers Retry when the chunk cannot be fetched, and Retry by keyboard loads it', async () => {
    const { chunk, fetches } = controllableChunk();
    const tag = `x-lazy-step-${count}b`;
    const hostTag = defineHost(tag, chunk);
    const el = await fixture(`<${hostTag}></${hostTag}>`) as LitElement;
    fetches[0]!.reject(new TypeError('Failed to fetch dynamically imported module'));
    await waitUntil(() => el.shadowRoot!.querySelector('[role="alert"]'), 'no failure shown');
    const alert = el.shadowRoot!.querySelector('[role="alert"]')!;
    expect(alert.textContent).to.contain(LAZY_STEP_COPY.failed);
    await expect(el).to.be.accessible();
    const retry = alert.querySelector('button')!;
    expect(retry.textContent).to.equal(LAZY_STEP_COPY.retry);
    retry.focus();
    expect(el.shadowRoot!.activeElement).to.equal(retry);
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => fetches.length === 2, 'Retry did not fetch again');
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[role="status"]')!.textContent).to.equal(LAZY_STEP_COPY.loading);
    fetches[1]!.resolve({ TAGS: [[tag, stepClass()]] });
    await waitUntil(() => el.shadowRoot!.querySelector('.step'), 'the step never rendered after Retry');
  });

  it('renders a step whose tag is already defined at once, fetching nothing', async () => {
    const { chunk, fetches } = controllableChunk();
    const tag = `x-lazy-step-${count}c`;
    customElements.define(tag, stepClass());
    const hostTag = defineHost(tag, chunk);
    const el = await fixture(`<${hostTag}></${hostTag}>`) as LitElement;
    expect(el.shadowRoot!.querySelector('.step')).not.to.equal(null);
    expect(fetches).to.have.length(0);
  });
});
