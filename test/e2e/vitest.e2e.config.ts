/** @module vitest settings for the end-to-end walks: real server, real Chromium, two files at a time. */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.test.ts'],
    // One Chromium for the run; each file works in contexts of its own (see the setup file).
    globalSetup: ['test/e2e/chromium.global-setup.ts'],
    pool: 'forks',
    // A walk mostly waits on Chromium and its product (under half a core), so two files at once: each
    // starts its own product on a free port and a temp database, and Playwright keeps every page
    // focused, so the keyboard-only walks do not notice each other. Measured under load (npm test's
    // last stage, beside the browser tests and the typecheck): 258 s one at a time, 204 s two at a time.
    fileParallelism: true,
    maxWorkers: 2,
    testTimeout: 120_000,
    hookTimeout: 60_000,
  },
});
