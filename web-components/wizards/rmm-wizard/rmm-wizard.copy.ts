/**
 * @module Every sentence the RMM wizards show, in the seeds' words where the seeds give them
 * (002 Syncro, 004 Datto RMM), so the wording is reviewed in one place.
 */
import type { RmmCustomField } from '../../../bff/contracts/entra-field.js';
import { RMM_USER_ACTIVITY } from '../../../bff/contracts/rmm-settings.js';
import type { RmmSiteType } from '../../../bff/contracts/model.js';
import { RMM_FIELD_LABELS } from '../../../bff/contracts/vendor-field-labels.js';
import type { WizardStepInfo } from '../shared/step-status.js';
import type { RmmVendor } from './rmm-wizard.types.js';

export const VENDOR_LABEL: Record<RmmVendor, string> = { 'datto-rmm': 'Datto RMM', syncro: 'Syncro' };

/** The progress list per vendor; ids are what `wizard-step-change` reports. */
export const STEPS: Record<RmmVendor, WizardStepInfo[]> = {
  'datto-rmm': [
    { id: 'organization', label: 'Organization' },
    { id: 'credentials', label: 'Set Credentials' },
    { id: 'organization-mapping', label: 'Organization Mapping' },
    { id: 'parameters', label: 'Parameters', optional: true },
    { id: 'finish', label: 'Finish' },
  ],
  syncro: [
    { id: 'credentials', label: 'Credentials' },
    { id: 'account-mapping', label: 'Account Mapping' },
    { id: 'finish', label: 'Finish' },
  ],
};

/** Machine state (top level) → the step id the progress list and events use. */
export const STEP_OF_STATE: Record<RmmVendor, Record<string, string>> = {
  'datto-rmm': { summary: 'summary', organization: 'organization', credentials: 'credentials', mapping: 'organization-mapping', parameters: 'parameters', finish: 'finish', done: 'finish' },
  syncro: { summary: 'summary', credentials: 'credentials', mapping: 'account-mapping', finish: 'finish', done: 'finish' },
};

/** Datto RMM platforms as Datto names them (the BFF labels connected accounts with the same names). */
export { DATTO_PLATFORM_LABELS } from '../../../bff/contracts/credentials.js';

/** Seed 002, "Create an API token in Syncro": the recommended custom permissions, exactly as listed. */
export const SYNCRO_PERMISSIONS = [
  'Assets - View Details',
  'Assets - List/Search',
  'Contacts - Import',
  'Customers - List/Search',
  'Customers - View Detail',
  'Customers - View Total Invoiced',
  'Products - List/Search',
  'Products - View Cost',
  'Line Item - Edit Prices',
  'Line Item - View Cost',
  'Line Item - Add Manual Item for Invoices/Estimates',
  'Tickets - List/Search',
  'Tickets - View Details',
  'Tickets - Create',
  'Tickets - Edit',
  'Ticket Comments - New',
  'Recurring Invoices - List',
  'Recurring Invoices - Edit',
  'RMM Alerts - List',
  'RMM Alerts - Create',
  'RMM Alerts - Clear/Manage',
] as const;

export const SITE_TYPE_COPY: Record<RmmSiteType, { label: string; note: string }> = {
  managed: { label: 'Managed', note: 'Typical customer devices (recommended)' },
  ondemand: { label: 'OnDemand', note: 'Optional, depending on environment' },
  deleted: { label: 'Deleted Devices', note: 'Not recommended' },
};

export const COPY = {
  title: (vendor: RmmVendor, editing: boolean) => `${editing ? 'Edit' : 'Connect'} ${VENDOR_LABEL[vendor]}`,
  starting: 'the wizard',
  organizations: 'organizations',
  sites: (vendor: RmmVendor) => (vendor === 'syncro' ? 'Syncro customers' : 'Datto RMM sites'),
  customFields: 'custom fields',
  busy: {
    connecting: (vendor: RmmVendor) => `Checking the credentials with ${VENDOR_LABEL[vendor]}…`,
    saving: 'Saving…',
    completing: 'Finishing the connection…',
  },
  next: 'Next',
  finish: 'Finish',

  // Datto step 1
  organizationLabel: RMM_FIELD_LABELS['datto-rmm'].userActivityOrganizationId,
  organizationIntro:
    'All Datto RMM user actions are logged against this organization, and it is the default location for Datto RMM user activity until organization mapping is completed. It cannot be changed after the integration is created.',
  organizationHint: 'Best practice: choose an internal or MSP-level organization (for example, an admin or operations organization), not a customer organization.',
  lockedOrganization: (name: string) => `${name}. The user activity organization cannot be changed after the integration is created.`,
  chooseOrganization: 'Choose an organization…',

  // Duplicate connection (both)
  duplicateTitle: (vendor: RmmVendor) => `A ${VENDOR_LABEL[vendor]} integration already exists`,
  duplicateText: (vendor: RmmVendor) =>
    `Connecting ${VENDOR_LABEL[vendor]} again creates a second connection and can result in duplicate data. Cancel unless you are intentionally connecting a separate ${VENDOR_LABEL[vendor]} instance.`,
  duplicateConfirm: (vendor: RmmVendor) => `This is a separate ${VENDOR_LABEL[vendor]} instance: connect it anyway`,

  // Credentials
  credentialsStored: (account: string | null) =>
    `Credentials are stored${account ? ` for ${account}` : ''} and are never shown. Leave the fields empty to keep them, or enter new ones to replace them.`,
  dattoPlatform: 'Datto RMM platform (region)',
  dattoPlatformHint: 'The platform your Datto RMM account is on (for example: Vidal, Merlot, Zinfandel).',
  choosePlatform: 'Choose a platform…',
  dattoApiKey: 'API Key',
  dattoApiSecret: 'API Secret Key',
  dattoSecretHint: 'The API Secret Key is displayed only once in Datto RMM and cannot be recovered later. If it is lost, generate new API keys in Datto RMM (Setup > Users > the API user > API).',
  dattoApiHelp: 'In Datto RMM: turn on Enable API Access (Setup > Global Settings), then generate API keys for an Administrator API user (Setup > Users).',
  syncroSubdomain: 'Syncro subdomain',
  syncroSubdomainHint: 'The part before .syncromsp.com in your Syncro address.',
  syncroToken: 'API token',
  syncroTokenHint: 'Create it in Syncro under More > Admin > API Tokens > + New Token, with Custom Permissions.',
  syncroPermissionsTitle: 'The API token needs these permissions',
  syncroCollectedTitle: 'What is collected from Syncro',
  // Seed 002 speaks of Syncro user activity, but Syncro's API has no user-activity or audit feed (RMM_USER_ACTIVITY).
  syncroCollected:
    'Your Syncro customers and their assets (devices), for device discovery and correlation in the organizations you map them to. Syncro’s API offers no user-activity feed, so no Syncro user activity is collected.',

  // Mapping (Syncro). Seed 002 asks for this organization; what it is for on Syncro is the contract's RMM_USER_ACTIVITY.
  userActivityLabel: RMM_FIELD_LABELS.syncro.userActivityOrganizationId,
  userActivityHint: `${RMM_USER_ACTIVITY.syncro.purpose} Choose an internal or MSP-level organization. It cannot be changed after the integration is configured.`,
  /** What the organization is for, per RMM (shown beside it once it is fixed, in the review and the summary). */
  userActivityPurpose: (vendor: RmmVendor) => RMM_USER_ACTIVITY[vendor].purpose,
  siteTypesLegend: 'Datto RMM organization types to map',
  autoMap: (vendor: RmmVendor) => (vendor === 'syncro' ? 'Automatically map organizations with a 100% match' : 'Automatically map organizations with 100% match'),
  autoMapHint: (vendor: RmmVendor) =>
    `Maps ${VENDOR_LABEL[vendor]} organizations to platform organizations whose names match exactly. Use it only if names are identical across systems and each organization represents a single customer.`,
  unmappedNote: (vendor: RmmVendor) => `Only mapped organizations have devices discovered and processed: unmapped ${VENDOR_LABEL[vendor]} organizations do not provide device data.`,
  counts: (mapped: number, auto: number, unmapped: number) =>
    `${mapped} mapped${auto ? ` (${auto} by exact name, applied when you save)` : ''}, ${unmapped} not mapped.`,
  filterLabel: 'Filter by name',
  siteListLabel: (vendor: RmmVendor) => (vendor === 'syncro' ? 'Device organization mapping' : 'Organization mapping'),
  orgFor: (site: string) => `Platform organization for ${site}`,
  notMapped: 'Not mapped',
  autoBadge: 'Exact name match',
  ignore: 'Ignore from Automatic Mapping',
  ignoreFor: (site: string) => `Ignore ${site} from automatic mapping`,
  devices: (count: number | null) => (count === null ? '' : `${count} ${count === 1 ? 'device' : 'devices'}`),
  noSites: (vendor: RmmVendor) => `No ${vendor === 'syncro' ? 'Syncro customers' : 'Datto RMM sites'} of the chosen types.`,
  noMatch: 'No organization matches the filter.',
  refresh: 'Reload list',
  deletedDevicesWarningTitle: 'Deleted Devices is not recommended.',
  deletedDevicesWarning:
    'This site type holds devices that were deleted from Datto RMM. They are no longer managed, so mapping them can attach stale or duplicate devices to your organizations. Map only site types that represent active devices.',

  // Parameters
  entraLabel: 'Microsoft Entra Device ID field',
  entraNone: 'None (set it later)',
  entraHint:
    'Optional. The custom field (UDF) in Datto RMM that holds the Microsoft Entra Device ID. Mapping it improves correlation accuracy when identity-based activity (Microsoft Entra or Microsoft 365 events) is associated with known, managed devices. You can finish without it and set it later. Each field shows values from your first devices; Datto RMM does not share the names you gave its fields, so they are listed by number.',
  entraOption: (f: RmmCustomField) =>
    `${f.label} — ${f.samples.length ? `${f.valueCount} of ${f.devicesSampled} devices, e.g. ${f.samples.join(', ')}` : `no values on the first ${f.devicesSampled} devices`}`,
  entraSuggestion: (f: RmmCustomField) =>
    `Suggested: ${f.label}. Its values look like Microsoft Entra device IDs (GUIDs) on ${f.deviceIdCount} of the first ${f.devicesSampled} devices.`,
  entraUseSuggestion: (f: RmmCustomField) => `Use ${f.label}`,
  entraNotDeviceIds: (f: RmmCustomField) =>
    `The values in ${f.label} do not look like Microsoft Entra device IDs (${f.valueCount - f.deviceIdCount} of ${f.valueCount} are not GUIDs such as 5f1c7e0a-1111-2222-3333-444455556666), so devices would not be matched by it. Choose the field that holds the Entra Device ID.`,
  entraNoValuesYet: (f: RmmCustomField) =>
    `None of the first ${f.devicesSampled} devices has a value in ${f.label} yet. Devices are matched by it only once it holds their Entra Device ID.`,

  // Finish
  reviewIntro: (vendor: RmmVendor) => `Review the ${VENDOR_LABEL[vendor]} connection and choose Finish.`,
  reviewUserActivity: 'User activity organization',
  reviewUserActivityRecorded: 'User activity',
  userActivityRecorded: (vendor: RmmVendor, org: string) =>
    (RMM_USER_ACTIVITY[vendor].recorded ? `Recorded under ${org}` : `None: ${VENDOR_LABEL[vendor]}’s API offers no user-activity feed`),
  reviewMapped: 'Mapped organizations',
  reviewEntra: 'Microsoft Entra Device ID field',
  reviewAccount: 'Connected account',

  // Edit mode's summary (issue 17, item 1)
  editMode: {
    summaryHeading: 'Settings of this integration',
    summaryIntro: 'Choose Edit on the section to change. Only that section is saved, when you choose Save; Cancel leaves it as it was.',
    connection: 'Connection',
    rmm: 'RMM',
    status: 'Status',
    apiKeys: 'API keys',
    stored: 'Stored (never shown; replace them to change them)',
    replaceCredentials: 'Replace credentials',
    userActivity: 'User activity organization',
    userActivityFixed: 'Set when the integration was created; it cannot be changed.',
    userActivityPurpose: 'What it is for',
    autoMap: 'Map sites with exactly the same name',
    siteTypes: 'Site types',
    on: 'On',
    off: 'Off',
    settings: 'Settings',
    close: 'Close',
    save: 'Save',
    sectionHeading: (label: string) => `Edit ${label}`,
  },
  /** The first device sync, started by Finish (issue 17 item 10). */
  firstSync: {
    running: (vendor: RmmVendor) => `Syncing devices from ${VENDOR_LABEL[vendor]} now…`,
    done: (vendor: RmmVendor, devices: number) =>
      `First sync done: ${devices} ${devices === 1 ? 'device' : 'devices'} from ${VENDOR_LABEL[vendor]} in the mapped organizations.`,
    failed: (vendor: RmmVendor, error: string) =>
      `The first sync with ${VENDOR_LABEL[vendor]} did not finish: ${error} It runs again within a few minutes; Sync now in the RMM list runs it at once.`,
  },
  notSet: 'Not set',
  syncNotice: 'Allow up to 10–30 minutes for devices to appear. Synchronization is not immediate.',
  connected: (vendor: RmmVendor) => `${VENDOR_LABEL[vendor]} is connected.`,
  disconnectedMeanwhile: (vendor: RmmVendor) => `${VENDOR_LABEL[vendor]} is disconnected: its history stays, and nothing new arrives until you reconnect it.`,
  deletedMeanwhile: (vendor: RmmVendor) => `This ${VENDOR_LABEL[vendor]} integration has been deleted.`,
  statusLine: (label: string) => `Status: ${label}`,
  mspTools: (vendor: RmmVendor, org: string) => `${VENDOR_LABEL[vendor]} appears as a connected application under MSP Tools in the Applications tab for ${org}.`,
  cancelled: 'Setup was cancelled.',
};
