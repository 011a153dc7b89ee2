/**
 * @module `<psa-wizard>` figures: (1) the size of the public elements, minified and gzipped with
 * every dependency, and what dominates it; (2) in Chromium against the demo server with 10,000
 * Autotask accounts, the account-mapping table's first render (a filter keystroke to the next paint
 * is keystroke-bench.ts). Goal: ≤ 50 KB gzip in total.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build as viteBuild } from 'vite';
import { startProduct } from '../helpers/e2e-server.js';
import { fillAutotaskCredentials } from './keystroke-bench.js';

const gz = (text: string | Uint8Array) => gzipSync(text, { level: 9 }).length;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

/**
 * Builds an entry exactly as the product's library build does (vite.config.ts: Vite 8 / Rolldown,
 * minified ES module, every dependency inside) and measures every chunk it writes.
 */
async function bundle(entryCode: string, external: Array<string | RegExp> = []) {
  const root = process.cwd();
  const dir = mkdtempSync(join(tmpdir(), 'psa-bench-'));
  const entry = join(dir, 'entry.ts');
  writeFileSync(entry, entryCode.replaceAll("'./", `'${root}/`));
  try {
    const result = await viteBuild({
      configFile: `${root}/vite.config.ts`, logLevel: 'silent',
      build: { write: false, sourcemap: false, lib: { entry, formats: ['es'], fileName: () => 'bench.js' }, rolldownOptions: { external } },
    });
    const outputs = (Array.isArray(result) ? result[0]! : result) as { output: Array<{ type: string; code?: string }> };
    const chunks = outputs.output.filter((o) => o.type === 'chunk').map((o) => o.code!);
    return { raw: chunks.reduce((n, c) => n + Buffer.byteLength(c), 0), gzip: chunks.reduce((n, c) => n + gz(c), 0) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const PSA_ONLY = `
  import { IhWizardShell } from './web-components/wizards/shared/wizard-shell.js';
  import { IhLoadStatus } from './web-components/wizards/shared/load-status.js';
  import { IhTextField } from './web-components/wizards/shared/fields/text-field.js';
  import { IhSelectField } from './web-components/wizards/shared/fields/select-field.js';
  import { IhSwitchField } from './web-components/wizards/shared/fields/switch-field.js';
  import { IhComboboxField } from './web-components/wizards/shared/fields/combobox-field.js';
  import { IhPageToasts } from './web-components/wizards/shared/page-toasts.js';
  import { PsaWizard } from './web-components/wizards/psa-wizard/psa-wizard.js';
  import { IhPsaCredentialsStep } from './web-components/wizards/psa-wizard/steps/psa-credentials-step.js';
  import { IhPsaAccountMappingStep } from './web-components/wizards/psa-wizard/steps/psa-account-mapping-step.js';
  import { IhPsaAccountTable } from './web-components/wizards/psa-wizard/steps/psa-account-table.js';
  import { IhPsaServiceParametersStep } from './web-components/wizards/psa-wizard/steps/psa-service-parameters-step.js';
  import { IhPsaOverrideTable } from './web-components/wizards/psa-wizard/steps/psa-override-table.js';
  import { IhPsaContractMappingStep } from './web-components/wizards/psa-wizard/steps/psa-contract-mapping-step.js';
  import { IhPsaFinishStep } from './web-components/wizards/psa-wizard/steps/psa-finish-step.js';
  const tags = { 'ih-wizard-shell': IhWizardShell, 'ih-load-status': IhLoadStatus, 'ih-text-field': IhTextField, 'ih-select-field': IhSelectField,
    'ih-switch-field': IhSwitchField, 'ih-combobox-field': IhComboboxField, 'ih-page-toasts': IhPageToasts, 'ih-psa-credentials-step': IhPsaCredentialsStep,
    'ih-psa-account-mapping-step': IhPsaAccountMappingStep, 'ih-psa-account-table': IhPsaAccountTable, 'ih-psa-service-parameters-step': IhPsaServiceParametersStep,
    'ih-psa-override-table': IhPsaOverrideTable, 'ih-psa-contract-mapping-step': IhPsaContractMappingStep, 'ih-psa-finish-step': IhPsaFinishStep, 'psa-wizard': PsaWizard };
  for (const [tag, c] of Object.entries(tags)) if (!customElements.get(tag)) customElements.define(tag, c);
`;

async function sizeBenchmark(): Promise<void> {
  console.log('\n<psa-wizard> bundle size (the product build: Vite 8, minified ESM, gzip -9; goal ≤ 50 KB gzip for all public elements)');
  const line = (label: string, r: { raw: number; gzip: number }, note = '') => console.log(`  ${label.padEnd(40)} ${kb(r.raw).padStart(9)} raw ${kb(r.gzip).padStart(9)} gzip  ${note}`);
  const all = await bundle(`import './web-components/define.ts';`);
  line('all public elements (define.ts)', all, all.gzip <= 50 * 1024 ? 'within goal' : 'OVER the 50 KB goal');
  const psa = await bundle(PSA_ONLY);
  line('<psa-wizard> with its parts', psa);
  // What each dependency costs: the same entry with it left out (its marginal gzip share).
  const deps: Record<string, RegExp> = {
    zod: /^zod(\/|$)/, xstate: /^xstate(\/|$)/, '@lit-labs/virtualizer': /^@lit-labs\/virtualizer/,
    'lit (lit-html, @lit/reactive-element, @lit/context)': /^(lit|lit-html|lit-element|@lit\/reactive-element|@lit\/context)(\/|$)/, 'hono/client': /^hono(\/|$)/,
  };
  for (const [name, pattern] of Object.entries(deps)) {
    const without = await bundle(PSA_ONLY, [pattern]);
    line(`  without ${name}`, without, `(${name} costs ${kb(psa.gzip - without.gzip)} gzip)`);
  }
  const own = await bundle(PSA_ONLY, Object.values(deps));
  line('  our own code only (wizard, shared parts, contracts)', own);
}

/** The 10,000-account table's first render, measured inside the page. */
async function tableBenchmark(): Promise<void> {
  console.log('\n<psa-wizard> account mapping in Chromium, 10,000 Autotask accounts (demo server, built bundle)');
  const built = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
  if (built.status !== 0) throw new Error('vite build failed');
  const ctx = await startProduct();
  try {
    const { page, origin } = ctx;
    await fillAutotaskCredentials(page, origin);
    const started = Date.now();
    await page.getByRole('button', { name: 'Next' }).click();
    // In the page: when the 10,000 accounts arrive, how long until the first paint that shows rows.
    const firstRender = await page.evaluate(async () => {
      const deep = () => document.querySelector('psa-wizard')?.shadowRoot?.querySelector('ih-psa-account-mapping-step')?.shadowRoot?.querySelector('ih-psa-account-table') as (HTMLElement & { accounts: unknown[] }) | null | undefined;
      const until = async (check: () => boolean) => { while (!check()) await new Promise((r) => setTimeout(r, 2)); };
      await until(() => (deep()?.accounts.length ?? 0) >= 10_000);
      const t0 = performance.now();
      const table = deep()!;
      table.shadowRoot!.querySelector('.viewport')!.scrollIntoView();
      await until(() => table.shadowRoot!.querySelectorAll('[part~="row"]').length > 5);
      await new Promise((r) => requestAnimationFrame(() => setTimeout(r)));
      return { ms: performance.now() - t0, rows: table.shadowRoot!.querySelectorAll('[part~="row"]').length };
    });
    const loadMs = Date.now() - started;
    console.log(`  accounts loaded and table shown       ${String(loadMs).padStart(6)} ms after Next (includes the BFF listing 10,000 accounts from the sandbox)`);
    console.log(`  first render of the table             ${firstRender.ms.toFixed(1).padStart(6)} ms from data to painted rows (${firstRender.rows} rows in the DOM of 10,000)`);

    // Keystroke to next paint: keystroke-bench.ts (Event Timing at 1× and 4× CPU, beside a plain <input>).
  } finally {
    await ctx.stop();
  }
}

export async function psaWizardBenchmarks(): Promise<void> {
  await sizeBenchmark();
  await tableBenchmark();
}
