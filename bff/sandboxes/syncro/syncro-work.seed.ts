/**
 * @module The Syncro sandbox's service data on top of customers and assets: products, recurring
 * invoices ("schedules"), tickets with comments, and RMM alerts. It does not grow with `scale`.
 */
import type { SyncroData, SyncroProductRow } from './syncro-rows.js';
import { SANDBOX_USER } from './syncro-rows.js';

const PRODUCTS: Array<Omit<SyncroProductRow, 'id' | 'disabled'>> = [
  { name: 'Managed Endpoint - Workstation', description: 'Monitoring, patching and support per workstation', priceCost: 4, priceRetail: 12, category: 'Managed Services', sku: 'ME-WS', taxable: false },
  { name: 'Managed Endpoint - Server', description: 'Monitoring, patching and support per server', priceCost: 15, priceRetail: 49, category: 'Managed Services', sku: 'ME-SRV', taxable: false },
  { name: 'SaaS Security Monitoring (per user)', description: 'Microsoft 365 / Google Workspace threat monitoring', priceCost: 1.5, priceRetail: 4, category: 'Security', sku: 'SEC-SAAS', taxable: false },
  { name: 'Security Awareness Training (per user)', description: 'Monthly phishing simulation and training', priceCost: 1, priceRetail: 3, category: 'Security', sku: 'SEC-SAT', taxable: false },
  { name: 'Cloud Backup 1 TB', description: 'Offsite backup, 1 TB block', priceCost: 20, priceRetail: 60, category: 'Backup', sku: 'BK-1TB', taxable: false },
  { name: 'Microsoft 365 Business Premium', description: 'Monthly licence', priceCost: 19.8, priceRetail: 22, category: 'Licensing', sku: 'M365-BP', taxable: true },
  { name: 'Onsite Labor (hour)', description: 'Technician onsite, per hour', priceCost: 0, priceRetail: 125, category: 'Labor', sku: 'LAB-ON', taxable: false },
  { name: 'Firewall Appliance', description: 'Next-generation firewall, small office', priceCost: 480, priceRetail: 795, category: 'Hardware', sku: 'HW-FW', taxable: true },
];

const SUBJECTS = [
  'Outlook keeps asking for password',
  'New starter laptop setup',
  'Printer offline on 2nd floor',
  'VPN drops every hour',
  'Suspicious sign-in from unfamiliar location',
  'Server disk space low',
  'Shared drive permissions for finance',
  'Replace failing SSD',
  'Phishing e-mail reported by user',
  'Teams audio not working',
];
const STATUSES = ['New', 'In Progress', 'Waiting on Customer', 'Scheduled', 'Resolved'];
const PROBLEM_TYPES = ['Software', 'Hardware', 'Network', 'Virus', 'Other'];
const PRIORITIES = ['0 Urgent', '1 High', '2 Normal', '2 Normal', '3 Low'];
const ALERTS = [
  { description: 'Low Hd Space Trigger', output: 'Drive C: has less than 10% free space' },
  { description: 'Agent Offline Trigger', output: 'The Syncro agent has not checked in for 60 minutes' },
  { description: 'Windows Update Trigger', output: 'Pending updates failed to install' },
  { description: 'No AV Trigger', output: 'No antivirus product detected' },
  { description: 'Firewall Trigger', output: 'Windows Firewall is turned off' },
];

export function seedWork(data: SyncroData, rand: () => number, ago: (minutes: number) => string): void {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
  PRODUCTS.forEach((p, i) => data.products.push({ ...p, id: 4_410_001 + i, disabled: false }));

  const active = data.customers.filter((c) => !c.disabled);
  active.filter((c) => c.businessName).forEach((customer, i) => {
    const seats = 5 + Math.floor(rand() * 60);
    const lines = [data.products[0]!, data.products[2]!].map((p, position) => ({
      id: data.nextId.lineItem++,
      productId: p.id,
      name: p.name,
      description: p.description,
      quantity: position === 0 ? data.assets.filter((a) => a.customerId === customer.id).length : seats,
      costCents: Math.round(p.priceCost * 100),
      retailCents: Math.round(p.priceRetail * 100),
      position,
    }));
    data.schedules.push({
      id: 62_001 + i,
      customerId: customer.id,
      name: `${customer.businessName} - Managed Services`,
      frequency: 'Monthly',
      nextRun: new Date(data.anchor + (1 + (i % 27)) * 86_400_000).toISOString(),
      paused: false,
      emailCustomer: true,
      lines,
    });
  });

  for (let i = 0; i < 24; i++) {
    const customer = active[Math.floor(rand() * active.length)]!;
    const assets = data.assets.filter((a) => a.customerId === customer.id);
    const contact = data.contacts.find((c) => c.customerId === customer.id) ?? null;
    const status = pick(STATUSES);
    const created = ago(60 * 24 * rand() * 45);
    const ticket = {
      id: data.nextId.ticket++,
      number: data.nextId.ticketNumber++,
      subject: pick(SUBJECTS),
      customerId: customer.id,
      contactId: contact?.id ?? null,
      status,
      problemType: pick(PROBLEM_TYPES),
      priority: pick(PRIORITIES),
      userId: SANDBOX_USER.id,
      assetIds: assets.length > 0 && rand() < 0.5 ? [pick(assets).id] : [],
      properties: {},
      tagList: [],
      dueDate: new Date(Date.parse(created) + 3 * 86_400_000).toISOString(),
      resolvedAt: status === 'Resolved' ? created : null,
      createdAt: created,
      updatedAt: created,
    };
    data.tickets.push(ticket);
    const commentCount = 1 + Math.floor(rand() * 3);
    for (let k = 0; k < commentCount; k++) {
      const at = new Date(Date.parse(created) + k * 3_600_000).toISOString();
      data.comments.push({
        id: data.nextId.comment++,
        ticketId: ticket.id,
        subject: k === 0 ? 'Initial Issue' : 'Update',
        body: k === 0 ? `${ticket.subject}. Reported by ${contact?.name ?? 'the customer'}.` : 'Working on it; will update shortly.',
        tech: k === 0 ? null : SANDBOX_USER.fullName,
        hidden: k > 0 && rand() < 0.5,
        userId: k === 0 ? null : SANDBOX_USER.id,
        createdAt: at,
        updatedAt: at,
      });
    }
  }

  const agentAssets = data.assets.filter((a) => a.assetType === 'Syncro Device');
  for (let i = 0; i < 18 && agentAssets.length > 0; i++) {
    const asset = agentAssets[Math.floor(rand() * agentAssets.length)]!;
    const kind = pick(ALERTS);
    const created = ago(60 * 24 * rand() * 20);
    const resolved = rand() < 0.35;
    data.alerts.push({
      id: data.nextId.alert++,
      customerId: asset.customerId,
      assetId: asset.id,
      computerName: asset.name,
      description: kind.description,
      formattedOutput: kind.output,
      status: resolved ? 'resolved' : 'active',
      resolved,
      ticketId: null,
      checkId: null,
      properties: {},
      createdAt: created,
      updatedAt: created,
    });
  }
}
