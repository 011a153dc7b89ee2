/** Failure handling: what is retried, how long to wait (Retry-After wins), and the advice shown. */
import { describe, expect, it } from 'vitest';
import { classifyFailure, FAILURE_ADVICE, failureCodeOfAdvice, retryDelayMs, writeMayHaveLanded } from '../../../bff/routing/failure.js';
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

describe('writeMayHaveLanded', () => {
  const err = (code: ConstructorParameters<typeof VendorError>[1], status?: number) => new VendorError('autotask', code, 'x', { status });
  it.each([
    ['a time-out or dropped connection (no answer)', err('unavailable', 0), true],
    ['a gateway time-out', err('unavailable', 504), true],
    ['a bad gateway', err('unavailable', 502), true],
    ['a generic 500', err('unavailable', 500), true],
    ['a 2xx we could not read', err('unexpected_answer', 200), true],
    ['our own error mid-call', new Error('boom'), true],
    ['the vendor’s 503', err('unavailable', 503), false],
    ['a refused connection', err('unavailable', -1), false],
    ['a 429', err('rate_limited', 429), false],
    ['a refusal', err('rejected', 400), false],
    ['a missing record', err('not_found', 404), false],
  ] as Array<[string, unknown, boolean]>)('%s: %s', (_name, error, landed) => {
    expect(writeMayHaveLanded(error)).toBe(landed);
  });
});
