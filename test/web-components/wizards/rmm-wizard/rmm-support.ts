/**
 * @module Browser-side helpers for the RMM wizard and applications tests: a partner with the demo
 * organizations, RMM and PSA connections made through the real API (against the sandboxes), and
 * small queries into the wizard's shadow roots.
 */
import { fixture, html } from '@open-wc/testing';
import { waitUntil } from '../../support/wait.js';
import type { RmmWizard } from '../../../../web-components/index.js';
import { DEMO_ORGANIZATIONS } from '../../../../bff/demo/demo-organizations.js';
import { seedPartner } from '../../support/test-bff.js';

export const DATTO = { platform: 'merlot', apiKey: 'sandbox-key', apiSecret: 'sandbox-secret' };
export const SYNCRO = { subdomain: 'sandbox', apiToken: 'sandbox-token' };

export async function api<T = any>(token: string, method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
  const res = await fetch(`/api${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: res.status === 204 ? (undefined as T) : await res.json() };
}

/** A fresh partner with the demo organizations (the platform's copy, as the host pushes it). */
export async function partnerWithOrganizations() {
  const seeded = await seedPartner();
  const put = await api(seeded.token, 'PUT', '/organizations', { organizations: DEMO_ORGANIZATIONS.map((o) => ({ id: o.id, name: o.name, billableUsers: o.billableUsers })) });
  if (put.status !== 200) throw new Error(`organizations: ${put.status}`);
  return seeded;
}

/**
 * Connects an RMM entirely through the API: create, map (auto exact names + `extra` rows), complete.
 * Complete starts the first device sync; unless `waitForFirstSync` is false this waits for it to end.
 */
export async function connectRmm(token: string, vendor: 'datto-rmm' | 'syncro', userActivityOrganizationId: string, options: { autoMapExact?: boolean; confirmSeparateInstance?: boolean; waitForFirstSync?: boolean } = {}) {
  const created = await api(token, 'POST', '/integrations', {
    vendor, credentials: vendor === 'syncro' ? SYNCRO : DATTO, confirmSeparateInstance: options.confirmSeparateInstance ?? false,
    ...(vendor === 'datto-rmm' ? { userActivityOrganizationId } : {}),
  });
  if (created.status !== 201) throw new Error(`create ${vendor}: ${created.status} ${JSON.stringify(created.body)}`);
  const id = created.body.id as string;
  const mapped = await api(token, 'PUT', `/integrations/${id}/rmm/mapping`, { userActivityOrganizationId, autoMapExact: options.autoMapExact ?? true, siteTypes: ['managed'], mappings: [] });
  if (mapped.status !== 200) throw new Error(`map ${vendor}: ${mapped.status} ${JSON.stringify(mapped.body)}`);
  const done = await api(token, 'POST', `/integrations/${id}/rmm/complete`);
  if (done.status !== 200) throw new Error(`complete ${vendor}: ${done.status}`);
  if (options.waitForFirstSync ?? true) await firstSyncEnded(token, id);
  return { id, mapping: mapped.body };
}

/** Waits until the device sync that Finish started has ended; answers its status. */
export async function firstSyncEnded(token: string, id: string) {
  let status: { state: string; deviceCount: number; lastError: string | null } | undefined;
  await waitFor(async () => {
    status = (await api(token, 'GET', `/integrations/${id}/rmm/sync`)).body;
    return status!.state !== 'running' && status!.state !== 'never';
  }, `the first sync of ${id} did not end`);
  return status!;
}

/** The shadow root of an element inside another's shadow root, by selector, in order. */
export function deep(root: Element, ...selectors: string[]): Element {
  let node: Element | ShadowRoot = root;
  for (const selector of selectors) {
    const scope: ParentNode = (node as Element).shadowRoot ?? (node as unknown as ShadowRoot);
    const found: Element | null = scope.querySelector(selector);
    if (!found) throw new Error(`no ${selector}`);
    node = found;
  }
  return node as Element;
}

export const waitFor = (predicate: () => unknown, message: string) => waitUntil(async () => Boolean(await predicate()), message, { interval: 20 });

// ---- the wizard, as a person sees it -----------------------------------------------------------

export async function openWizard(vendor: 'datto-rmm' | 'syncro', token: string, integrationId?: string): Promise<RmmWizard> {
  const el = await fixture<RmmWizard>(html`<rmm-wizard vendor=${vendor} integration-id=${integrationId ?? ''} .token=${token}></rmm-wizard>`);
  if (!integrationId) el.removeAttribute('integration-id');
  await waitFor(() => el.step && currentStep(el), 'wizard did not start');
  return el;
}

/** The current step's element (inside the wizard's shadow root). */
export function currentStep(el: RmmWizard): HTMLElement & { updateComplete: Promise<boolean> } {
  return el.shadowRoot!.querySelector('[data-step]') as HTMLElement & { updateComplete: Promise<boolean> };
}

export const shell = (el: RmmWizard) => el.shadowRoot!.querySelector('ih-wizard-shell')!;
export const navButton = (el: RmmWizard, part: 'next-button' | 'back-button' | 'cancel-button') =>
  shell(el).shadowRoot!.querySelector<HTMLButtonElement>(`[part~="${part}"]`)!;
export const stepHeading = (el: RmmWizard) => shell(el).shadowRoot!.querySelector('[part~="step-heading"]')?.textContent?.trim() ?? '';

/** A field of the current step by its name (`userActivityOrganizationId`, `credentials.apiKey`, `sites.<id>`). */
export function field(el: RmmWizard, name: string): HTMLElement & { error: string; value: unknown; updateComplete: Promise<boolean> } {
  const found = currentStep(el).shadowRoot!.querySelector(`[name="${name}"]`);
  if (!found) throw new Error(`no field ${name} on step ${el.step}`);
  return found as never;
}

/** The native control inside a wizard field. */
export const control = (fieldEl: Element) => fieldEl.shadowRoot?.querySelector<HTMLInputElement | HTMLSelectElement>('input, select, button[role="switch"]') ?? (fieldEl as HTMLInputElement);

export async function choose(el: RmmWizard, name: string, value: string) {
  const select = control(field(el, name)) as HTMLSelectElement;
  select.value = value;
  select.dispatchEvent(new Event('change', { bubbles: true }));
  await settle(el);
}

export async function type(el: RmmWizard, name: string, text: string) {
  const input = control(field(el, name)) as HTMLInputElement;
  input.value = text;
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  await settle(el);
}

/** Lets the wizard, its step and their fields render. */
export async function settle(el: RmmWizard) {
  await el.updateComplete;
  await currentStep(el)?.updateComplete;
  await new Promise((resolve) => setTimeout(resolve));
}

/** Presses Next and waits until the wizard is on `step` (or, without one, until it settled). */
export async function next(el: RmmWizard, step?: string) {
  navButton(el, 'next-button').click();
  if (step) {
    await waitFor(() => el.step === step && currentStep(el) && !shell(el).busy, `not on ${step}`).catch((error: Error) => {
      const problem = el.shadowRoot!.querySelector('[part~="problem"]')?.textContent?.trim();
      const errors = [...(currentStep(el)?.shadowRoot?.querySelectorAll('[invalid]') ?? [])].map((f) => `${f.getAttribute('name')}: ${(f as unknown as { error?: string }).error ?? ''}`);
      throw new Error(`${error.message}: on ${el.step}${problem ? `, problem "${problem}"` : ''}${errors.length ? `, errors ${errors.join('; ')}` : ''}`);
    });
  }
  await settle(el);
}

/** Waits until the mapping step has its sites. */
export async function sitesLoaded(el: RmmWizard) {
  // The virtualizer renders only rows inside the window's viewport: bring the list into view, as a person scrolling would.
  await waitFor(() => {
    const list = currentStep(el)?.shadowRoot?.querySelector('[part~="site-list"]');
    list?.scrollIntoView({ block: 'start' });
    return list?.querySelector('.site-row');
  }, 'sites did not load');
  await settle(el);
}

export function siteRow(el: RmmWizard, siteName: string): HTMLElement {
  const rows = [...currentStep(el).shadowRoot!.querySelectorAll<HTMLElement>('.site-row')];
  const row = rows.find((r) => r.querySelector('.site-name')?.textContent === siteName);
  if (!row) throw new Error(`no row ${siteName}; rows: ${rows.map((r) => r.querySelector('.site-name')?.textContent).join(', ')}`);
  return row;
}

/** Ignores the virtualizer's harmless ResizeObserver notice under mocha (TOOLING.md gotcha 12). */
export function ignoreResizeObserverLoop() {
  window.addEventListener('error', (e) => { if (e.message?.startsWith('ResizeObserver loop')) e.stopImmediatePropagation(); }, true);
}
