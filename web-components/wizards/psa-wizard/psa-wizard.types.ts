/**
 * @module The PSA wizard's data as the machine holds it: one context per wizard (plain JSON, so a
 * draft can persist it), the events elements send, the steps, and the values each section starts
 * with. Section shapes are the BFF contracts' own (bff/contracts/psa-settings.ts); the ticket
 * section is the same shape with `null` for "not chosen yet".
 */
import type { AccountMapping, ContractSettings, IssueOverride, Severity } from '../../../bff/contracts/psa-settings.js';
import { CONTRACTS_OFF, SEVERITIES, SUBJECT_PRESETS } from '../../../bff/contracts/psa-settings-values.js';
import type { PsaContact, PsaPicklists, PsaService } from '../../../bff/contracts/model.js';
import type { IntegrationStatus } from '../../api/client.js';
import type { FieldErrors } from '../shared/form-state.js';
import type { ProblemData } from '../shared/wizard-api.js';
import type { PsaVendor } from '../../../bff/contracts/vendor-catalog.js';
import type { ConnectionFact } from '../../../bff/contracts/credential-fields.js';
import { credentialFieldNames } from './psa-vendor-copy.js';

export type { PsaVendor } from '../../../bff/contracts/vendor-catalog.js';

/** The steps in order; the ids are what `wizard-step-change` reports. */
export const PSA_STEPS = ['credentials', 'account-mapping', 'service-parameters', 'contract-mapping', 'finish'] as const;
export type PsaStep = (typeof PSA_STEPS)[number];

/** Where each step's values live in the context (field names are context paths: `ticket.priorityMap.high`). */
export const STEP_ROOTS: Record<PsaStep, ReadonlyArray<keyof PsaWizardContext>> = {
  credentials: ['credentials'],
  'account-mapping': ['accountMapping'],
  'service-parameters': ['ticket'],
  'contract-mapping': ['contract', 'newService'],
  finish: [],
};

/** One override row while being edited: the issue type may still be unchosen. */
export type IssueOverrideDraft = Omit<IssueOverride, 'issueTypeId'> & { issueTypeId: string | null };

/** The ticket section while being edited: the contract's shape with `null` for "not chosen yet". */
export interface TicketDraft {
  categoryId: string | null;
  typeId: string | null;
  statusId: string | null;
  queueId: string | null;
  sourceId: string | null;
  subjectTemplate: string;
  priorityMap: Record<Severity, string | null>;
  note: { typeId: string | null; visibilityId: string | null; titleTemplate: string };
  issueTypeId: string | null;
  subIssueTypeId: string | null;
  /** Two-way: the closed status a ticket gets once the platform resolved every alert on it; null leaves it open. */
  closeOnResolveStatusId: string | null;
  overrides: { alertTypes: IssueOverrideDraft[]; respondRules: IssueOverrideDraft[]; iocRules: IssueOverrideDraft[] };
}
export type OverrideTable = keyof TicketDraft['overrides'];

export interface CatalogEntry {
  id: string;
  name: string;
}
/** The platform's alert types, respond rules and IOC rules (GET /api/catalog). */
export interface Catalog {
  alertTypes: CatalogEntry[];
  respondRules: CatalogEntry[];
  iocRules: CatalogEntry[];
}

/** "Create Service" in the contract step; prefilled so a person only reviews it (seed 001). */
export interface NewServiceDraft {
  name: string;
  /** As typed, so "12." survives mid-typing; parsed when submitted. */
  unitCost: string;
  unitPrice: string;
}

export interface PsaWizardContext {
  vendor: PsaVendor;
  /** Set once step 1 created the draft integration, or from the start when editing. */
  integrationId: string | null;
  /** Opened with `integration-id`: saved values were loaded and credentials are optional. */
  editing: boolean;
  /** The credential fields as typed. Never persisted in a draft, never shown again once accepted. */
  credentials: Record<string, string>;
  accountMapping: AccountMapping;
  ticket: TicketDraft;
  contract: ContractSettings;
  newService: NewServiceDraft;
  /** Vendor lists the machine itself needs (small; the big ones stay in the step elements). */
  picklists: PsaPicklists | null;
  catalog: Catalog | null;
  services: PsaService[] | null;
  /** The catch-all account's contacts, once checked (the "no contact" rule needs them). */
  catchAllContacts: { accountId: string; contacts: PsaContact[] } | null;
  contactsProblem: ProblemData | null;
  /** Steps whose section the BFF accepted. */
  done: PsaStep[];
  /** Interaction state of the current step (reset on entering a step). */
  touched: string[];
  submitted: boolean;
  serverErrors: FieldErrors;
  /** A refusal not tied to one field (vendor down, psa_exists, completion failed). */
  problem: ProblemData | null;
  /** Counts refused Nexts, so the element knows when to move focus to the first invalid field. */
  attempt: number;
  /** The integration's status after completion. */
  completedStatus: IntegrationStatus | null;
  /** The last "Send test ticket" answer (the vendor's ticket id), or why it failed. */
  testTicket: { vendorTicketId: string; ticketNumber: string | null; title: string } | null;
  testTicketProblem: ProblemData | null;
  /**
   * Edit mode (a finished integration opened with `integration-id`): a summary of every section,
   * each edited alone. `sectionMode` says the wizard is in it; `section` is the one open (null on the
   * summary); `sectionBackup` its values when opened, restored by Cancel; nothing is saved before Save.
   */
  sectionMode: boolean;
  section: PsaStep | null;
  sectionBackup: Pick<PsaWizardContext, 'credentials' | 'accountMapping' | 'ticket' | 'contract'> | null;
  /** The connection's non-secret facts (site, tenant, API user) for the summary; secrets are only "stored". */
  connection: ConnectionFact[];
  /** The saved integration's status (Active, Paused) as loaded. */
  savedStatus: IntegrationStatus | null;
  /** Counts sections saved in edit mode (the element tells the page on each). */
  sectionSaves: number;
}

export interface PsaWizardInput {
  vendor: PsaVendor;
  integrationId?: string | null;
}

export type PsaWizardEvent =
  | { type: 'field.change'; path: string; value: unknown }
  | { type: 'fields.change'; changes: Record<string, unknown> }
  | { type: 'step.next' }
  /** Next was pressed while `can({ type: 'step.next' })` is false: show every error, focus the first. */
  | { type: 'step.refuse' }
  | { type: 'step.back' }
  | { type: 'wizard.cancel' }
  | { type: 'contacts.retry' }
  | { type: 'lists.retry' }
  | { type: 'saved.retry' }
  | { type: 'service.create' }
  /** "Create Service" was pressed while `can({ type: 'service.create' })` is false. */
  | { type: 'service.refuse' }
  /** "Send test ticket" on the Finish step. */
  | { type: 'testTicket.send' }
  /** Edit mode: open one section alone from the summary. */
  | { type: 'section.edit'; step: PsaStep }
  /** Create flow: a completed step's heading was chosen; jump to it. */
  | { type: 'step.goto'; step: PsaStep };

export function emptyCredentials(vendor: PsaVendor): Record<string, string> {
  return Object.fromEntries(credentialFieldNames(vendor).map((f) => [f, '']));
}

export const EMPTY_ACCOUNT_MAPPING: AccountMapping = {
  attachContacts: true, catchAllAccountId: '', catchAllAccountName: '', catchAllContactId: null, catchAllContactName: null, mappings: [],
};

export const EMPTY_TICKET: TicketDraft = {
  categoryId: null, typeId: null, statusId: null, queueId: null, sourceId: null,
  subjectTemplate: SUBJECT_PRESETS['user-alert'].template,
  priorityMap: Object.fromEntries(SEVERITIES.map((s) => [s, null])) as Record<Severity, null>,
  note: { typeId: null, visibilityId: null, titleTemplate: '{alert} ({severity})' },
  issueTypeId: null, subIssueTypeId: null, closeOnResolveStatusId: null,
  overrides: { alertTypes: [], respondRules: [], iocRules: [] },
};

// ASSUMPTION: the prefilled "Create Service" values (seed 001 says defaults are provided, not which).
export const DEFAULT_NEW_SERVICE: NewServiceDraft = { name: 'Security Monitoring per User', unitCost: '2.50', unitPrice: '5.00' };

export const EMPTY_CONTRACT: ContractSettings = { ...CONTRACTS_OFF, userSyncDay: 1 };
