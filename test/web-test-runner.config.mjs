/**
 * @module @web/test-runner: the web components' tests in real (Debian) Chromium, against the real BFF
 * running in this Node process (test/helpers/browser-bff.ts: `/api/*` is the BFF, `/__test/*` the
 * test-only routes). Run from the repo root:
 *   npx web-test-runner --config test/web-test-runner.config.mjs
 * With WTR_RESULTS_FILE set, writes {passed, failed, skipped} there (npm test's summary reads it).
 */
import { writeFileSync } from 'node:fs';
import { defaultReporter } from '@web/test-runner';
import { chromeLauncher } from '@web/test-runner-chrome';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { a11ySnapshotPlugin } from '@web/test-runner-commands/plugins';

// Node 20 cannot load .ts itself; tsx's API loads the helper (and the BFF behind it) for this config only.
const { tsImport } = await import('tsx/esm/api');
const { createBrowserBff } = await tsImport('./helpers/browser-bff.ts', import.meta.url);
const bff = createBrowserBff();

/** Counts test results over all sessions; a file that failed to load counts as one failure. */
function resultsFileReporter(file) {
  return {
    onTestRunFinished({ sessions }) {
      if (!file) return;
      const counts = { passed: 0, failed: 0, skipped: 0 };
      const walk = (suite) => {
        for (const test of suite.tests) counts[test.skipped ? 'skipped' : test.passed ? 'passed' : 'failed'] += 1;
        suite.suites.forEach(walk);
      };
      for (const session of sessions) {
        const before = counts.failed;
        if (session.testResults) walk(session.testResults);
        if (!session.passed && counts.failed === before) counts.failed += 1;
      }
      writeFileSync(file, JSON.stringify(counts));
    },
  };
}

export default {
  rootDir: '.',
  files: 'test/web-components/**/*.browser.test.ts',
  // The `production` condition picks Lit's production build (no "dev mode" banner, same code as the bundle).
  nodeResolve: { exportConditions: ['production'] },
  // Explicit target: esbuild's default would leave decorators untouched (TOOLING.md gotcha 2); tsconfig
  // brings experimentalDecorators + useDefineForClassFields:false, as the Vite build uses.
  plugins: [
    esbuildPlugin({ ts: true, target: 'es2022', tsconfig: 'tsconfig.json' }),
    { name: 'browser-bff', serverStop: () => bff.close() },
    // Chromium's own accessibility tree (what a screen reader is given), for the field-error tests.
    a11ySnapshotPlugin(),
  ],
  middleware: [bff.middleware],
  // Two test files at a time (the default is half the cores: one here), each in its own tab. A tab
  // that is not the front one would have its timers throttled and never hold the focus, so Chromium
  // is told not to background tabs and each page emulates a focused window (as Playwright does for
  // every page); without that, focus and timing tests failed at two. Measured under load 7-10:
  // 83-89 s one at a time, 61-63 s two at a time.
  concurrency: 2,
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
        headless: true,
        args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run', '--disable-background-networking',
          '--disable-component-update', '--disable-sync', '--disable-default-apps', '--disable-extensions', '--disable-quic',
          '--disable-background-timer-throttling', '--disable-renderer-backgrounding', '--disable-backgrounding-occluded-windows'],
      },
      async createPage({ context }) {
        const page = await context.newPage();
        await (await page.createCDPSession()).send('Emulation.setFocusEmulationEnabled', { enabled: true });
        return page;
      },
    }),
  ],
  // Each test's budget. npm test runs these files beside the end-to-end walks on 2 cores (four
  // Chromium tabs, two BFFs); there a test that walks a wizard through the real BFF with axe on each
  // step takes 2-4 s when the machine is quiet and past 5 s under CI's load (3 such failures in one
  // CI run, 7 in another). One budget for all, rather than per-file overrides that each file only
  // learns it needs after failing in CI; a test that hangs still fails, 20 s later.
  testFramework: { config: { timeout: 20_000 } },
  reporters: [defaultReporter(), resultsFileReporter(process.env.WTR_RESULTS_FILE)],
};
