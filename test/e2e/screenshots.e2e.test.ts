/**
 * Every step of one PSA wizard (Autotask) and one RMM wizard (Datto RMM) on the demo page at 1400,
 * 1024 and 390 px, compared with the committed baselines (test/e2e/screenshots/, tolerance in
 * test/helpers/screenshots.ts). One browser, one walk: at each step the page is resized to each width.
 * Also checks what a screenshot cannot: nothing scrolls sideways, the button bar is on screen, the
 * mapping table shows at least 12 rows on a 1000 px tall page, and the suggestions accepted in bulk
 * (keyboard only, through the review) are what the BFF stores.
 * Regenerate with `UPDATE_SCREENSHOTS=1 npx vitest run --config test/e2e/vitest.e2e.config.ts test/e2e/screenshots.e2e.test.ts`.
 */
import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { useDemoPage } from '../helpers/demo-page.js';
import { matchScreenshot } from '../helpers/screenshots.js';
import { acceptAllSuggestions, answerRefusals, autotaskToMapping, chooseAlertPriorities, openWizard, pressNext, waitFor, waitStep, waitText, wizardText } from '../helpers/psa-wizard-keyboard.js';

const WIDTHS = [1400, 1024, 390] as const;
const HEIGHT = 1000;
const demo = useDemoPage();

/** Sideways overflow of the page, and whether the wizard's button bar is inside the window. */
function layoutFacts(page: Page, wizardTag: string) {
  return page.evaluate((tag) => {
    const footer = document.querySelector(tag)?.shadowRoot?.querySelector('ih-wizard-shell')?.shadowRoot?.querySelector('.footer');
    const box = footer?.getBoundingClientRect();
    // What sticks out on the right, through shadow roots (named in the failure).
    const wide: string[] = [];
    const visit = (root: Document | ShadowRoot) => root.querySelectorAll('*').forEach((el) => {
      const r = el.getBoundingClientRect();
      if (r.right > window.innerWidth + 1 && wide.length < 4) wide.push(`${el.localName}.${[...el.classList].join('.')}#${el.id} right ${Math.round(r.right)}`);
      if (el.shadowRoot) visit(el.shadowRoot);
    });
    visit(document);
    return {
      sideways: document.documentElement.scrollWidth > window.innerWidth ? wide.join(', ') || 'yes' : '',
      footerOnScreen: box ? box.top >= 0 && box.bottom <= window.innerHeight && box.left >= 0 && box.right <= window.innerWidth : false,
    };
  }, wizardTag);
}

/** At each width: the step from the wizard's top (and from `also`'s top, named `-also`), with the layout facts. */
async function shoot(page: Page, wizardTag: string, name: string, failures: string[], also?: Locator): Promise<void> {
  // The step's own content, not the lazy loader's "Loading this step…" while its code arrives: the step
  // element first (checking only that the status line is gone passed before the line had appeared).
  await page.locator(`${wizardTag} [part~="step"]`).first().waitFor();
  await page.locator(`${wizardTag} .step-loading`).waitFor({ state: 'detached' });
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: HEIGHT });
    const failure = await matchScreenshot(page, page.locator('#wizard-section'), `${name}-${width}`);
    if (failure) failures.push(failure);
    const facts = await layoutFacts(page, wizardTag);
    if (facts.sideways) failures.push(`${name}-${width}: the page scrolls sideways (${facts.sideways})`);
    if (!facts.footerOnScreen) failures.push(`${name}-${width}: the button bar is off screen`);
    const more = also && (await matchScreenshot(page, also, `${name}-${width}-also`));
    if (more) failures.push(more);
  }
  await page.setViewportSize({ width: WIDTHS[0], height: HEIGHT });
}

/** Rows of the account table wholly inside its scrolling body and the window, above the button bar (the body scrolled to the window's top). */
function visibleTableRows(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const table = document.querySelector('psa-wizard')!.shadowRoot!.querySelector('ih-psa-account-mapping-step')!.shadowRoot!.querySelector('ih-psa-account-table')!;
    const viewport = table.shadowRoot!.querySelector('.viewport')!;
    viewport.scrollIntoView({ block: 'start' });
    // The virtualizer renders the rows for the new size and scroll position over the next frames.
    for (let i = 0; i < 10; i++) await new Promise(requestAnimationFrame);
    const body = viewport.getBoundingClientRect();
    // The sticky button bar covers what is under it.
    const footer = document.querySelector('psa-wizard')!.shadowRoot!.querySelector('ih-wizard-shell')!.shadowRoot!.querySelector('.footer')!.getBoundingClientRect();
    const top = Math.max(body.top, 0);
    const bottom = Math.min(body.bottom, window.innerHeight, footer.top);
    return [...table.shadowRoot!.querySelectorAll('[part~="row"]')].filter((r) => {
      const box = r.getBoundingClientRect();
      return box.height > 0 && box.top >= top - 1 && box.bottom <= bottom + 1;
    }).length;
  });
}

describe('screenshots at 1400, 1024 and 390 px', () => {
  it('Autotask: every step', async () => {
    const { page } = demo.ctx;
    const failures: string[] = [];
    await page.setViewportSize({ width: WIDTHS[0], height: HEIGHT });
    await openWizard(page, 'Autotask');
    await shoot(page, 'psa-wizard', 'autotask-1-credentials', failures);
    await autotaskToMapping(page);
    await waitText(page, 'Accept all');
    await shoot(page, 'psa-wizard', 'autotask-2-account-mapping', failures, page.locator('ih-psa-account-table'));
    await page.setViewportSize({ width: 1024, height: HEIGHT });
    expect(await visibleTableRows(page)).toBeGreaterThanOrEqual(12);
    await page.setViewportSize({ width: WIDTHS[0], height: HEIGHT });
    await acceptAllSuggestions(page);
    await pressNext(page);
    await waitStep(page, 'service-parameters');
    await waitText(page, 'Priority for Critical alerts');
    await shoot(page, 'psa-wizard', 'autotask-3-service-parameters', failures);
    await chooseAlertPriorities(page);
    await answerRefusals(page, 'service-parameters');
    await waitStep(page, 'contract-mapping');
    await waitFor(page, 'the contracts', async () => !/Loading contracts|Loading…/.test(await wizardText(page)));
    await shoot(page, 'psa-wizard', 'autotask-4-contract-mapping', failures, page.locator('ih-psa-contract-mapping-step table'));
    await pressNext(page);
    await waitStep(page, 'finish');
    await shoot(page, 'psa-wizard', 'autotask-5-finish', failures);
    await pressNext(page, 'Finish');
    await waitFor(page, 'the Autotask toast', async () => page.evaluate(() => document.querySelector('integration-hub')?.shadowRoot?.querySelector('ih-page-toasts')?.messages.some((m) => m.includes('Autotask is connected')) ?? false));
    // The suggestions accepted in bulk, near matches included, are what the BFF stored.
    const [psa] = (await demo.api('/integrations?kind=psa')).integrations;
    const stored = (await demo.api(`/integrations/${psa.id}/psa/account-mapping`)).mappings as Array<{ psaAccountName: string; organizationId: string }>;
    expect(Object.fromEntries(stored.map((m) => [m.psaAccountName, m.organizationId]))).toEqual({
      'Northwind MSP (Internal)': 'org-internal', 'Acme Dental Group': 'org-acme', 'Bluebird Logistics': 'org-bluebird', 'Cedar Ridge Law': 'org-cedar',
      'Delta Veterinary Clinics': 'org-delta', 'EVERGREEN ACCOUNTING': 'org-evergreen', 'Fjord Marine Supply Ltd': 'org-fjord',
      'Granite and Co. Builders': 'org-granite', 'Harbor View Hotels': 'org-harbor', 'Kestrel Aviation Services': 'org-kestrel',
    });
    expect(failures).toEqual([]);
  });

  it('Datto RMM: every step', async () => {
    const { page } = demo.ctx;
    const failures: string[] = [];
    const wizard = page.locator('rmm-wizard');
    const next = () => wizard.getByRole('button', { name: 'Next' }).click();
    await page.getByRole('button', { name: 'Close', exact: true }).click();
    await page.getByRole('button', { name: 'Add RMM' }).click();
    await page.getByRole('button', { name: 'Datto RMM', exact: true }).click();
    await page.getByRole('heading', { name: 'Step 1 of 5: Organization' }).waitFor();
    await shoot(page, 'rmm-wizard', 'datto-1-organization', failures);
    await wizard.getByLabel('Organization for this integration').selectOption({ label: 'Northwind MSP (Internal)' });
    await next();
    await page.getByRole('heading', { name: 'Step 2 of 5: Set Credentials' }).waitFor();
    await shoot(page, 'rmm-wizard', 'datto-2-credentials', failures);
    await wizard.getByLabel('Datto RMM platform (region)').selectOption({ label: 'Merlot' });
    await wizard.getByLabel('API Key', { exact: true }).fill('sandbox-key');
    await wizard.getByLabel('API Secret Key').fill('sandbox-secret');
    await next();
    await page.getByRole('heading', { name: 'Step 3 of 5: Organization Mapping' }).waitFor();
    await wizard.getByText(/\d+ mapped, \d+ not mapped/).waitFor();
    await shoot(page, 'rmm-wizard', 'datto-3-mapping', failures, wizard.locator('ih-rmm-mapping-step [part~="site-list"]'));
    await next();
    await page.getByRole('heading', { name: 'Step 4 of 5: Parameters' }).waitFor();
    await shoot(page, 'rmm-wizard', 'datto-4-parameters', failures);
    await next();
    await page.getByRole('heading', { name: 'Step 5 of 5: Finish' }).waitFor();
    await shoot(page, 'rmm-wizard', 'datto-5-finish', failures);
    expect(failures).toEqual([]);
  });
});
