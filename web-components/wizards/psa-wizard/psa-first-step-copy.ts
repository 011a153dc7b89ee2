/**
 * @module The PSA wizard's own words and its first step's (the heading, loading, edit mode, the
 * completion toast, the credentials), apart from the later steps' (psa-wizard.copy.ts, whose `COPY`
 * holds these too) so the code a page loads before step 1 does not carry those.
 */
import type { WizardStepInfo } from '../shared/step-status.js';
import type { PsaVendor } from './psa-wizard.types.js';
import { VENDOR_LABELS } from '../../../bff/contracts/vendor-catalog.js';

export const VENDOR_LABEL: Record<PsaVendor, string> = VENDOR_LABELS;

export const STEP_INFO: WizardStepInfo[] = [
  { id: 'credentials', label: 'Credentials' },
  { id: 'account-mapping', label: 'Account Mapping' },
  { id: 'service-parameters', label: 'Service Parameters' },
  { id: 'contract-mapping', label: 'Contract Mapping', optional: true },
  { id: 'finish', label: 'Finish' },
];

export const FIRST_STEP_COPY = {
  heading: (vendor: PsaVendor, editing: boolean) => `${editing ? 'Edit' : 'Connect'} ${VENDOR_LABEL[vendor]}`,
  loading: 'Opening the wizard…',
  /** Edit mode: the summary of a finished integration, one section edited at a time. */
  editMode: {
    summaryHeading: 'Settings of this integration',
    summaryIntro: 'Choose Edit on the section to change. Only that section is saved, when you choose Save; Cancel leaves it as it was.',
    connection: 'Connection',
    secrets: 'Secrets',
    stored: 'Stored (never shown; replace them to change them)',
    edit: 'Edit',
    replaceCredentials: 'Replace credentials',
    close: 'Close',
    save: 'Save',
    sectionHeading: (label: string) => `Edit ${label}`,
    saved: (label: string) => `${label} saved.`,
  },
  waitingForToken: 'Waiting for sign-in…',
  retry: 'Retry',
  loadSavedFailed: 'The saved settings of this integration could not be loaded.',
  completed: (vendor: PsaVendor) => `${VENDOR_LABEL[vendor]} is connected and Active. Alerts will now create tickets.`,
  deletedMeanwhile: (vendor: PsaVendor) => `This ${VENDOR_LABEL[vendor]} integration has been deleted.`,
  completedPaused: (vendor: PsaVendor) => `${VENDOR_LABEL[vendor]} settings are saved. Ticket delivery stays paused until you resume it.`,
  draftSaveFailed: 'Your progress could not be saved as a draft; it is kept in this page until you finish.',

  exists: {
    title: 'A PSA is already connected',
    detail: (vendor: string, account: string | null, status: string) =>
      `This account already has a ${vendor} integration${account ? ` (${account})` : ''}: ${status}. One PSA per account: edit the existing integration instead.`,
    cancel: 'Cancel',
  },

  credentials: {
    keep: 'Credentials are stored and never shown. Leave these fields blank to keep them, or enter new ones to replace them.',
    psaExistsAction: 'Edit the existing integration',
  },

};
