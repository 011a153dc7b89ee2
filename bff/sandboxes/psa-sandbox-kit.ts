/**
 * @module What tests, benchmarks and the demo need to know about a PSA sandbox beyond its HTTP API,
 * one kit per PSA vendor: the credentials it accepts (README's demo table), how a technician closes
 * a ticket through the vendor's own API, and its recorded writes in neutral words. The shared
 * adapter suite and the routing suites run against every kit in PSA_SANDBOX_KITS.
 */
import type { VendorCredentials } from '../contracts/credentials.js';
import type { PsaVendor } from '../contracts/vendor-catalog.js';
import type { WriteRecord } from './common/sandbox-kit.js';

/** A ticket the sandbox recorded as created, in the tests' neutral words. */
export interface TicketWrite {
  id: string;
  title: string;
  text: string;
  accountId: string;
  contactId: string | null;
  priorityId: string;
  issueTypeId: string | null;
  subIssueTypeId: string | null;
  contractId: string | null;
}

export interface NoteWrite {
  id: string;
  ticketId: string;
  text: string;
}

export interface PsaSandboxKit<V extends PsaVendor = PsaVendor> {
  vendor: V;
  /** Credentials the sandbox accepts. */
  credentials: VendorCredentials[V];
  /** The same with a wrong secret, which the sandbox refuses as the vendor does. */
  wrongCredentials: VendorCredentials[V];
  /** Seeded accounts for the catch-all: one with contacts, one without. */
  catchAll: { withContacts: string; noContacts: string };
  /** A technician closes (completes) the ticket in the PSA itself; `base` is the sandbox's mount (origin + /sandbox/<vendor>). */
  closeTicket(base: string, ticketId: string): Promise<void>;
  /** Part of the vendor's ticket path, for faults aimed at ticket calls (`pathIncludes`). */
  ticketPath: string;
  /** Part of the vendor's note-create path, for faults aimed at note writes (with method POST). */
  notePath: string;
  ticketWrite(write: WriteRecord): TicketWrite;
  noteWrite(write: WriteRecord): NoteWrite;
}

export const str = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
