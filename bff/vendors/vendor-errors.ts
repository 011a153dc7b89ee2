/**
 * @module Typed vendor failures. Every adapter turns HTTP and parsing failures into one of these,
 * each carrying a message an MSP admin can act on; routes map them to problem+json answers.
 */
import type { Vendor } from '../contracts/vendor-catalog.js';

export type VendorErrorCode =
  | 'invalid_credentials'
  | 'missing_permission'
  | 'rate_limited'
  | 'unavailable'
  | 'not_found'
  | 'rejected'
  | 'unexpected_answer';

export class VendorError extends Error {
  override readonly name = 'VendorError';
  constructor(
    readonly vendor: Vendor,
    readonly code: VendorErrorCode,
    message: string,
    readonly details: {
      status?: number;
      retryAfterMs?: number;
      permission?: string;
      /** Field the admin should look at (credential field names, e.g. `secret`). */
      field?: string;
      /** The vendor's own words from its error body, when it sent any. */
      vendorText?: string;
      /** What the platform's operator must fix (a setting's name): logged, never shown to an admin. */
      operatorNote?: string;
    } = {},
  ) {
    super(message);
  }

  /** Whether waiting and trying again may succeed (rate limits, outages, time-outs). */
  get retryable(): boolean {
    return this.code === 'rate_limited' || this.code === 'unavailable';
  }
}

/** Re-exported: the labels live in the vendor catalog. */
export { VENDOR_LABELS } from '../contracts/vendor-catalog.js';
