/**
 * @module How a failed vendor call is handled: whether waiting may help (429, 5xx, time-outs), how
 * long to wait (the vendor's Retry-After, else exponential backoff with jitter), and the advice an
 * admin sees for each kind of failure on the integration's health view.
 */
import { VendorError, type VendorErrorCode } from '../vendors/vendor-errors.js';

export type FailureCode = VendorErrorCode | 'internal';

export interface Failure {
  code: FailureCode;
  retryable: boolean;
  message: string;
  retryAfterMs: number | null;
  /** The vendor's HTTP status (0: no answer), when a vendor call failed. */
  status: number | null;
}

export const FAILURE_ADVICE: Record<FailureCode, string> = {
  invalid_credentials: 'The PSA refused the API user’s credentials. Enter them again in the integration’s Credentials step, then retry the failed alerts.',
  missing_permission: 'The PSA API user lacks a permission (creating tickets or notes, reading contacts). Grant it in the PSA’s security settings, then retry.',
  rate_limited: 'The PSA kept limiting requests for this account for as long as alerts are kept waiting (72 hours unless configured otherwise). Other tools may be spending the same API budget; retry the failed alerts.',
  unavailable: 'The PSA did not answer (outage or time-out) for as long as alerts are kept waiting (72 hours unless configured otherwise). Check the PSA’s status page, then retry the failed alerts.',
  not_found: 'The PSA no longer has a record the ticket needs (account, contact, contract or ticket). Review the mappings, then retry.',
  rejected: 'The PSA refused the ticket or note as configured. Its message says which value; correct the ticket settings or mappings, then retry.',
  unexpected_answer: 'The PSA answered in a shape we could not read. Retry later; if it persists, report it with the message shown.',
  internal: 'Delivery failed inside the integration hub. It was logged; retry the alert.',
};

// ASSUMPTION: a refusal (4xx: rejected, not_found, credentials, permission) fails the alert at once,
// since repeating the same request cannot succeed; an admin fixes the cause and retries.
export function classifyFailure(error: unknown): Failure {
  if (error instanceof VendorError) {
    return { code: error.code, retryable: error.retryable, message: error.message, retryAfterMs: error.details.retryAfterMs ?? null, status: error.details.status ?? 0 };
  }
  return { code: 'internal', retryable: true, message: error instanceof Error ? error.message : String(error), retryAfterMs: null, status: null };
}

/**
 * Whether the vendor failed to answer (outage, time-out, 5xx, 429, refused connection): the alert
 * waits and the circuit breaker counts it. A refusal (4xx about the data, credentials, a record
 * gone) is an answer: the vendor is up, and the alert fails at once with the vendor's words.
 */
export function isTransient(failure: Pick<Failure, 'code'>): boolean {
  return failure.code === 'unavailable' || failure.code === 'rate_limited';
}

export function failureCodeOfAdvice(reason: string | null): FailureCode | null {
  if (!reason) return null;
  const hit = (Object.entries(FAILURE_ADVICE) as Array<[FailureCode, string]>).find(([, advice]) => advice === reason);
  return hit ? hit[0] : null;
}

/**
 * The wait before attempt `attempt + 1`: at least the vendor's Retry-After, else "equal jitter"
 * exponential backoff (half fixed, half random) capped at `maxMs`.
 */
export function retryDelayMs(attempt: number, failure: Pick<Failure, 'retryAfterMs'>, baseMs: number, maxMs: number, random: () => number = Math.random): number {
  const cap = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
  const backoff = Math.round(cap / 2 + random() * (cap / 2));
  return Math.max(backoff, failure.retryAfterMs ?? 0);
}

// ASSUMPTION: a 503 (the vendor's own "unavailable"), a 429 and a refused connection mean the write
// was not carried out; a lost answer, a gateway that gave up (502, 504) or a generic 500 may hide a
// write the vendor still commits.
const ANSWER_LOST = new Set([0, 500, 502, 504]);

/**
 * Whether a failed write may still be carried out by the vendor, so that its marker must be
 * searched for (for up to `lateWriteWaitMs` after it was sent) before it is sent again. False
 * when the vendor certainly made nothing: then the intent is dropped and the write is simply redone.
 */
export function writeMayHaveLanded(error: unknown): boolean {
  if (!(error instanceof VendorError)) return true;
  if (error.code === 'unexpected_answer') return true; // a 2xx we could not read: it landed
  if (error.code !== 'unavailable') return false;
  return ANSWER_LOST.has(error.details.status ?? 0);
}
