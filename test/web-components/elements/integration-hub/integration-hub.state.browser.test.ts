/**
 * Issue 17, items 2, 11 and 12, against the real BFF: one source of state per hub (a change in one
 * list shows in every other without a reload), the token's lifecycle (a 401 becomes `token-expired`
 * and one `token-required`, a notice shows, and the refused call goes again with the host's new
 * token), and page toasts that take the hub's theme rather than the body's.
 */
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { waitUntil } from '../../support/wait.js';
import '../../../../web-components/define.js';
import type { IntegrationHub, IntegrationList } from '../../../../web-components/index.js';
import { showPageToast } from '../../../../web-components/wizards/shared/page-toasts.js';
import { loaded, rowFor, shadow, statusOf } from '../../support/dom.js';
import { injectFault, seedPartner, storedIntegration, tokenFor } from '../../support/test-bff.js';

const switchOf = (list: IntegrationList) => shadow(list).querySelector<HTMLButtonElement>('[role="switch"]')!;
const notice = (el: Element) => shadow(el).querySelector('[part~="token-expired"]');

describe('<integration-hub> as the one source of state', () => {
  it('a pause in one list shows in another list of the hub without a reload', async () => {
    const { token } = await seedPartner([{ vendor: 'kaseya-bms', status: 'active' }]);
    const hub = await fixture<IntegrationHub>(html`
      <integration-hub .token=${token}>
        <integration-list id="a" kind="psa"></integration-list>
        <integration-list id="b" kind="psa"></integration-list>
      </integration-hub>`);
    const [a, b] = [hub.querySelector<IntegrationList>('#a')!, hub.querySelector<IntegrationList>('#b')!];
    await loaded(a);
    await loaded(b);
    const changed = oneEvent(hub, 'integration-change');
    switchOf(a).click();
    expect((await changed).detail).to.include({ kind: 'psa', status: 'paused' });
    await waitUntil(() => statusOf(rowFor(b, 'Kaseya BMS')) === 'Paused', 'the other list did not follow');
  });
});

describe('the token lifecycle', () => {
  it('a refused token: token-expired, one token-required, a notice, and the refused pause goes again with the new token', async () => {
    const { partner, token, rows } = await seedPartner([{ vendor: 'autotask', status: 'active' }]);
    const hub = await fixture<IntegrationHub>(html`<integration-hub .token=${token}><integration-list kind="psa"></integration-list></integration-hub>`);
    const list = hub.querySelector('integration-list')!;
    await loaded(list);
    const expired: Event[] = [];
    const required: Event[] = [];
    document.addEventListener('token-expired', (e) => expired.push(e));
    hub.addEventListener('token-required', (e) => required.push(e));
    // The switch's own request expires, not a health read still on its way.
    await injectFault({ partner, status: 401, count: 1, pathEndsWith: '/pause' });

    switchOf(list).click();
    await waitUntil(() => required.length === 1, 'the hub did not ask the host for a token');
    expect(expired).to.have.length(1);
    expect(expired[0]!.composed && expired[0]!.bubbles).to.equal(true);
    await list.updateComplete;
    expect(notice(list)?.textContent).to.contain('Your session has expired');
    await expect(list).to.be.accessible();
    expect(statusOf(rowFor(list, 'Autotask'))).to.equal('Active'); // not shown as done while it waits

    hub.token = await tokenFor(partner);
    await waitUntil(() => statusOf(rowFor(list, 'Autotask')) === 'Paused', 'the refused pause was not sent again');
    expect(notice(list)).to.equal(null);
    expect((await storedIntegration(partner, rows[0]!.id)).status).to.equal('paused');
    expect(required).to.have.length(1);
  });
});

describe('page toasts', () => {
  it("take the hub's theme and part, not the document body's", async () => {
    const style = document.createElement('style');
    style.textContent = `body { --ih-color-surface: rgb(250, 250, 250); }
      #themed { --ih-color-surface: rgb(10, 20, 30); }
      #themed::part(toast) { outline: 3px solid rgb(200, 0, 0); }`;
    document.head.append(style);
    try {
      const hub = await fixture<IntegrationHub>(html`<integration-hub id="themed"><p id="inside">A wizard would be here.</p></integration-hub>`);
      showPageToast('Autotask is connected and Active.', 'success', hub.querySelector('#inside')!);
      const region = shadow(hub).querySelector('ih-page-toasts');
      expect(region, 'the toast region is inside the hub').to.exist;
      expect(document.body.querySelector(':scope > ih-page-toasts')).to.equal(null);
      await waitUntil(() => shadow(region!).querySelector('[part~="toast"]'), 'no toast');
      const toast = shadow(region!).querySelector('[part~="toast"]')!;
      expect(getComputedStyle(toast).backgroundColor).to.equal('rgb(10, 20, 30)');
      expect(getComputedStyle(toast).outlineColor).to.equal('rgb(200, 0, 0)');
    } finally {
      style.remove();
    }
  });
});
