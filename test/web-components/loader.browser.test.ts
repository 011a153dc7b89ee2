/**
 * The built lazy entry (dist/elements/integration-elements-loader.js, from `npx vite build`) as a
 * host page loads it: each element's code arrives when the element first appears, a wizard's steps
 * when they are first shown. What the page downloaded is read from the browser's resource timing,
 * and what each downloaded chunk holds from its source map (the build writes one per chunk), so the
 * assertions name source modules, not chunk names a bundler may change.
 * Skipped when the elements have not been built (npm test builds them before this step).
 */
import { expect, fixture, html } from '@open-wc/testing';
import { waitUntil } from './support/wait.js';
import { seedPartner } from './support/test-bff.js';

const DIST = '/dist/elements/';
const LOADER = `${DIST}integration-elements-loader.js`;

// The test runner's own modules would otherwise fill the default buffer of 250 entries.
performance.setResourceTimingBufferSize(100_000);

/** Every built JS file this page has fetched so far. */
const downloaded = () => [...new Set(performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname).filter((p) => p.startsWith(DIST) && p.endsWith('.js')))];

const sourceCache = new Map<string, Promise<string[]>>();
/** The files the build wrote (its stamp), maps included. */
let built: Promise<Set<string>> | undefined;

/** The source modules (repo paths) inside every built JS file this page has fetched so far. */
async function downloadedSources(): Promise<string[]> {
  built ??= fetch('/dist/elements-build.json').then((r) => r.json()).then((stamp: { outputs: string[] }) => new Set(stamp.outputs));
  const outputs = await built;
  const lists = await Promise.all(downloaded().map((file) => {
    let sources = sourceCache.get(file);
    if (!sources) {
      // The bundler's own runtime helper chunk has no map: it is named by its file.
      const map = `${file.slice(DIST.length)}.map`;
      sources = outputs.has(map) ? fetch(`${DIST}${map}`).then((r) => r.json()).then((m: { sources: string[] }) => m.sources.map((s) => s.replace(/^(\.\.\/)+/, ''))) : Promise.resolve([file]);
      sourceCache.set(file, sources);
    }
    return sources;
  }));
  return lists.flat();
}

/** The first element matching `selector` through open shadow roots. */
function deep(root: ParentNode, selector: string): HTMLElement | null {
  const hit = root.querySelector<HTMLElement>(selector);
  if (hit) return hit;
  for (const el of root.querySelectorAll('*')) {
    const inner = el.shadowRoot && deep(el.shadowRoot, selector);
    if (inner) return inner;
  }
  return null;
}

const PSA_LATER_STEPS = ['psa-account-mapping-step.ts', 'psa-service-parameters-step.ts', 'psa-contract-mapping-step.ts', 'psa-finish-step.ts', 'psa-edit-summary.ts'];

describe('the lazy loader (integration-elements-loader.js)', function () {

  before(async function () {
    const res = await fetch(LOADER, { cache: 'no-store' });
    if (!res.ok) this.skip();
    await import(/* @vite-ignore */ LOADER);
  });

  it('registers nothing and downloads no element until an element appears', async () => {
    for (const tag of ['integration-hub', 'integration-list', 'psa-wizard', 'rmm-wizard', 'delivery-log', 'audit-log', 'organization-applications']) {
      expect(customElements.get(tag), tag).to.equal(undefined);
    }
    expect((await downloadedSources()).filter((s) => /web-components\/(elements|wizards)\/|node_modules/.test(s))).to.deep.equal([]);
  });

  it('a page with <integration-list> alone downloads nothing of a wizard, a log, the confirmation or the toasts until they are needed', async () => {
    const { token } = await seedPartner([{ vendor: 'autotask', status: 'active' }]);
    const list = await fixture(html`<integration-list kind="psa" .token=${token}></integration-list>`);
    await waitUntil(() => list.shadowRoot?.querySelector('[part~="row"]'), 'the list never showed its row');
    const sources = await downloadedSources();
    expect(sources.some((s) => s.endsWith('integration-list/integration-list.ts'))).to.equal(true);
    expect(sources.filter((s) => s.includes('web-components/wizards/'))).to.deep.equal([]);
    expect(sources.filter((s) => /delivery-log|audit-log|ih-toast-region\/(ih-toast-region|keep-clear)\.ts|@lit-labs\/virtualizer/.test(s))).to.deep.equal([]);
    expect(customElements.get('psa-wizard')).to.equal(undefined);
    expect(customElements.get('ih-confirm-dialog')).to.equal(undefined);
    expect(customElements.get('ih-toast-region')).to.equal(undefined);

    // The confirmation dialog's code arrives with the first question; Cancel keeps the row.
    list.shadowRoot!.querySelector<HTMLButtonElement>('[part~="delete-button"]')!.click();
    const dialog = () => list.shadowRoot!.querySelector('ih-confirm-dialog')?.shadowRoot?.querySelector<HTMLDialogElement>('dialog[open]');
    await waitUntil(dialog, 'the confirmation never opened');
    expect((await downloadedSources()).some((s) => s.endsWith('ih-confirm-dialog/ih-confirm-dialog.ts'))).to.equal(true);
    dialog()!.querySelector<HTMLButtonElement>('button[value="cancel"]')!.click();
    await waitUntil(() => !dialog(), 'the confirmation stayed open');
    expect(list.shadowRoot!.querySelectorAll('[part~="row"]')).to.have.length(1);

    // A log's code arrives when a log is first opened.
    list.shadowRoot!.querySelector<HTMLButtonElement>('[part~="audit-log-button"]')!.click();
    await waitUntil(() => list.shadowRoot!.querySelector('dialog[open] audit-log'), 'the audit log never opened');
    expect(customElements.get('audit-log')).to.be.a('function');
    expect((await downloadedSources()).some((s) => s.endsWith('audit-log/audit-log.ts'))).to.equal(true);
    list.shadowRoot!.querySelector<HTMLDialogElement>('dialog.logs')!.close();

    // The toasts' region arrives with the first toast, and the toast shows.
    list.shadowRoot!.querySelector<HTMLButtonElement>('[role="switch"]')!.click();
    const toasts = () => [...list.shadowRoot!.querySelector('ih-toast-region')?.shadowRoot?.querySelectorAll('[part~="toast"] p') ?? []].map((p) => p.textContent!.trim());
    await waitUntil(() => toasts().some((t) => t.includes('Ticket delivery to Autotask is paused')), `no toast (${toasts().join(' | ')})`);
    expect((await downloadedSources()).some((s) => s.endsWith('ih-toast-region/ih-toast-region.ts'))).to.equal(true);
  });

  it('opening <psa-wizard> downloads its first step only and nothing of the RMM wizard; the next step arrives when shown', async () => {
    const { token } = await seedPartner();
    const wizard = await fixture<HTMLElement & { step: string | null }>(html`<psa-wizard vendor="autotask" no-toast .token=${token}></psa-wizard>`);
    await waitUntil(() => wizard.shadowRoot && deep(wizard.shadowRoot, '[name="credentials.username"]')?.shadowRoot?.querySelector('input'), 'step 1 never showed a field');
    let sources = await downloadedSources();
    expect(sources.some((s) => s.endsWith('psa-wizard/steps/psa-credentials-step.ts'))).to.equal(true);
    expect(sources.filter((s) => s.includes('web-components/wizards/rmm-wizard/'))).to.deep.equal([]);
    expect(sources.filter((s) => PSA_LATER_STEPS.some((step) => s.endsWith(step)))).to.deep.equal([]);
    expect(customElements.get('ih-psa-account-mapping-step')).to.equal(undefined);
    expect(customElements.get('rmm-wizard')).to.equal(undefined);
    // The page's toasts arrive with the first toast (the confirmation at the end).
    expect(customElements.get('ih-page-toasts')).to.equal(undefined);
    // Step 1 checks its credentials without zod (bff/contracts/credential-rules.ts): no zod and no zod schema yet,
    // only zod's e-mail pattern (its regexes module, constants alone), so an address passes here as it passes the BFF.
    expect(sources.filter((s) => (s.includes('node_modules/zod/') && !s.endsWith('zod/v4/core/regexes.js')) || s.endsWith('bff/contracts/zod.ts') || s.endsWith('bff/contracts/credentials.ts'))).to.deep.equal([]);

    const type = (name: string, value: string) => {
      const input = deep(wizard.shadowRoot!, `[name="${name}"]`)!.shadowRoot!.querySelector('input')!;
      input.value = value;
      input.dispatchEvent(new Event('input'));
    };
    const shownError = (name: string) => deep(wizard.shadowRoot!, `[name="${name}"]`)!.shadowRoot!.querySelector('[part~="error"]')?.textContent?.trim();
    // Next still refuses what the BFF's schema refuses, in its words: a username that is no e-mail address, a secret past its limit.
    type('credentials.username', 'api-user');
    type('credentials.secret', 's'.repeat(201));
    deep(wizard.shadowRoot!, '[part~="next-button"]')!.click();
    await waitUntil(() => shownError('credentials.username') && shownError('credentials.secret'), 'Next showed no errors');
    expect(shownError('credentials.username')).to.equal('API username is the API user’s e-mail address');
    expect(shownError('credentials.secret')).to.equal('API password (secret) must be at most 200 characters');
    expect(wizard.step).to.equal('credentials');

    // The next step's code arrives when that step is shown.
    type('credentials.username', 'api-user@sandbox.example');
    type('credentials.secret', 'sandbox-secret');
    deep(wizard.shadowRoot!, '[part~="next-button"]')!.click();
    await waitUntil(() => wizard.step === 'account-mapping', `the wizard stayed on ${wizard.step}`);
    await waitUntil(() => wizard.shadowRoot!.querySelector('ih-psa-account-mapping-step')?.shadowRoot, 'step 2 never rendered');
    sources = await downloadedSources();
    expect(sources.some((s) => s.endsWith('psa-wizard/steps/psa-account-mapping-step.ts'))).to.equal(true);
    // The later steps' rules are zod schemas: zod arrives with them.
    expect(sources.some((s) => s.endsWith('bff/contracts/zod.ts'))).to.equal(true);
    expect(sources.filter((s) => s.endsWith('psa-contract-mapping-step.ts') || s.endsWith('psa-finish-step.ts'))).to.deep.equal([]);
    expect(sources.filter((s) => s.includes('web-components/wizards/rmm-wizard/'))).to.deep.equal([]);
  });
});
