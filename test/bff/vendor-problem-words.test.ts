/** Issue 17 item 7: a vendor failure reaches the admin once, in admin words (no doubled vendor prefix, no setting names). */
import { describe, expect, it } from 'vitest';
import { toProblem } from '../../bff/errors.js';
import { VendorError, type VendorErrorCode } from '../../bff/vendors/vendor-errors.js';

const CODES: VendorErrorCode[] = ['invalid_credentials', 'missing_permission', 'rate_limited', 'unavailable', 'not_found', 'rejected', 'unexpected_answer'];

describe('vendor problems as the admin reads them (title: detail)', () => {
  it('names the vendor once: "Not reachable right now: HaloPSA is unavailable (HTTP 503)."', () => {
    const problem = toProblem(new VendorError('halopsa', 'unavailable', 'HaloPSA is unavailable (HTTP 503).', { status: 503 }));
    expect(`${problem.title}: ${problem.detail}`).toBe('Not reachable right now: HaloPSA is unavailable (HTTP 503).');
  });

  it('no title carries a vendor name or a raw code', () => {
    for (const code of CODES) {
      const { title } = toProblem(new VendorError('connectwise', code, 'ConnectWise PSA said no.'));
      expect(title).not.toMatch(/ConnectWise|_/);
      expect(title).not.toMatch(/[A-Z]{2,}_[A-Z_]+/);
    }
  });
});
