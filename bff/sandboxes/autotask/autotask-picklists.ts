/**
 * @module The sandbox tenant's picklists, served by `/{Entity}/entityInformation/fields` exactly as
 * Autotask serves them (string `value`s, `parentValue` for dependent lists). System values come
 * from the facts file (psa-apis.md A3); the tenant-specific ones are invented but shaped like a live
 * tenant's (queues and categories with large ids, a few inactive values).
 */

export interface PicklistEntry {
  value: string;
  label: string;
  isDefaultValue: boolean;
  sortOrder: number;
  parentValue: string;
  isActive: boolean;
  isSystem: boolean;
}

type Raw = [value: number, label: string, flags?: { def?: boolean; inactive?: boolean; system?: boolean; parent?: number }];

function list(values: Raw[]): PicklistEntry[] {
  return values.map(([value, label, flags = {}], i) => ({
    value: String(value),
    label,
    isDefaultValue: flags.def ?? false,
    sortOrder: i + 1,
    parentValue: flags.parent === undefined ? '' : String(flags.parent),
    isActive: !flags.inactive,
    isSystem: flags.system ?? false,
  }));
}

/** Ticket status: 1 New and 5 Complete are system values [AT-POSTMAN, AT-LIVE-PICK]; 7/8 seen live. */
export const TICKET_COMPLETE_STATUS = 5;

/** Issue types and their sub-issue types (sub-issue `parentValue` = issue type value). */
const ISSUE_TYPES: Array<[number, string, Array<[number, string]>]> = [
  [11, 'Security Incident', [[111, 'Suspicious Sign-in'], [112, 'Malware'], [113, 'Phishing'], [114, 'Data Exfiltration']]],
  [12, 'Account Management', [[121, 'Password Reset'], [122, 'MFA Problem'], [123, 'Mailbox Rule']]],
  [13, 'Endpoint', [[131, 'Device Isolation'], [132, 'Patch Failure'], [133, 'Antivirus Alert']]],
  [14, 'Network', [[141, 'Firewall'], [142, 'VPN'], [143, 'Internet Outage']]],
  [15, 'General Request', [[151, 'How-to Question'], [152, 'New User Setup']]],
];

export const PICKLISTS = {
  Tickets: {
    status: list([
      [1, 'New', { def: true, system: true }], [5, 'Complete', { system: true }], [7, 'Waiting Customer', { system: true }],
      [8, 'In Progress', { system: true }], [10, 'Waiting Vendor'], [12, 'Escalated'], [13, 'On Hold'],
      [16, 'Customer Note Added'], [19, 'Scheduled', { inactive: true }],
    ]),
    priority: list([[4, 'Critical', { system: true }], [1, 'High', { system: true }], [2, 'Medium', { def: true, system: true }], [3, 'Low', { system: true }]]),
    queueID: list([
      [29682833, 'Level I Support', { def: true }], [29682969, 'Level II Support'], [29683482, 'Security Operations'],
      [29683483, 'Monitoring Alerts'], [5, 'Client Portal', { system: true }], [6, 'Post Sale', { system: true }],
      [29683490, 'Legacy Helpdesk', { inactive: true }],
    ]),
    ticketType: list([
      [1, 'Service Request', { def: true, system: true }], [2, 'Incident', { system: true }], [3, 'Problem', { system: true }],
      [4, 'Change Request', { system: true }], [5, 'Alert', { system: true }],
    ]),
    source: list([
      [-2, 'Insourced', { system: true }], [-1, 'Client Portal', { system: true }], [1, 'Other'], [2, 'Phone', { def: true }],
      [4, 'Email'], [6, 'Web Portal'], [8, 'Monitoring Alert'], [13, 'Security Platform'],
    ]),
    ticketCategory: list([
      [2, 'Standard', { def: true, system: true }], [3, 'RMA', { system: true }], [4, 'Alert', { system: true }],
      [5, 'Security Incident'], [6, 'Change Management'],
    ]),
    issueType: list(ISSUE_TYPES.map(([value, label]) => [value, label] as Raw)),
    subIssueType: list(ISSUE_TYPES.flatMap(([parent, , subs]) => subs.map(([value, label]) => [value, label, { parent }] as Raw))),
    creatorType: list([[1, 'Resource', { system: true }], [2, 'Contact', { system: true }]]),
    serviceLevelAgreementID: list([[1, 'Standard SLA', { def: true }], [2, 'Premium SLA']]),
  },
  TicketNotes: {
    // Live values [AT-GDS-NOTES, AT-LIVE-PICK]: publish has no 3.
    noteType: list([[1, 'Task Summary', { def: true, system: true }], [2, 'Task Detail', { system: true }], [3, 'Task Notes', { system: true }], [13, 'System Workflow Note', { system: true }]]),
    publish: list([[1, 'All Autotask Users', { def: true, system: true }], [2, 'Internal Project Team', { system: true }], [4, 'Internal & Co-Managed', { system: true }]]),
  },
  Companies: {
    // 1/3/7 from AT-POSTMAN; 2/4/6/8 INFERRED in the facts file.
    companyType: list([
      [1, 'Customer', { def: true, system: true }], [2, 'Lead', { system: true }], [3, 'Prospect', { system: true }],
      [4, 'Dead', { system: true }], [6, 'Cancelation', { system: true }], [7, 'Vendor', { system: true }], [8, 'Partner', { system: true }],
    ]),
    classification: list([[101, 'Platinum'], [102, 'Gold'], [103, 'Silver'], [104, 'Bronze'], [105, 'Key Account'], [106, 'Do Not Service', { inactive: true }]]),
    marketSegmentID: list([
      [1, 'Healthcare'], [2, 'Legal'], [3, 'Logistics'], [4, 'Hospitality'], [5, 'Manufacturing'], [6, 'Financial Services'],
      [7, 'Education'], [8, 'Construction'], [9, 'Aviation'], [10, 'Retail'], [11, 'Non-Profit'],
    ]),
  },
  Contracts: {
    // 7 = Recurring Service [AT-DOC-CSVC]; the others from third-party code [AT-LIVE-PICK].
    contractType: list([[1, 'Time & Materials'], [3, 'Fixed Price'], [4, 'Block Hours'], [6, 'Retainer'], [7, 'Recurring Service', { def: true }], [8, 'Per Ticket']]),
    // ASSUMPTION: contract status 1 Active / 0 Inactive (facts: "not found, INFERRED").
    status: list([[1, 'Active', { def: true, system: true }], [0, 'Inactive', { system: true }]]),
  },
  Services: {
    // ASSUMPTION: periodType values are not documented; labels follow the Autotask UI's billing periods.
    periodType: list([[1, 'Monthly', { def: true }], [2, 'Quarterly'], [3, 'Semi-Annual'], [4, 'Yearly']]),
  },
  BillingCodes: {
    // ASSUMPTION: the six allocation-code types [AT-DOC-BILLCODE] are the `useType` picklist; numbers invented.
    useType: list([[1, 'Work Type'], [2, 'Material'], [3, 'Internal Time'], [4, 'Expense Category'], [5, 'Recurring Contract Service'], [6, 'Milestone']]),
  },
  UserDefinedFieldDefinitions: {
    udfType: list([[1, 'Company', { system: true }], [2, 'Configuration Item', { system: true }], [3, 'Contact', { system: true }], [4, 'Ticket', { system: true }]]),
  },
} satisfies Record<string, Record<string, PicklistEntry[]>>;

/** Picklist fields whose values depend on another field's value. */
export const PICKLIST_PARENTS: Record<string, Record<string, string>> = {
  Tickets: { subIssueType: 'issueType' },
};
