/**
 * @module The RMM wizards' shared vocabulary: context, events, the I/O ports the machines invoke
 * (implemented against the BFF in rmm-wizard.services.ts, faked in tests), and the draft shape.
 */
import type { IntegrationStatus } from '../../api/client.js';
import type { RmmCustomField } from '../../../bff/contracts/entra-field.js';
import type { RmmSyncSummary } from '../../../bff/contracts/integration-view.js';
import type { RmmSiteType } from '../../../bff/contracts/model.js';
import type { FieldErrors } from '../shared/form-state.js';
import type { ProblemData } from '../shared/wizard-api.js';

export type RmmVendor = 'datto-rmm' | 'syncro';

/** A platform organization as the wizard offers it. */
export interface OrganizationOption {
  id: string;
  name: string;
}

export interface SiteView {
  id: string;
  name: string;
  type: RmmSiteType;
  deviceCount: number | null;
}

/** The admin's choice for one site. `organizationId: null` means "not mapped". */
export interface SiteChoice {
  organizationId: string | null;
  ignoreAutoMap: boolean;
}

export interface MappingDraft {
  autoMapExact: boolean;
  siteTypes: RmmSiteType[];
  /** By site id; sites without an entry are unmapped and not ignored. */
  choices: Record<string, SiteChoice>;
}

/** Credential fields as typed; in edit mode all empty means "keep the stored ones". Never persisted. */
export type CredentialValues = Record<string, string>;

/** What the wizard knows about the integration once it exists. */
export interface IntegrationSummary {
  id: string;
  status: IntegrationStatus;
  accountLabel: string | null;
  userActivityOrganizationId: string | null;
  /** The device sync at a glance, as the BFF last answered it (Finish answers "running": the first sync has started). */
  sync?: RmmSyncSummary;
}

/** Loading state of a list the wizard needs (organizations, sites, custom fields). */
export interface ListLoad {
  status: 'idle' | 'loading' | 'loaded' | 'failed';
  problem: ProblemData | null;
}

/** The wizard's machine-relevant state; steps are the machine's states. */
export interface RmmWizardContext {
  vendor: RmmVendor;
  /** Edit mode: the wizard opened an existing integration (`integration-id`). */
  editing: boolean;
  /** The `integration-id` the wizard was opened with (edit mode), else null. */
  requestedIntegrationId: string | null;
  integration: IntegrationSummary | null;
  organizations: OrganizationOption[];
  /** An integration of the same vendor already exists (create mode): a second one needs confirmation. */
  duplicateOf: string | null;
  confirmSeparateInstance: boolean;
  userActivityOrganizationId: string | null;
  credentials: CredentialValues;
  sites: SiteView[];
  sitesLoad: ListLoad;
  mapping: MappingDraft;
  /** The fields that can hold the Entra Device ID, with their labels and sample values. */
  customFields: RmmCustomField[];
  customFieldsLoad: ListLoad;
  entraDeviceIdField: string | null;
  /** Field paths the person changed (errors show for these before Next). */
  touched: string[];
  /** Steps where Next was pressed (all their errors show). */
  submitted: string[];
  /** The BFF's field errors of the last check, by path; cleared as the person edits those fields. */
  serverErrors: FieldErrors;
  /** A failure that belongs to no field (vendor down, network), shown above the step's buttons. */
  problem: ProblemData | null;
  /** Steps the person has completed (progress list). */
  doneSteps: string[];
  bootProblem: ProblemData | null;
  /** Where a resumed draft asked to be. Consumed by the boot transition. */
  resumeStep: string | null;
  /** Edit mode: the one section (a step's state name) opened from the summary, saved alone; null elsewhere. */
  section: string | null;
  /** The open section's values as they were, restored by its Cancel. */
  sectionBackup: Pick<RmmWizardContext, 'credentials' | 'mapping' | 'entraDeviceIdField' | 'touched' | 'submitted'> | null;
}

export type RmmWizardEvent =
  | { type: 'step.next' }
  | { type: 'step.attempt' }
  | { type: 'step.back' }
  /** Create flow: jump back to a completed step (its name in the progress list is a link); `step` is a state name. */
  | { type: 'step.goto'; step: string }
  | { type: 'wizard.cancel' }
  | { type: 'boot.retry' }
  | { type: 'section.edit'; step: string }
  | { type: 'organization.select'; organizationId: string | null }
  | { type: 'duplicate.confirm'; confirmed: boolean }
  | { type: 'credentials.change'; field: string; value: string }
  | { type: 'field.blur'; field: string }
  | { type: 'sites.retry' }
  | { type: 'sites.refresh' }
  | { type: 'mapping.siteTypes'; siteTypes: RmmSiteType[] }
  | { type: 'mapping.autoMap'; enabled: boolean }
  | { type: 'mapping.assign'; siteId: string; organizationId: string | null }
  | { type: 'mapping.ignore'; siteId: string; ignored: boolean }
  | { type: 'customFields.retry' }
  | { type: 'parameters.entraField'; field: string | null };

/** The persisted part of a draft: form values only (no secrets, no lists). */
export interface RmmDraftValues {
  step: string;
  integrationId: string | null;
  confirmSeparateInstance: boolean;
  userActivityOrganizationId: string | null;
  /** Non-secret credential fields only (Datto platform, Syncro subdomain). */
  credentials: CredentialValues;
  mapping: MappingDraft;
  entraDeviceIdField: string | null;
  doneSteps: string[];
}

export interface BootInput {
  vendor: RmmVendor;
  integrationId: string | null;
}

/** What the wizard needs before its first step. */
export interface BootResult {
  organizations: OrganizationOption[];
  /** Create mode: an existing integration of the same vendor. */
  duplicateOf: string | null;
  /** Edit mode (or a resumed draft that had created one): the integration and its saved sections. */
  integration: IntegrationSummary | null;
  mapping: (Omit<MappingDraft, 'choices'> & { rows: Array<{ siteId: string; organizationId: string | null; ignoreAutoMap: boolean }> }) | null;
  entraDeviceIdField: string | null;
  draft: RmmDraftValues | null;
}

export interface ConnectInput {
  vendor: RmmVendor;
  credentials: CredentialValues;
  confirmSeparateInstance: boolean;
  userActivityOrganizationId: string | null;
}

export interface MappingSaveInput {
  integrationId: string;
  body: {
    userActivityOrganizationId?: string;
    autoMapExact: boolean;
    siteTypes: RmmSiteType[];
    mappings: Array<{ siteId: string; siteName: string; siteType: RmmSiteType; organizationId: string | null; ignoreAutoMap: boolean }>;
  };
}

export interface MappingSaveResult {
  userActivityOrganizationId: string | null;
  autoMapExact: boolean;
  siteTypes: RmmSiteType[];
  mappings: Array<{ siteId: string; organizationId: string | null; ignoreAutoMap: boolean }>;
}
