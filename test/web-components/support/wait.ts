/**
 * @module `waitUntil` for these tests: open-wc's, with a budget fit for what they wait on. Most
 * conditions here come true only after a round trip through the real BFF, which runs in the test
 * runner's own Node process and serves two test files at once (one of them may be loading a
 * 10,000-account list), beside the end-to-end walks on 2 shared cores. open-wc's 1 s default, and
 * the 2-6 s budgets files had picked one failure at a time, failed CI runs while the product was
 * right. A condition that never comes true still fails, with its message, after WAIT_BUDGET_MS.
 */
import { waitUntil as openWcWaitUntil } from '@open-wc/testing';

export const WAIT_BUDGET_MS = 10_000;

export function waitUntil(
  predicate: () => unknown | Promise<unknown>,
  message?: string,
  options: { interval?: number; timeout?: number } = {},
): Promise<void> {
  return openWcWaitUntil(predicate, message, { timeout: WAIT_BUDGET_MS, ...options });
}
