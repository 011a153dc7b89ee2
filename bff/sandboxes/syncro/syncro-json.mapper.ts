/**
 * @module Turns the sandbox's rows into Syncro's wire JSON, field for field as the official
 * swagger's examples show them (facts B2), and pages lists into Syncro's `meta` envelope.
 */
import type {
  SyncroAlertRow,
  SyncroAssetRow,
  SyncroCommentRow,
  SyncroContactRow,
  SyncroCustomerRow,
  SyncroData,
  SyncroProductRow,
  SyncroScheduleRow,
  SyncroTicketRow,
} from './syncro-rows.js';
import { ACCOUNT_ID, SANDBOX_SUBDOMAIN, SANDBOX_USER } from './syncro-rows.js';

type Json = Record<string, unknown>;

export interface SyncroMeta {
  total_pages: number;
  total_entries?: number;
  per_page?: number;
  page: number;
}

/**
 * One page of `items`. Syncro pages are 1-based; a page past the end is empty. `short` gives the
 * two-field meta the swagger shows for tickets and RMM alerts.
 */
export function pageOf<T>(items: T[], pageParam: string | undefined, perPage: number, style: 'full' | 'short' | 'comments' = 'full'): { slice: T[]; meta: SyncroMeta } {
  const asked = Number(pageParam);
  const page = Number.isInteger(asked) && asked >= 1 ? asked : 1;
  const totalPages = Math.ceil(items.length / perPage);
  const slice = items.slice((page - 1) * perPage, page * perPage);
  if (style === 'short') return { slice, meta: { total_pages: totalPages, page } };
  if (style === 'comments') return { slice, meta: { total_pages: totalPages, page, per_page: perPage } };
  return { slice, meta: { total_pages: totalPages, total_entries: items.length, per_page: perPage, page } };
}

function fullName(c: SyncroCustomerRow): string {
  return [c.firstname, c.lastname].filter(Boolean).join(' ');
}

export function customerJson(c: SyncroCustomerRow, data: SyncroData | null): Json {
  const name = fullName(c);
  const json: Json = {
    id: c.id,
    firstname: c.firstname,
    lastname: c.lastname,
    fullname: name,
    business_name: c.businessName,
    email: c.email,
    phone: c.phone,
    mobile: null,
    created_at: c.createdAt,
    updated_at: c.updatedAt,
    pdf_url: null,
    address: c.address,
    address_2: null,
    city: c.city,
    state: c.state,
    zip: c.zip,
    latitude: null,
    longitude: null,
    notes: null,
    get_sms: false,
    opt_out: false,
    disabled: c.disabled,
    no_email: false,
    location_name: null,
    location_id: null,
    properties: c.properties,
    online_profile_url: `https://${SANDBOX_SUBDOMAIN}.syncromsp.com/my_profile/v2/index?portal_key=sandbox${c.id}`,
    tax_rate_id: null,
    notification_email: null,
    invoice_cc_emails: null,
    invoice_term_id: null,
    referred_by: null,
    ref_customer_id: null,
    business_and_full_name: c.businessName ? `${c.businessName} - ${name}` : name,
    business_then_name: c.businessName ?? name,
  };
  // Embedded customers (inside an asset or a ticket's list row) come without contacts.
  if (data) json.contacts = data.contacts.filter((x) => x.customerId === c.id).map(contactJson);
  return json;
}

export function contactJson(c: SyncroContactRow): Json {
  return {
    id: c.id,
    name: c.name,
    address1: null,
    address2: null,
    city: null,
    state: null,
    zip: null,
    email: c.email,
    phone: c.phone,
    mobile: null,
    latitude: null,
    longitude: null,
    customer_id: c.customerId,
    account_id: ACCOUNT_ID,
    notes: null,
    created_at: c.createdAt,
    updated_at: c.updatedAt,
    vendor_id: null,
    // A `title` sent on create ends up here (facts B2, SYN-LIVE).
    properties: c.title ? { title: c.title } : {},
    opt_out: false,
    extension: null,
  };
}

const TRIGGERS = ['bsod_triggered', 'time_triggered', 'no_av_triggered', 'defrag_triggered', 'firewall_triggered', 'app_crash_triggered', 'low_hd_space_triggered', 'smart_failure_triggered', 'device_manager_triggered', 'agent_offline_triggered'] as const;

export function assetJson(a: SyncroAssetRow, customers: Map<number, SyncroCustomerRow>): Json {
  const customer = customers.get(a.customerId);
  const triggers: Json = {};
  // Syncro sends trigger flags as the strings "true"/"false" (facts B2).
  for (const t of TRIGGERS) triggers[t] = t === 'agent_offline_triggered' && a.agentOffline && a.assetType === 'Syncro Device' ? 'true' : 'false';
  return {
    id: a.id,
    name: a.name,
    customer_id: a.customerId,
    contact_id: a.contactId,
    created_at: a.createdAt,
    updated_at: a.updatedAt,
    properties: a.properties,
    asset_type: a.assetType,
    asset_serial: a.serial,
    external_rmm_link: null,
    customer: customer ? customerJson(customer, null) : null,
    rmm_links: [],
    rmm_store: {
      id: a.id + 100_000_000,
      asset_id: a.id,
      account_id: ACCOUNT_ID,
      triggers,
      windows_updates: {},
      emsisoft: {},
      general: {},
      created_at: a.createdAt,
      updated_at: a.updatedAt,
      override_alert_agent_offline_mins: null,
      override_alert_agent_rearm_after_mins: null,
      override_low_hd_threshold: null,
      override_autoresolve_offline_alert: null,
    },
    address: null,
    has_live_chat: false,
    snmp_enabled: false,
  };
}

export function userJson(): Json {
  return { id: SANDBOX_USER.id, email: SANDBOX_USER.email, full_name: SANDBOX_USER.fullName, created_at: '2024-01-02T09:00:00.000Z', updated_at: '2024-01-02T09:00:00.000Z', group: SANDBOX_USER.group, admin: true, color: '1e3e96' };
}

/** `/me` for the account at `subdomain` (every known subdomain shares the sandbox user). */
export function meJson(subdomain: string = SANDBOX_SUBDOMAIN): Json {
  const rwd = { read: true, write: true, delete: true };
  return {
    user_token: '00000000-0000-4000-8000-000000000001',
    user_email: SANDBOX_USER.email,
    user_name: SANDBOX_USER.fullName,
    user_id: SANDBOX_USER.id,
    admin: true,
    can_use_app: true,
    two_factor_required: false,
    subdomain,
    default_location: null,
    enable_multi_locations: false,
    locations_allowed: [],
    permissions: { asset: rwd, customer: rwd, ticket: rwd, invoice: rwd, payment: rwd, worksheet: { add: true, manage: true, delete: true }, script: { execute: true } },
  };
}

function customerLabel(data: SyncroData, customerId: number): string | null {
  const c = data.customers.find((x) => x.id === customerId);
  return c ? (c.businessName ?? fullName(c)) : null;
}

export function commentJson(c: SyncroCommentRow, style: 'list' | 'created'): Json {
  const json: Json = { id: c.id, created_at: c.createdAt, updated_at: c.updatedAt, ticket_id: c.ticketId, subject: c.subject, body: c.body, tech: c.tech, hidden: c.hidden, user_id: c.userId };
  if (style === 'list') Object.assign(json, { is_rich_text: false, user: c.userId ? userJson() : {} });
  return json;
}

export function ticketListJson(t: SyncroTicketRow, data: SyncroData): Json {
  const contact = t.contactId ? data.contacts.find((c) => c.id === t.contactId) : undefined;
  return {
    id: t.id,
    number: t.number,
    subject: t.subject,
    created_at: t.createdAt,
    customer_id: t.customerId,
    customer_business_then_name: customerLabel(data, t.customerId),
    due_date: t.dueDate,
    resolved_at: t.resolvedAt,
    start_at: null,
    end_at: null,
    location_id: null,
    location_name: null,
    problem_type: t.problemType,
    status: t.status,
    ticket_type_id: null,
    ticket_type_name: null,
    properties: t.properties,
    user_id: t.userId,
    updated_at: t.updatedAt,
    pdf_url: null,
    priority: t.priority,
    billing_status: null,
    tag_list: t.tagList,
    sla_name: null,
    creator_name_or_email: SANDBOX_USER.email,
    contact_fullname: contact?.name ?? null,
    contract_name: null,
    address_id: null,
    parent: false,
    parent_id: null,
    child: false,
    recurring: false,
    customer_reply: false,
    total_formatted_billable_time: null,
    contact_id: t.contactId,
    sla_breached: false,
    sla_breaching_soon: false,
    contract_id: null,
    sla_id: null,
    customer_tag_list: [],
    resolution_time: null,
    response_time: null,
    customer_icons: [],
    // ASSUMPTION: list rows carry no comments (all_comments defaults to false from 2026-03-11, facts B2).
    comments: [],
    user: t.userId ? userJson() : null,
  };
}

export function ticketDetailJson(t: SyncroTicketRow, data: SyncroData): Json {
  const customers = new Map(data.customers.map((c) => [c.id, c]));
  const customer = customers.get(t.customerId);
  const contact = t.contactId ? data.contacts.find((c) => c.id === t.contactId) : undefined;
  const comments = data.comments.filter((c) => c.ticketId === t.id).map((c) => commentJson(c, 'created'));
  const assets = data.assets.filter((a) => t.assetIds.includes(a.id)).map((a) => assetJson(a, customers));
  return {
    id: t.id,
    number: t.number,
    subject: t.subject,
    created_at: t.createdAt,
    customer_id: t.customerId,
    customer_business_then_name: customerLabel(data, t.customerId),
    due_date: t.dueDate,
    start_at: null,
    end_at: null,
    location_id: null,
    problem_type: t.problemType,
    status: t.status,
    properties: t.properties,
    user_id: t.userId,
    updated_at: t.updatedAt,
    pdf_url: null,
    intake_form_html: null,
    signature_name: null,
    signature_date: null,
    asset_ids: t.assetIds,
    priority: t.priority,
    resolved_at: t.resolvedAt,
    outtake_form_name: null,
    outtake_form_date: null,
    outtake_form_html: null,
    tag_list: t.tagList,
    comments,
    attachments: [],
    ticket_timers: [],
    line_items: [],
    worksheet_results: [],
    assets,
    appointments: [],
    ticket_fields: [],
    ticket_answers: [],
    customer: customer ? customerJson(customer, data) : null,
    contact: contact ? contactJson(contact) : null,
    user: t.userId ? userJson() : null,
    ticket_type: null,
    address: null,
  };
}

export function alertJson(a: SyncroAlertRow, data: SyncroData, style: 'get' | 'created'): Json {
  const ticket = a.ticketId ? data.tickets.find((t) => t.id === a.ticketId) : undefined;
  const base: Json = {
    id: a.id,
    customer_id: a.customerId,
    computer_name: a.computerName,
    properties: a.properties,
    resolved: a.resolved,
    check_id: a.checkId,
    status: a.status,
    formatted_output: a.formattedOutput,
    description: a.description,
    created_at: a.createdAt,
    updated_at: a.updatedAt,
    asset_id: a.assetId,
  };
  // Create answers with `account_id`/`ticket_id`; GET with the ticket's number and status (facts B2).
  if (style === 'created') return { ...base, account_id: ACCOUNT_ID, ticket_id: a.ticketId };
  return { ...base, ticket_number: ticket?.number ?? null, ticket_status: ticket?.status ?? null };
}

export function productJson(p: SyncroProductRow): Json {
  return {
    id: p.id,
    price_cost: p.priceCost,
    price_retail: p.priceRetail,
    condition: null,
    description: p.description,
    maintain_stock: false,
    name: p.name,
    quantity: 0,
    warranty: null,
    sort_order: null,
    reorder_at: null,
    disabled: p.disabled,
    taxable: p.taxable,
    product_category: p.category,
    category_path: p.category,
    upc_code: null,
    discount_percent: null,
    warranty_template_id: null,
    qb_item_id: null,
    desired_stock_level: null,
    price_wholesale: 0,
    notes: null,
    tax_rate_id: null,
    physical_location: null,
    serialized: false,
    vendor_ids: [],
    product_skus: p.sku ? [{ id: p.id, vendor_name: 'Sandbox Distribution', sku: p.sku }] : [],
    long_description: null,
    location_quantities: [],
    photos: [],
  };
}

export function scheduleJson(s: SyncroScheduleRow): Json {
  const subtotal = s.lines.reduce((sum, l) => sum + (l.retailCents * l.quantity) / 100, 0);
  return {
    id: s.id,
    account_id: ACCOUNT_ID,
    customer_id: s.customerId,
    email_customer: s.emailCustomer,
    frequency: s.frequency,
    name: s.name,
    next_run: s.nextRun,
    snail_mail: false,
    charge_mop: false,
    subtotal,
    invoice_unbilled_ticket_charges: false,
    paused: s.paused,
    last_invoice_paid: null,
    lines: s.lines.map((l) => ({
      id: l.id,
      cost_cents: l.costCents,
      description: l.description,
      name: l.name,
      position: l.position,
      product_id: l.productId,
      // Syncro sends line quantities as decimal strings (facts B2).
      quantity: l.quantity.toFixed(1),
      retail_cents: l.retailCents,
      schedule_id: s.id,
      taxable: false,
      user_id: SANDBOX_USER.id,
      price_cost: l.costCents / 100,
      price_retail: l.retailCents / 100,
      product_category: null,
      asset_type_id: null,
      recurring_type_id: null,
      device_ids: [],
      one_time_charge: false,
    })),
  };
}
