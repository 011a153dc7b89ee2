/** The shared wizard fields: label/hint/error wiring, change events, keyboard use (the combobox most of all). */
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../../../web-components/define.js';
import type { FieldChangeEvent, IhComboboxField, IhSelectField, IhSwitchField, IhTextField } from '../../../../web-components/index.js';

const inner = <T extends Element>(el: Element, selector: string) => el.shadowRoot!.querySelector(selector) as T;

describe('<ih-text-field>', () => {
  it('is accessible, with hint and error linked to the input only while an error is shown', async () => {
    const el = await fixture<IhTextField>(html`<ih-text-field name="tenant" label="BMS tenant" hint="My Profile > My Settings > Company Name" required></ih-text-field>`);
    await expect(el).to.be.accessible();
    const input = inner<HTMLInputElement>(el, 'input');
    expect(input.getAttribute('aria-describedby')).to.equal('hint');
    expect(input.hasAttribute('aria-invalid')).to.equal(false);
    expect(input.getAttribute('aria-required')).to.equal('true');
    el.error = 'BMS tenant is required';
    await el.updateComplete;
    expect(input.getAttribute('aria-describedby')).to.equal('hint error');
    expect(input.getAttribute('aria-invalid')).to.equal('true');
    expect(el.hasAttribute('invalid')).to.equal(true);
    await expect(el).to.be.accessible();
  });

  it('fires ih-field-change with its name on each keystroke', async () => {
    const el = await fixture<IhTextField>(html`<ih-text-field name="username" label="BMS username"></ih-text-field>`);
    el.focus();
    const event = oneEvent(el, 'ih-field-change') as Promise<FieldChangeEvent>;
    await sendKeys({ type: 'a' });
    const { name, value } = await event;
    expect([name, value]).to.deep.equal(['username', 'a']);
  });
});

describe('<ih-select-field>', () => {
  it('is accessible and sends null for the empty choice of an optional select', async () => {
    const el = await fixture<IhSelectField>(html`<ih-select-field name="issueTypeId" label="Issue Type" optional allow-empty
      .options=${[{ value: '1', label: 'Security' }, { value: '2', label: 'Hardware' }]} .value=${'2'}></ih-select-field>`);
    await expect(el).to.be.accessible();
    const select = inner<HTMLSelectElement>(el, 'select');
    expect(select.value).to.equal('2');
    select.value = '';
    const event = oneEvent(el, 'ih-field-change') as Promise<FieldChangeEvent>;
    select.dispatchEvent(new Event('change'));
    expect((await event).value).to.equal(null);
  });

  it('keeps a stored value the vendor no longer offers visible instead of silently dropping it', async () => {
    const el = await fixture<IhSelectField>(html`<ih-select-field label="Ticket Queue" .options=${[{ value: '1', label: 'Triage' }]} .value=${'99'}></ih-select-field>`);
    expect(inner<HTMLSelectElement>(el, 'select').selectedOptions[0]!.textContent).to.contain('no longer offered');
  });
});

describe('<ih-switch-field>', () => {
  it('is a labelled switch that Space flips', async () => {
    const el = await fixture<IhSwitchField>(html`<ih-switch-field name="attachContacts" label="Attach Contacts to Tickets on Creation" .value=${true}></ih-switch-field>`);
    await expect(el).to.be.accessible();
    el.focus();
    const event = oneEvent(el, 'ih-field-change') as Promise<FieldChangeEvent>;
    await sendKeys({ press: 'Space' });
    expect((await event).value).to.equal(false);
    await el.updateComplete;
    expect(inner(el, '[role="switch"]').getAttribute('aria-checked')).to.equal('false');
  });
});

describe('<ih-combobox-field>', () => {
  const options = Array.from({ length: 10_000 }, (_, i) => ({ value: String(i), label: i === 4242 ? 'Default Customer' : `Account ${i}` }));

  it('is accessible closed and open', async () => {
    const el = await fixture<IhComboboxField>(html`<ih-combobox-field label="Catch-All PSA Account" .options=${options}></ih-combobox-field>`);
    await expect(el).to.be.accessible();
    el.focus();
    await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;
    expect(inner(el, 'input').getAttribute('aria-expanded')).to.equal('true');
    await expect(el).to.be.accessible();
  });

  it('filters 10,000 options by typing and chooses with Enter', async () => {
    const el = await fixture<IhComboboxField>(html`<ih-combobox-field name="catchAllAccountId" label="Catch-All PSA Account" .options=${options}></ih-combobox-field>`);
    el.focus();
    await sendKeys({ type: 'default cust' });
    await el.updateComplete;
    const input = inner<HTMLInputElement>(el, 'input');
    expect(input.getAttribute('aria-activedescendant')).to.equal('option-0');
    expect(el.shadowRoot!.querySelectorAll('[role="option"]').length).to.equal(1);
    const event = oneEvent(el, 'ih-field-change') as Promise<FieldChangeEvent>;
    await sendKeys({ press: 'Enter' });
    expect((await event).value).to.equal('4242');
    await el.updateComplete;
    expect(input.value).to.equal('Default Customer');
    expect(input.getAttribute('aria-expanded')).to.equal('false');
  });

  it('Escape closes and restores the chosen label', async () => {
    const el = await fixture<IhComboboxField>(html`<ih-combobox-field label="Catch-All PSA Account" .options=${options} .value=${'7'}></ih-combobox-field>`);
    el.focus();
    await sendKeys({ type: 'xyz' });
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect(inner<HTMLInputElement>(el, 'input').value).to.equal('Account 7');
  });
});
