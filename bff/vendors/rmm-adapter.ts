/**
 * @module The interface every RMM adapter implements (Datto RMM, Syncro). Methods take and return
 * only neutral-model types; every method accepts an AbortSignal.
 */
import type { RmmCustomField } from '../contracts/entra-field.js';
import type { Page, RmmActivity, RmmDevice, RmmSite, RmmVendor } from '../contracts/model.js';

export interface RmmAdapter {
  readonly vendor: RmmVendor;
  /** The cheapest authenticated call; resolves with a label for the connected account or throws VendorError. */
  validateCredentials(signal?: AbortSignal): Promise<{ accountLabel: string | null }>;
  /** Every site / customer with its type, all pages. */
  listSites(signal?: AbortSignal): Promise<RmmSite[]>;
  /** One page of devices, of one site or (siteId null) of the whole account. */
  listDevices(input: { siteId: string | null; cursor: string | null }, signal?: AbortSignal): Promise<Page<RmmDevice>>;
  /** User activity after a cursor (null: from the start of what the vendor keeps). */
  listActivity(input: { cursor: string | null }, signal?: AbortSignal): Promise<Page<RmmActivity>>;
  /**
   * The custom fields (UDFs / asset properties) that can hold an Entra device id, each with its label
   * and what the first devices of the account hold in it (counts, a few values).
   */
  listCustomFields(signal?: AbortSignal): Promise<RmmCustomField[]>;
}
