/** Failure handling: what is retried, how long to wait (Retry-After wins), and the advice shown. */
import { describe, expect, it } from 'vitest';
import { classifyFailure, FAILURE_ADVICE, failureCodeOfAdvice, retryDelayMs } from '../../../bff/routing/failure.js';
import { VendorError } from '../../../bff/vendors/vendor-errors.js';

describe('classifyFailure', () => {
  it.each([
    ['rate_limited', true],
    ['unavailable', true],
    ['rejected', false],
    ['invalid_credentials', false],
    ['not_found', false],
  ] as const)('%s retryable: %s', (code, retryable) => {
    const failure = classifyFailure(new VendorError('autotask', code, `msg ${code}`, { retryAfterMs: 1_500 }));
    expect(failure).toMatchObject({ code, retryable, message: `msg ${code}`, retryAfterMs: 1_500 });
    expect(failureCodeOfAdvice(FAILURE_ADVICE[code])).toBe(code);
  });

  it('treats our own errors as internal and retryable', () => {
    expect(classifyFailure(new Error('boom'))).toMatchObject({ code: 'internal', retryable: true });
  });
});

describe('retryDelayMs', () => {
  it.each([
    [1, null, 0, 500],
    [1, null, 1, 1_000],
    [3, null, 1, 4_000],
    [20, null, 1, 60_000],
    [1, 30_000, 0, 30_000],
  ] as const)('attempt %s, Retry-After %s, random %s → %s ms', (attempt, retryAfterMs, random, expected) => {
    expect(retryDelayMs(attempt, { retryAfterMs }, 1_000, 60_000, () => random)).toBe(expected);
  });
});
