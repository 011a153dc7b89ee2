/**
 * @module Links from the delivery log to a ticket in the PSA's own web interface, built on the BFF
 * from the site, zone, server or address stored with the integration's credentials (only those
 * non-secret parts are read; nothing here leaves the BFF except the finished link).
 *
 * ASSUMPTIONS (every ticket URL form in one place; none of the vendors documents a stable deep
 * link in its API reference, so each is the form the vendor's own UI uses, as recorded here):
 * - Autotask: `<webUrl>Autotask/AutotaskExtend/ExecuteCommand.aspx?Code=OpenTicketDetail&TicketID=<id>`
 *   (vendor-apis/psa-apis.md, "UI host for deep links"). `webUrl` comes from zoneInformation, which
 *   the BFF does not store; ww1.autotask.net is used instead, as Autotask's sign-in carries the
 *   user on to their own zone.
 * - Kaseya BMS: `https://<UI host>/MSP/TicketEdit.aspx?ID=<id>`, the UI host being the regional
 *   API host without its `api.` (api.bmsemea.kaseya.com → bmsemea.kaseya.com).
 * - ConnectWise PSA: `https://<site>/v4_6_release/services/system_io/Service/fv_sr100_request.rails?service_recid=<id>&companyName=<company id>`
 *   on the cloud site's UI host (na.myconnectwise.net …) or the on-premises host.
 * - HaloPSA: `<Halo address>/tickets?id=<id>` on the address the admin connected with.
 */
import { BMS_SERVERS, CONNECTWISE_SITES, credentialSchemas } from '../../contracts/credentials.js';
import type { Vendor } from '../../contracts/vendor-catalog.js';

/** Builds the PSA's link for a ticket id, or null when there is no ticket (or no known form). */
export type TicketLink = (vendorTicketId: string | null) => string | null;

const none: TicketLink = () => null;
const encode = encodeURIComponent;

/** The link builder for one integration, from its opened credentials (unparseable credentials give no links). */
export function ticketLinkFor(vendor: Vendor, credentials: unknown): TicketLink {
  switch (vendor) {
    case 'autotask':
      return (id) => (id ? `https://ww1.autotask.net/Autotask/AutotaskExtend/ExecuteCommand.aspx?Code=OpenTicketDetail&TicketID=${encode(id)}` : null);
    case 'kaseya-bms': {
      const parsed = credentialSchemas['kaseya-bms'].safeParse(credentials);
      const server = parsed.success ? BMS_SERVERS.find((s) => s.id === parsed.data.server) : undefined;
      if (!server) return none;
      const uiHost = new URL(server.url).host.replace(/^api\./, '');
      return (id) => (id ? `https://${uiHost}/MSP/TicketEdit.aspx?ID=${encode(id)}` : null);
    }
    case 'connectwise': {
      const parsed = credentialSchemas.connectwise.safeParse(credentials);
      if (!parsed.success) return none;
      const cloud = CONNECTWISE_SITES.find((s) => s.id === parsed.data.site);
      const host = cloud ? cloud.host.replace(/^api-/, '') : parsed.data.host;
      const company = encode(parsed.data.companyId);
      return (id) => (id ? `https://${host}/v4_6_release/services/system_io/Service/fv_sr100_request.rails?service_recid=${encode(id)}&companyName=${company}` : null);
    }
    case 'halopsa': {
      const parsed = credentialSchemas.halopsa.safeParse(credentials);
      if (!parsed.success) return none;
      const base = parsed.data.url.replace(/\/+$/, '');
      return (id) => (id ? `${base}/tickets?id=${encode(id)}` : null);
    }
    default:
      return none;
  }
}
