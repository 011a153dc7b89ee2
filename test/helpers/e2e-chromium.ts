/**
 * @module The end-to-end walks' Chromium: the run's one shared Chromium when the run started one
 * (test/e2e/chromium.global-setup.ts), else one launched for the caller (the benchmarks).
 */
import { chromium, type Browser } from 'playwright-core';

/** Where the run's shared Chromium listens, once the end-to-end run's global setup started it. */
export const SHARED_CHROMIUM_ENV = 'E2E_CHROMIUM_WS_ENDPOINT';

export const CHROMIUM_LAUNCH = {
  executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
  headless: true,
  args: ['--disable-gpu', '--disable-quic', '--disable-component-update', '--disable-background-networking', '--disable-sync', '--no-first-run'],
};

/**
 * A browser whose pages share nothing with other callers' (each `newPage()` is a new context: no
 * cookies, storage or cache in common). Connected to the shared Chromium, `close()` drops this
 * caller's contexts and disconnects; launched, it ends that Chromium.
 */
export async function openChromium(): Promise<Browser> {
  const shared = process.env[SHARED_CHROMIUM_ENV];
  return shared ? chromium.connect(shared) : chromium.launch(CHROMIUM_LAUNCH);
}
