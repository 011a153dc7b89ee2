/** MachineController: an XState v5 actor bound to a Lit host (start on connect, render on snapshot, stop on disconnect, resume on reconnect). */
import { expect, fixture, html } from '@open-wc/testing';
import { LitElement } from 'lit';
import { assign, setup } from 'xstate';
import { MachineController } from '../../../web-components/index.js';

const lampMachine = setup({
  types: {
    context: {} as { switches: number },
    events: {} as { type: 'lamp.toggle' } | { type: 'lamp.break' },
  },
  actions: {
    count: assign({ switches: ({ context }) => context.switches + 1 }),
    explode: () => { throw new Error('the bulb burst'); },
  },
}).createMachine({
  id: 'lamp',
  context: { switches: 0 },
  initial: 'off',
  states: {
    off: { on: { 'lamp.toggle': { target: 'on', actions: 'count' } } },
    on: { on: { 'lamp.toggle': { target: 'off', actions: 'count' }, 'lamp.break': { actions: 'explode' } } },
  },
});

class TestLamp extends LitElement {
  errors: unknown[] = [];
  renders = 0;
  resume = true;
  readonly machine = new MachineController(this, lampMachine, { onError: (e) => this.errors.push(e), resumeOnReconnect: true });

  protected override render() {
    this.renders += 1;
    const { value, context } = this.machine.snapshot;
    return html`<button type="button" aria-pressed=${value === 'on' ? 'true' : 'false'} @click=${() => this.machine.send({ type: 'lamp.toggle' })}>
      Lamp ${String(value)} (${context.switches})</button>`;
  }
}
customElements.define('test-lamp', TestLamp);

class TestFreshLamp extends TestLamp {
  override readonly machine = new MachineController(this, lampMachine, { resumeOnReconnect: false });
}
customElements.define('test-fresh-lamp', TestFreshLamp);

const text = (el: LitElement) => el.shadowRoot!.querySelector('button')!.textContent!.replace(/\s+/g, ' ').trim();

describe('MachineController', () => {
  it('is accessible in its host', async () => {
    const el = await fixture<TestLamp>(html`<test-lamp></test-lamp>`);
    await expect(el).to.be.accessible();
  });

  it('starts the actor on connect and renders its snapshot', async () => {
    const el = await fixture<TestLamp>(html`<test-lamp></test-lamp>`);
    expect(el.machine.actor.getSnapshot().status).to.equal('active');
    expect(text(el)).to.equal('Lamp off (0)');
  });

  it('re-renders the host on each new snapshot', async () => {
    const el = await fixture<TestLamp>(html`<test-lamp></test-lamp>`);
    el.shadowRoot!.querySelector('button')!.click();
    await el.updateComplete;
    expect(text(el)).to.equal('Lamp on (1)');
    el.machine.send({ type: 'lamp.toggle' });
    await el.updateComplete;
    expect(text(el)).to.equal('Lamp off (2)');
    expect(el.machine.snapshot.can({ type: 'lamp.break' })).to.equal(false);
  });

  it('select() reports one slice, and only when it changes', async () => {
    const el = await fixture<TestLamp>(html`<test-lamp></test-lamp>`);
    const busy = el.machine.select((s) => s.context.switches >= 2);
    const seen: boolean[] = [];
    const stop = busy.subscribe((v) => seen.push(v));
    for (let i = 0; i < 4; i += 1) el.machine.send({ type: 'lamp.toggle' });
    expect(seen).to.deep.equal([true]);
    expect(busy.value).to.equal(true);
    stop();
  });

  it('stops the actor on disconnect and resumes where it was on reconnect', async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div><test-lamp></test-lamp></div>`);
    const el = wrapper.querySelector<TestLamp>('test-lamp')!;
    const steps: string[] = [];
    el.machine.select((s) => String(s.value)).subscribe((v) => steps.push(v));
    el.machine.send({ type: 'lamp.toggle' });
    await el.updateComplete;
    const first = el.machine.actor;

    el.remove();
    expect(first.getSnapshot().status).to.equal('stopped');
    const rendersWhileAway = el.renders;
    first.send({ type: 'lamp.toggle' }); // a stopped actor ignores it, and the host does not re-render
    await el.updateComplete;
    expect(el.renders).to.equal(rendersWhileAway);

    wrapper.append(el);
    await el.updateComplete;
    expect(el.machine.actor).not.to.equal(first);
    expect(el.machine.actor.getSnapshot().status).to.equal('active');
    expect(text(el)).to.equal('Lamp on (1)');
    el.machine.send({ type: 'lamp.toggle' });
    expect(steps, 'select() follows the new actor').to.deep.equal(['on', 'off']);
  });

  it('with resumeOnReconnect: false starts over', async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div><test-fresh-lamp></test-fresh-lamp></div>`);
    const el = wrapper.querySelector<TestFreshLamp>('test-fresh-lamp')!;
    el.machine.send({ type: 'lamp.toggle' });
    el.remove();
    wrapper.append(el);
    await el.updateComplete;
    expect(text(el)).to.equal('Lamp off (0)');
  });

  it('hands an actor error to onError (not to the page) and renders the failed snapshot', async () => {
    const el = await fixture<TestLamp>(html`<test-lamp></test-lamp>`);
    el.machine.send({ type: 'lamp.toggle' });
    el.machine.send({ type: 'lamp.break' });
    await el.updateComplete;
    expect(el.errors).to.have.length(1);
    expect((el.errors[0] as Error).message).to.equal('the bulb burst');
    expect(el.machine.snapshot.status).to.equal('error');
  });
});
