/** @module vitest settings for the end-to-end walks: real server, real Chromium, one file at a time. */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.test.ts'],
    // One Chromium for the run; each file works in contexts of its own (see the setup file).
    globalSetup: ['test/e2e/chromium.global-setup.ts'],
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 60_000,
  },
});
