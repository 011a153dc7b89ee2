/**
 * @module Global setup of the end-to-end run: one Chromium for every walk file, each file connecting
 * to it and working in browser contexts of its own (test/helpers/e2e-chromium.ts), instead of
 * launching a Chromium per file (about a second of a core each on this machine).
 */
import { chromium } from 'playwright-core';
import { CHROMIUM_LAUNCH, SHARED_CHROMIUM_ENV } from '../helpers/e2e-chromium.js';

export default async function setup(): Promise<() => Promise<void>> {
  const server = await chromium.launchServer(CHROMIUM_LAUNCH);
  // The walk files' processes are started after this and inherit the variable.
  process.env[SHARED_CHROMIUM_ENV] = server.wsEndpoint();
  return async () => {
    delete process.env[SHARED_CHROMIUM_ENV];
    await server.close();
  };
}
