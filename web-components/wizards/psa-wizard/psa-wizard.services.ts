/**
 * @module The PSA wizard's I/O as invokable actors: each BFF call is a `fromPromise` with typed
 * input that passes its AbortSignal on (leaving a state cancels its request). The machine is set up
 * with `NOT_PROVIDED` stand-ins; the element provides `createPsaWizardServices(api)`, tests fakes.
 */
import { fromPromise } from 'xstate';
import type { AccountMapping, ContractSettings, TicketSettings } from '../../../bff/contracts/psa-settings.js';
import type { PsaContact, PsaPicklists, PsaService } from '../../../bff/contracts/model.js';
import type { IntegrationStatus, IntegrationView } from '../../api/client.js';
import type { ConnectionFact } from '../../../bff/contracts/credential-fields.js';
import type { Catalog, PsaStep, PsaVendor, TicketDraft } from './psa-wizard.types.js';

export interface SavedPsaSettings {
  accountMapping: AccountMapping;
  ticket: TicketDraft | null;
  contract: ContractSettings;
  /** Steps whose section was saved before. */
  done: PsaStep[];
  /** Where the wizard opens: an unfinished (draft) integration at its first step not done, a finished one at its summary. */
  resumeAt: PsaStep | 'summary';
  /** The connection's non-secret facts, and the integration's status. */
  connection: ConnectionFact[];
  status: IntegrationStatus;
}

/** Every call the wizard makes. Each gets the signal of the state that invoked it. */
export interface PsaWizardServices {
  submitCredentials(input: { vendor: PsaVendor; integrationId: string | null; credentials: Record<string, string> }, signal: AbortSignal): Promise<{ integrationId: string }>;
  loadSaved(input: { integrationId: string }, signal: AbortSignal): Promise<SavedPsaSettings>;
  loadContacts(input: { integrationId: string; accountId: string }, signal: AbortSignal): Promise<PsaContact[]>;
  saveAccountMapping(input: { integrationId: string; value: AccountMapping }, signal: AbortSignal): Promise<AccountMapping>;
  loadServiceLists(input: { integrationId: string }, signal: AbortSignal): Promise<{ picklists: PsaPicklists; catalog: Catalog }>;
  saveTicketSettings(input: { integrationId: string; value: TicketDraft }, signal: AbortSignal): Promise<TicketSettings>;
  loadServices(input: { integrationId: string }, signal: AbortSignal): Promise<PsaService[]>;
  createService(input: { integrationId: string; name: string; unitCost: number; unitPrice: number }, signal: AbortSignal): Promise<PsaService>;
  saveContractSettings(input: { integrationId: string; value: ContractSettings }, signal: AbortSignal): Promise<ContractSettings>;
  complete(input: { integrationId: string }, signal: AbortSignal): Promise<IntegrationView>;
  /** "Send test ticket": a [TEST] ticket in the catch-all account with the saved defaults; answers the vendor's ticket id. */
  sendTestTicket(input: { integrationId: string }, signal: AbortSignal): Promise<TestTicketResult>;
}

export interface TestTicketResult {
  vendorTicketId: string;
  ticketNumber: string | null;
  title: string;
}

type In<K extends keyof PsaWizardServices> = Parameters<PsaWizardServices[K]>[0];
type Out<K extends keyof PsaWizardServices> = Awaited<ReturnType<PsaWizardServices[K]>>;

const actor = <K extends keyof PsaWizardServices>(services: PsaWizardServices, key: K) =>
  fromPromise<Out<K>, In<K>>(({ input, signal }) => (services[key] as (i: In<K>, s: AbortSignal) => Promise<Out<K>>)(input, signal));

/** The services as actor logic, keyed as the machine names them (for `setup` and `machine.provide`). */
export function psaWizardActors(services: PsaWizardServices) {
  return {
    submitCredentials: actor(services, 'submitCredentials'),
    loadSaved: actor(services, 'loadSaved'),
    loadContacts: actor(services, 'loadContacts'),
    saveAccountMapping: actor(services, 'saveAccountMapping'),
    loadServiceLists: actor(services, 'loadServiceLists'),
    saveTicketSettings: actor(services, 'saveTicketSettings'),
    loadServices: actor(services, 'loadServices'),
    createService: actor(services, 'createService'),
    saveContractSettings: actor(services, 'saveContractSettings'),
    complete: actor(services, 'complete'),
    sendTestTicket: actor(services, 'sendTestTicket'),
  };
}

/** Stand-ins the machine is set up with: a wizard that was not given its services fails loudly. */
export const NOT_PROVIDED: PsaWizardServices = new Proxy({} as PsaWizardServices, {
  get: (_, key) => () => Promise.reject(new Error(`psa-wizard: the "${String(key)}" service was not provided (machine.provide({ actors: psaWizardActors(services) }))`)),
});
