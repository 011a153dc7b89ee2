/**
 * @module The interface every PSA adapter implements (Autotask, Kaseya BMS). Methods take and
 * return only neutral-model types; every method accepts an AbortSignal.
 */
import type {
  ContractServiceUnits, NewNote, NewTicket, PsaAccount, PsaContact, PsaContract, PsaPicklists,
  PsaService, PsaVendor, TicketRef,
} from '../contracts/model.js';

export interface AccountQuery {
  /** Case-insensitive substring of the account name. */
  search?: string;
}

export interface PsaAdapter {
  readonly vendor: PsaVendor;
  /** The cheapest authenticated call; resolves with a label for the connected account or throws VendorError. */
  validateCredentials(signal?: AbortSignal): Promise<{ accountLabel: string | null }>;
  /** Every active account, all pages. */
  listAccounts(query?: AccountQuery, signal?: AbortSignal): Promise<PsaAccount[]>;
  listContacts(accountId: string, signal?: AbortSignal): Promise<PsaContact[]>;
  /** The contact of that account whose e-mail matches (case-insensitive); never another account's. */
  findContactByEmail(accountId: string, email: string, signal?: AbortSignal): Promise<PsaContact | null>;
  getPicklists(signal?: AbortSignal): Promise<PsaPicklists>;
  createTicket(ticket: NewTicket, signal?: AbortSignal): Promise<TicketRef>;
  /** The ticket created earlier with this marker, if any (crash reconciliation). */
  findTicketByMarker(marker: string, signal?: AbortSignal): Promise<TicketRef | null>;
  getTicket(ticketId: string, signal?: AbortSignal): Promise<TicketRef>;
  addNote(note: NewNote, signal?: AbortSignal): Promise<{ id: string }>;
  /** Whether a note with this marker is already on the ticket (crash reconciliation). */
  hasNoteWithMarker(ticketId: string, marker: string, signal?: AbortSignal): Promise<boolean>;
  listContracts(accountId: string | null, signal?: AbortSignal): Promise<PsaContract[]>;
  listServices(signal?: AbortSignal): Promise<PsaService[]>;
  createService(input: { name: string; description: string | null; unitCost: number; unitPrice: number }, signal?: AbortSignal): Promise<PsaService>;
  /** Sets the quantity of a service on a contract, adding the service to the contract if absent. */
  setContractServiceUnits(input: ContractServiceUnits, signal?: AbortSignal): Promise<void>;
}
