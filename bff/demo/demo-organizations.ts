/**
 * @module The demo partner's organizations, and how the sandboxes name their accounts/sites after
 * them: some exactly, some nearly (case, "Ltd", punctuation) and some not at all, so exact-name
 * auto-mapping has real work to do and real near-misses to leave alone.
 */

export interface DemoOrganization {
  id: string;
  name: string;
  billableUsers: number;
  /** How each vendor sandbox names its counterpart. */
  vendorName: 'exact' | 'near' | 'none';
  /** The near-miss spelling used when vendorName is 'near'. */
  nearName?: string;
}

export const DEMO_PARTNER_ID = 'demo-msp';

export const DEMO_ORGANIZATIONS: DemoOrganization[] = [
  { id: 'org-internal', name: 'Northwind MSP (Internal)', billableUsers: 14, vendorName: 'exact' },
  { id: 'org-acme', name: 'Acme Dental Group', billableUsers: 42, vendorName: 'exact' },
  { id: 'org-bluebird', name: 'Bluebird Logistics', billableUsers: 118, vendorName: 'exact' },
  { id: 'org-cedar', name: 'Cedar Ridge Law', billableUsers: 23, vendorName: 'exact' },
  { id: 'org-delta', name: 'Delta Veterinary Clinics', billableUsers: 57, vendorName: 'exact' },
  { id: 'org-evergreen', name: 'Evergreen Accounting', billableUsers: 31, vendorName: 'near', nearName: 'EVERGREEN ACCOUNTING' },
  { id: 'org-fjord', name: 'Fjord Marine Supply', billableUsers: 19, vendorName: 'near', nearName: 'Fjord Marine Supply Ltd' },
  { id: 'org-granite', name: 'Granite & Co Builders', billableUsers: 76, vendorName: 'near', nearName: 'Granite and Co. Builders' },
  { id: 'org-harbor', name: 'Harbor View Hotels', billableUsers: 204, vendorName: 'exact' },
  { id: 'org-ironwood', name: 'Ironwood Manufacturing', billableUsers: 163, vendorName: 'none' },
  { id: 'org-juniper', name: 'Juniper Schools Trust', billableUsers: 350, vendorName: 'none' },
  { id: 'org-kestrel', name: 'Kestrel Aviation Services', billableUsers: 38, vendorName: 'exact' },
];

/** Names the sandboxes give the accounts/sites that stand for demo organizations. */
export function vendorNamesForDemoOrganizations(): string[] {
  return DEMO_ORGANIZATIONS.filter((o) => o.vendorName !== 'none').map((o) => (o.vendorName === 'near' ? o.nearName! : o.name));
}

/** The platform's catalog the wizard's override tables offer by name (demo mode seeds it). */
export const DEMO_CATALOG = {
  alertTypes: [
    { id: 'at-too-many-downloads', name: 'Too Many Downloads' },
    { id: 'at-too-many-uploads', name: 'Too Many Uploads' },
    { id: 'at-mfa-failures', name: 'Multiple MFA Failures' },
    { id: 'at-impossible-travel', name: 'Impossible Travel' },
    { id: 'at-new-inbox-rule', name: 'Suspicious Inbox Rule' },
    { id: 'at-malware', name: 'Malware Detected' },
  ],
  respondRules: [
    { id: 'rr-disable-user', name: 'Disable user on impossible travel' },
    { id: 'rr-isolate-device', name: 'Isolate device on ransomware' },
  ],
  iocRules: [
    { id: 'ioc-known-bad-ip', name: 'Known bad IP sign-in' },
    { id: 'ioc-tor-exit', name: 'Sign-in from Tor exit node' },
  ],
};
