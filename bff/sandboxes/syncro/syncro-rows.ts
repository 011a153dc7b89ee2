/**
 * @module The Syncro sandbox's tables (compact rows; the wire JSON is built from them per
 * response) and the constants its seed and routes share.
 */

export const SEED = 0x5e1c70;
/** Assets account-wide when no scale is given. */
export const DEFAULT_ASSET_COUNT = 150;
/** The one Syncro account the sandbox simulates. */
export const ACCOUNT_ID = 1;
export const SANDBOX_SUBDOMAIN = 'sandbox';
/**
 * A second subdomain standing for another Syncro account, so "separate instance" can be tried (and
 * tested) with an account other than the one connected (issue 17, item 9); it shares the sandbox's data.
 */
export const SANDBOX_SECOND_SUBDOMAIN = 'sandbox-2';
/**
 * The asset custom field holding a Microsoft Entra device id: the name the public Syncro agent
 * script for SaaS Alerts' Entra feature writes with `Set-Asset-Field -Name msftEntraDeviceId`
 * (facts B2, GMIT).
 */
export const ENTRA_PROPERTY = 'msftEntraDeviceId';

export interface SyncroCustomerRow {
  id: number;
  firstname: string | null;
  lastname: string | null;
  businessName: string | null;
  email: string | null;
  phone: string | null;
  address: string | null;
  city: string | null;
  state: string | null;
  zip: string | null;
  disabled: boolean;
  createdAt: string;
  updatedAt: string;
  properties: Record<string, unknown>;
}

export interface SyncroContactRow {
  id: number;
  customerId: number;
  name: string;
  email: string | null;
  phone: string | null;
  title: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface SyncroAssetRow {
  id: number;
  customerId: number;
  contactId: number | null;
  name: string;
  assetType: string;
  serial: string | null;
  createdAt: string;
  updatedAt: string;
  /** Custom fields by name, plus `kabuto_information` (the agent's data) on agent devices. */
  properties: Record<string, unknown>;
  /** Drives `rmm_store.triggers.agent_offline_triggered`. */
  agentOffline: boolean;
}

export interface SyncroTicketRow {
  id: number;
  number: number;
  subject: string;
  customerId: number;
  contactId: number | null;
  status: string;
  problemType: string | null;
  priority: string | null;
  userId: number | null;
  assetIds: number[];
  properties: Record<string, unknown>;
  tagList: string[];
  dueDate: string | null;
  resolvedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface SyncroCommentRow {
  id: number;
  ticketId: number;
  subject: string;
  body: string;
  tech: string | null;
  hidden: boolean;
  userId: number | null;
  createdAt: string;
  updatedAt: string;
}

export interface SyncroAlertRow {
  id: number;
  customerId: number;
  assetId: number | null;
  computerName: string | null;
  description: string;
  formattedOutput: string | null;
  status: string | null;
  resolved: boolean;
  ticketId: number | null;
  checkId: number | null;
  properties: Record<string, unknown>;
  createdAt: string;
  updatedAt: string;
}

export interface SyncroProductRow {
  id: number;
  name: string;
  description: string;
  priceCost: number;
  priceRetail: number;
  category: string | null;
  sku: string | null;
  taxable: boolean;
  disabled: boolean;
}

export interface SyncroScheduleLineRow {
  id: number;
  productId: number | null;
  name: string;
  description: string;
  quantity: number;
  costCents: number;
  retailCents: number;
  position: number;
}

export interface SyncroScheduleRow {
  id: number;
  customerId: number;
  name: string;
  frequency: string;
  nextRun: string;
  paused: boolean;
  emailCustomer: boolean;
  lines: SyncroScheduleLineRow[];
}

export interface SyncroData {
  customers: SyncroCustomerRow[];
  contacts: SyncroContactRow[];
  assets: SyncroAssetRow[];
  tickets: SyncroTicketRow[];
  comments: SyncroCommentRow[];
  alerts: SyncroAlertRow[];
  products: SyncroProductRow[];
  schedules: SyncroScheduleRow[];
  nextId: { customer: number; contact: number; asset: number; ticket: number; ticketNumber: number; comment: number; alert: number; lineItem: number };
  /** Permissions the sandbox token lacks (set through `_control/permissions`). */
  deniedPermissions: Set<string>;
  /** Subdomains that have an account (`sandbox`, `sandbox-2`, plus any added through `_control/subdomains`); all share this data. */
  subdomains: Set<string>;
  /** The minute the data was seeded; seeded timestamps are relative to it. */
  anchor: number;
}

/** The API user behind the sandbox token (answers `/me`, authors comments). */
export const SANDBOX_USER = {
  id: 1,
  email: 'api-user@sandbox.example',
  fullName: 'Sandbox API User',
  group: 'Admins',
} as const;
