/**
 * @module The fixed word lists behind the Kaseya BMS sandbox seed: invented accounts, people's
 * names and the tenant's lookup values (statuses, priorities, queues, issue types and so on).
 */

export interface SeedAccount {
  name: string;
  type: 'Customer' | 'Prospect' | 'Vendor' | 'Partner' | 'Internal';
  contacts: 'some' | 'none' | 'default';
  /** Name of the parent account (seeded earlier in the list). */
  parent?: string;
  inactive?: boolean;
}

export const ACCOUNT_TYPES = [
  { name: 'Customer', isClient: true, isVendor: false },
  { name: 'Prospect', isClient: false, isVendor: false },
  { name: 'Vendor', isClient: false, isVendor: true },
  { name: 'Partner', isClient: false, isVendor: false },
  { name: 'Internal', isClient: false, isVendor: false },
] as const;

export const ACCOUNT_CLASSES = ['Managed Services', 'Break/Fix', 'Co-Managed', 'Project Only', 'Internal'] as const;
export const BUSINESS_TYPES = [
  'Healthcare', 'Legal', 'Logistics', 'Financial Services', 'Hospitality', 'Education', 'Construction',
  'Manufacturing', 'Retail', 'Non-Profit', 'Professional Services',
] as const;
export const SERVICE_TYPES = ['Managed', 'Ad hoc', 'Monitoring Only'] as const;

/** Business type by a word in the account name, so the sandbox reads like a real book of clients. */
export function businessTypeFor(name: string): (typeof BUSINESS_TYPES)[number] | null {
  const rules: Array<[RegExp, (typeof BUSINESS_TYPES)[number]]> = [
    [/dental|pediatric|health|clinic|dermatolog|veterinar|animal|orthop|chiropract|optometr|pharmacy|therapy|living/i, 'Healthcare'],
    [/law|title|escrow/i, 'Legal'],
    [/logistic|freight|courier|marine|aviation/i, 'Logistics'],
    [/financ|capital|credit|tax|insurance|accounting/i, 'Financial Services'],
    [/hotel|winery|bakery|seafood/i, 'Hospitality'],
    [/school|library|montessori/i, 'Education'],
    [/builder|plumbing|landscap|architect/i, 'Construction'],
    [/manufactur|robotic|engineering|energy/i, 'Manufacturing'],
    [/church|co-op/i, 'Non-Profit'],
    [/florist|outfitter|imports|fitness|repair/i, 'Retail'],
  ];
  return rules.find(([re]) => re.test(name))?.[1] ?? null;
}

/** Invented accounts beside the demo organizations: 52, with parents, vendors and two inactive. */
export const INVENTED_ACCOUNTS: SeedAccount[] = [
  ...[
    'Aspen Family Dentistry', 'Birchwood Property Management', 'Brightline Architects', 'Canyon Creek Veterinary',
    'Clearwater Insurance Brokers', 'Coastal Pediatrics', 'Copperfield Engineering', 'Crescent Moon Bakery',
    'Driftwood Marketing', 'Eastgate Orthopedics', 'Elmstead Public Library', 'Fairview Senior Living',
    'Foxglove Florists', 'Glacier Peak Outfitters', 'Greenleaf Organic Farms', 'Hawthorne Financial Advisors',
    'Highland Physical Therapy', 'Hillcrest Community Church', 'Horizon Realty Group', 'Indigo Design Studio',
    'Keystone Plumbing & Heating', 'Lakeside Chiropractic', 'Lantern Hill Winery', 'Lighthouse Credit Union',
    'Maple Street Pharmacy', 'Meridian Title & Escrow', 'Millbrook Auto Repair', 'Nightingale Home Health',
    'Oakridge Montessori School', 'Orchard Valley Co-op', 'Pinecrest Dermatology', 'Redwood Tax Services',
    'Riverbend Animal Hospital', 'Sagebrush Landscaping', 'Silver Lake Optometry', 'Stonebridge Capital',
    'Bayside Pediatric Dentistry', 'Cobblestone Books', 'Everline Solar', 'Westfield Medical Imaging',
  ].map((name): SeedAccount => ({ name, type: 'Customer', contacts: 'some' })),
  { name: 'Prairie Wind Energy', type: 'Prospect', contacts: 'some' },
  { name: 'Northstar Robotics', type: 'Prospect', contacts: 'some' },
  { name: 'Trailhead Fitness', type: 'Prospect', contacts: 'some' },
  { name: 'Golden Gate Freight', type: 'Vendor', contacts: 'some' },
  { name: 'Pacific Rim Imports', type: 'Vendor', contacts: 'some' },
  { name: 'Quicksilver Couriers', type: 'Partner', contacts: 'some' },
  { name: 'Summit Health Partners', type: 'Customer', contacts: 'some' },
  { name: 'Summit Health Partners - North Clinic', type: 'Customer', contacts: 'some', parent: 'Summit Health Partners' },
  { name: 'Summit Health Partners - South Clinic', type: 'Customer', contacts: 'some', parent: 'Summit Health Partners' },
  { name: 'Harbor View Hotels - Marina Suites', type: 'Customer', contacts: 'some', parent: 'Harbor View Hotels' },
  { name: 'Tidewater Seafood Co', type: 'Customer', contacts: 'some', inactive: true },
  { name: 'Union Square Dental Lab', type: 'Customer', contacts: 'some', inactive: true },
];

export const FIRST_NAMES = [
  'Jane', 'John', 'Maria', 'David', 'Aisha', 'Wei', 'Carlos', 'Priya', 'Tom', 'Elena', 'Samuel', 'Grace',
  'Omar', 'Hannah', 'Luis', 'Nina', 'Peter', 'Yuki', 'Fatima', 'George',
] as const;
export const LAST_NAMES = [
  'Doe', 'Smith', 'Garcia', 'Chen', 'Patel', 'Johnson', 'Nguyen', 'Okafor', 'Muller', 'Rossi', 'Kowalski',
  'Brown', 'Haddad', 'Larsen', 'Silva', 'Tanaka', 'Walsh', 'Novak', 'Ahmed', 'Reyes',
] as const;

/** Statuses with their category (`TypeId`): 1 open, 2 waiting, 3 completed (see COMPLETED_STATUS_TYPE_ID). */
export const STATUSES = [
  { name: 'New', typeId: 1, isSystem: 1, color: '#1e88e5', fontColor: '#ffffff' },
  { name: 'Assigned', typeId: 1, isSystem: 0, color: '#5e35b1', fontColor: '#ffffff' },
  { name: 'In Progress', typeId: 1, isSystem: 0, color: '#fb8c00', fontColor: '#000000' },
  { name: 'Waiting Customer Response', typeId: 2, isSystem: 0, color: '#fdd835', fontColor: '#000000' },
  { name: 'Waiting Vendor', typeId: 2, isSystem: 0, color: '#c0ca33', fontColor: '#000000' },
  { name: 'Completed', typeId: 3, isSystem: 1, color: '#43a047', fontColor: '#ffffff' },
  { name: 'Cancelled', typeId: 3, isSystem: 0, color: '#757575', fontColor: '#ffffff' },
] as const;

export const PRIORITIES = [
  { name: 'Critical', color: '#d32f2f', isDefault: false },
  { name: 'High', color: '#f57c00', isDefault: false },
  { name: 'Medium', color: '#fbc02d', isDefault: true },
  { name: 'Low', color: '#388e3c', isDefault: false },
] as const;

export const QUEUES = ['Service Desk', 'Security Operations', 'Network Operations', 'Projects', '(Retired) Tier 3'] as const;
export const TICKET_TYPES = ['Service Request', 'Incident', 'Problem', 'Change Request', 'Alert'] as const;

export const NOTE_TYPES = ['General', 'Internal Update', 'Customer Communication', 'Resolution', 'Alert Update'] as const;
export const SLAS = ['Standard SLA', 'Premium SLA'] as const;

export const ISSUE_TYPES: Array<{ name: string; subTypes: string[]; isActive?: boolean }> = [
  { name: 'Security', subTypes: ['Account Compromise', 'Data Leakage', 'Malware', 'Policy Violation', 'Suspicious Sign-in'] },
  { name: 'Identity & Access', subTypes: ['MFA', 'Password Reset', 'Permissions'] },
  { name: 'Network', subTypes: ['Connectivity', 'Firewall', 'Wi-Fi'] },
  { name: 'Hardware', subTypes: [] },
  { name: 'Software', subTypes: ['Installation', 'Licensing'] },
  { name: 'Legacy Monitoring', subTypes: ['Disk Space'], isActive: false },
];
