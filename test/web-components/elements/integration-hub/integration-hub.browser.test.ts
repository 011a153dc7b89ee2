/** <integration-hub>: one token and API base for every element inside (any depth, through shadow roots); an element's own values win. */
import { expect, fixture, html } from '@open-wc/testing';
import { waitUntil } from '../../support/wait.js';
import { LitElement } from 'lit';
import '../../../../web-components/define.js';
import type { IntegrationHub, IntegrationList } from '../../../../web-components/index.js';
import { loaded, rowFor, rows, shadow } from '../../support/dom.js';
import { seedPartner } from '../../support/test-bff.js';

/** A portal panel that renders the list inside its own shadow root, as a host's components would. */
class TestPortalPanel extends LitElement {
  protected override render() {
    return html`<section><h2>Integrations</h2><integration-list kind="rmm"></integration-list></section>`;
  }
}
customElements.define('test-portal-panel', TestPortalPanel);

describe('<integration-hub>', () => {
  it('is accessible', async () => {
    const { token } = await seedPartner([{ vendor: 'autotask', status: 'active' }]);
    const hub = await fixture<IntegrationHub>(html`<integration-hub .token=${token}><integration-list kind="psa"></integration-list></integration-hub>`);
    await loaded(hub.querySelector('integration-list')!);
    await expect(hub).to.be.accessible();
  });

  it('gives its token to a list inside, even through another shadow root', async () => {
    const { token } = await seedPartner([{ vendor: 'autotask', status: 'active' }, { vendor: 'syncro', status: 'connected' }]);
    const hub = await fixture<IntegrationHub>(html`
      <integration-hub api-base="/api" .token=${token}>
        <integration-list kind="psa"></integration-list>
        <test-portal-panel></test-portal-panel>
      </integration-hub>`);
    const psa = hub.querySelector('integration-list')!;
    const rmm = shadow(hub.querySelector('test-portal-panel')!).querySelector('integration-list')!;
    await loaded(psa);
    await loaded(rmm);
    expect(rowFor(psa, 'Autotask')).to.exist;
    expect(rowFor(rmm, 'Syncro')).to.exist;
  });

  it('a list waits while the hub has no token, and loads when the host sets it', async () => {
    const { token } = await seedPartner([{ vendor: 'kaseya-bms', status: 'paused' }]);
    const hub = await fixture<IntegrationHub>(html`<integration-hub><integration-list kind="psa"></integration-list></integration-hub>`);
    const list = hub.querySelector('integration-list')!;
    await list.updateComplete;
    expect(shadow(list).querySelector('[part~="message"]')!.textContent).to.equal('Waiting for sign-in…');
    expect(shadow(list).querySelector('[part~="error"]')).to.equal(null);
    hub.token = token;
    await waitUntil(() => rows(list).length === 1, 'did not load after the token arrived');
  });

  it("an element's own token and api-base win over the hub's", async () => {
    const a = await seedPartner([{ vendor: 'autotask', status: 'active' }]);
    const b = await seedPartner([{ vendor: 'kaseya-bms', status: 'active' }]);
    const hub = await fixture<IntegrationHub>(html`
      <integration-hub api-base="/nowhere" .token=${a.token}>
        <integration-list id="own" kind="psa" api-base="/api" .token=${b.token}></integration-list>
        <integration-list id="inherits" kind="psa"></integration-list>
      </integration-hub>`);
    const own = hub.querySelector<IntegrationList>('#own')!;
    const inherits = hub.querySelector<IntegrationList>('#inherits')!;
    await loaded(own);
    await loaded(inherits);
    expect(rowFor(own, 'Kaseya BMS')).to.exist;
    expect(own.effectiveApiBase).to.equal('/api');
    expect(inherits.effectiveApiBase).to.equal('/nowhere');
    expect(shadow(inherits).querySelector('[part~="error"]')).to.exist;
  });
});
