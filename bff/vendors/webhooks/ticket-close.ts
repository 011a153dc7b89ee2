/**
 * @module Closes a ticket with a chosen status, through each PSA's own write (the platform resolved
 * every alert on it): Autotask PATCH `Tickets`, BMS JSON Patch of `StatusId`, ConnectWise JSON
 * Patch of `status`, Halo's ticket post with `status_id`. The same clients (budgets, tokens) as the adapters.
 */
import { z } from 'zod';
import type { VendorCredentials } from '../../contracts/credentials.js';
import type { AdapterContext } from '../adapter-context.js';
import type { PsaVendor } from '../../contracts/model.js';
import { AutotaskClient } from '../autotask/autotask.client.js';
import { KaseyaBmsClient } from '../kaseya-bms/kaseya-bms.client.js';
import { ConnectWiseClient } from '../connectwise/connectwise.client.js';
import { HaloPsaClient } from '../halopsa/halopsa.client.js';

export async function closeTicket(ctx: AdapterContext, vendor: PsaVendor, credentials: VendorCredentials[PsaVendor], ticketId: string, statusId: string, signal?: AbortSignal): Promise<void> {
  const numeric = (value: string) => {
    const n = Number(value);
    if (!Number.isInteger(n)) throw new Error(`not a ${vendor} id: ${value}`);
    return n;
  };
  switch (vendor) {
    case 'autotask':
      await new AutotaskClient(ctx, credentials as VendorCredentials['autotask']).write('PATCH', 'Tickets', { id: numeric(ticketId), status: numeric(statusId) }, signal);
      return;
    case 'kaseya-bms':
      await new KaseyaBmsClient(ctx, credentials as VendorCredentials['kaseya-bms']).call(z.unknown(), {
        method: 'PATCH', path: `v2/servicedesk/tickets/${numeric(ticketId)}`, json: [{ op: 'replace', path: '/StatusId', value: numeric(statusId) }], signal,
      });
      return;
    case 'connectwise':
      await new ConnectWiseClient(ctx, credentials as VendorCredentials['connectwise']).call(z.unknown(), {
        method: 'PATCH', path: `service/tickets/${numeric(ticketId)}`, json: [{ op: 'replace', path: 'status', value: { id: numeric(statusId) } }], signal,
      });
      return;
    case 'halopsa':
      await new HaloPsaClient(ctx, credentials as VendorCredentials['halopsa']).call(z.unknown(), {
        method: 'POST', path: 'Tickets', json: [{ id: numeric(ticketId), status_id: numeric(statusId) }], signal,
      });
      return;
  }
}
