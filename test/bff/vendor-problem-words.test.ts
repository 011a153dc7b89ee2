/** Issue 17 item 7: a vendor failure reaches the admin once, in admin words (no doubled vendor prefix, no setting names). */
import { describe, expect, it } from 'vitest';
import { toProblem } from '../../bff/errors.js';
import { VendorError, type VendorErrorCode } from '../../bff/vendors/vendor-errors.js';

const CODES: VendorErrorCode[] = ['invalid_credentials', 'missing_permission', 'rate_limited', 'unavailable', 'not_found', 'rejected', 'unexpected_answer'];

describe('vendor problems as the admin reads them (title: detail)', () => {
  it('names the vendor once and says what to do: "Not reachable right now: HaloPSA did not answer (HTTP 503). Try again…"', () => {
    const problem = toProblem(new VendorError('halopsa', 'unavailable', 'HaloPSA did not answer (HTTP 503). Try again in a few minutes; if it lasts, check HaloPSA’s status page.', { status: 503 }));
    expect(`${problem.title}: ${problem.detail}`).toBe('Not reachable right now: HaloPSA did not answer (HTTP 503). Try again in a few minutes; if it lasts, check HaloPSA’s status page.');
  });

  it('no title carries a vendor name or a raw code', () => {
    for (const code of CODES) {
      const { title } = toProblem(new VendorError('connectwise', code, 'ConnectWise PSA said no.'));
      expect(title).not.toMatch(/ConnectWise|_/);
      expect(title).not.toMatch(/[A-Z]{2,}_[A-Z_]+/);
    }
  });

  it('keeps the operator’s note (a setting’s name) out of the problem the admin gets', () => {
    const problem = toProblem(new VendorError('connectwise', 'rejected', 'ConnectWise PSA cannot be connected on this platform yet.', { operatorNote: 'CONNECTWISE_CLIENT_ID is not set' }));
    expect(JSON.stringify(problem)).not.toContain('CONNECTWISE_CLIENT_ID');
  });
});
