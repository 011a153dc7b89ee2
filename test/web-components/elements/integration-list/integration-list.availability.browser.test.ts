/**
 * The outage banner in Chromium against the real BFF: a PSA sandbox answering 503 opens the real
 * circuit breaker, and `<integration-list>` and `<organization-applications>` show "… has not
 * answered since …" with the waiting alerts and the next try, fire `integration-health-change`, and
 * after recovery drop the banner and toast how many alerts were delivered late.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { waitUntil } from '../../support/wait.js';
import '../../../../web-components/define.js';
import type { IntegrationList, OrganizationApplications } from '../../../../web-components/index.js';
import { AvailabilityWatch } from '../../../../web-components/elements/shared/availability-watch.js';
import type { IntegrationHealthChangeEvent } from '../../../../web-components/events/integration-health-change-event.js';
import { loaded, rowFor, shadow, toastTexts } from '../../support/dom.js';
import { configurePsa, newPartner, outage, queueAlerts, textOf } from './integration-list.fixtures.js';

const banner = (root: Element | ShadowRoot) => root.querySelector('[part~="availability-unavailable"]');
const BANNER = /^Kaseya BMS has not answered since \d{1,2}:\d{2}( [AP]M)? \(HTTP 503\)\. 3 alerts are waiting and will be delivered when it answers; next try \d{1,2}:\d{2}( [AP]M)?\.$/;

describe('outage banner', function () {
  let interval: number;
  before(() => {
    interval = AvailabilityWatch.defaultIntervalMs;
    // The elements poll every 5 s while a PSA is down; the test does not wait that long.
    AvailabilityWatch.defaultIntervalMs = 200;
  });
  after(() => { AvailabilityWatch.defaultIntervalMs = interval; });

  it('<integration-list>: appears during a PSA outage, fires integration-health-change, clears with a toast after recovery', async () => {
    const { partner, token } = await newPartner();
    const psa = await configurePsa({ partner, vendor: 'kaseya-bms' });
    await queueAlerts(partner, 3);
    await outage({ partner, integrationId: psa.id, phase: 'start' });
    const events: IntegrationHealthChangeEvent[] = [];
    const listen = (e: Event) => events.push(e as IntegrationHealthChangeEvent);
    document.addEventListener('integration-health-change', listen);
    try {
      const el = await fixture<IntegrationList>(html`<integration-list kind="psa" .token=${token}></integration-list>`);
      await loaded(el);
      const row = () => rowFor(el, 'Kaseya BMS');
      const shown = banner(row());
      expect(textOf(shown)).to.match(BANNER);
      expect(shown!.getAttribute('role')).to.equal('status');
      await expect(el).to.be.accessible();
      expect(events[0]!.detail).to.include({ integrationId: psa.id, vendor: 'kaseya-bms', vendorLabel: 'Kaseya BMS', state: 'unavailable', lastStatus: 503, waiting: 3 });
      expect(events[0]!.composed && events[0]!.bubbles).to.equal(true);

      await outage({ partner, integrationId: psa.id, phase: 'end' });
      await waitUntil(() => !banner(row()), 'the banner stayed');
      await waitUntil(() => toastTexts(el).includes('Kaseya BMS answers again. 3 alerts were delivered late.'), 'no recovery toast');
      expect(events.at(-1)!.detail).to.include({ integrationId: psa.id, state: 'available', waiting: 0, deliveredLate: 3 });
      await expect(el).to.be.accessible();
    } finally {
      document.removeEventListener('integration-health-change', listen);
    }
  });

  it('<organization-applications>: the PSA card shows the banner during the outage and drops it after', async () => {
    const { partner, token } = await newPartner();
    const psa = await configurePsa({ partner, vendor: 'kaseya-bms' });
    await queueAlerts(partner, 3);
    await outage({ partner, integrationId: psa.id, phase: 'start' });
    const el = await fixture<OrganizationApplications>(html`<organization-applications organization-id="org-acme" .token=${token}></organization-applications>`);
    await el.loadComplete;
    await waitUntil(() => banner(shadow(el)), 'no banner');
    expect(textOf(banner(shadow(el)))).to.match(BANNER);
    await expect(el).to.be.accessible();
    await outage({ partner, integrationId: psa.id, phase: 'end' });
    await waitUntil(() => !banner(shadow(el)), 'the banner stayed');
    await waitUntil(() => toastTexts(el as unknown as IntegrationList).includes('Kaseya BMS answers again. 3 alerts were delivered late.'), 'no recovery toast');
  });
});
