/**
 * The credential rules' two readers agree (bff/contracts/credential-rules.ts): the zod schemas the
 * BFF validates with (credentials.ts, built from the rules) and the zod-free check the PSA wizard's
 * first step runs give the same message on the same field, in the same order, for every vendor and
 * every input of the corpus, so moving step 1 off zod changed no message and no rule.
 */
import { describe, expect, it } from 'vitest';
import { credentialIssues } from '../../../bff/contracts/credential-rules.js';
import { credentialSchemas } from '../../../bff/contracts/credentials.js';
import { VENDORS } from '../../../bff/contracts/vendor-catalog.js';
import { errorsFromIssues, schemaErrors } from '../../../web-components/wizards/shared/form-state.js';
import { credentialCorpus } from './credential-corpus.js';

const show = (value: unknown) => JSON.stringify(value, (_k, v: unknown) => (v === undefined ? '(undefined)' : typeof v === 'number' && Number.isNaN(v) ? '(NaN)' : v));

describe('credential rules: zod and the zod-free check', () => {
  for (const vendor of VENDORS) {
    it(`say the same of ${vendor} credentials, field by field and in order`, () => {
      const corpus = credentialCorpus(vendor);
      let refused = 0;
      for (const input of corpus) {
        const byZod = Object.entries(schemaErrors(credentialSchemas[vendor], input, 'credentials'));
        const without = Object.entries(errorsFromIssues(credentialIssues(vendor, input), 'credentials'));
        expect(without, show(input)).toEqual(byZod);
        if (byZod.length > 0) refused += 1;
      }
      // The corpus refuses most inputs and passes some: both answers are exercised.
      expect(refused).toBeGreaterThan(corpus.length / 2);
      expect(refused).toBeLessThan(corpus.length);
    });
  }

  it('word the limits and types as zod does, beside the rules’ own words', () => {
    expect(errorsFromIssues(credentialIssues('autotask', { username: `${'a'.repeat(200)}@example.com`, secret: 's' }))).toEqual({ username: 'Too big: expected string to have <=200 characters' });
    expect(errorsFromIssues(credentialIssues('kaseya-bms', { server: 'mars', tenant: 7, username: 'u', password: ' ' }))).toEqual({
      server: 'Choose the Kaseya BMS URL',
      tenant: 'Invalid input: expected string, received number',
      password: 'BMS password is required',
    });
    expect(errorsFromIssues(credentialIssues('connectwise', { site: 'on-premises', host: 'https://cw', companyId: 'c', publicKey: 'p', privateKey: 'k' }))).toEqual({
      host: 'Enter your ConnectWise server’s host name, e.g. cw.example.com (no https:// and no path)',
    });
  });
});
