/**
 * The credential rules' two readers agree (bff/contracts/credential-rules.ts): the zod schemas the
 * BFF validates with (credentials.ts, built from the rules) and the zod-free check the PSA wizard's
 * first step runs give the same message on the same field, in the same order, for every vendor and
 * every input of the corpus, so moving step 1 off zod changed no message and no rule.
 */
import { describe, expect, it } from 'vitest';
import { CREDENTIAL_RULES, credentialIssues, type VendorRules } from '../../../bff/contracts/credential-rules.js';
import { credentialSchemas } from '../../../bff/contracts/credentials.js';
import { VENDORS, type Vendor } from '../../../bff/contracts/vendor-catalog.js';
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

  it('word the types as zod does, beside the rules’ own words', () => {
    expect(errorsFromIssues(credentialIssues('autotask', { username: `${'a'.repeat(200)}@example.com`, secret: 's' }))).toEqual({ username: 'API username must be at most 200 characters' });
    expect(errorsFromIssues(credentialIssues('kaseya-bms', { server: 'mars', tenant: 7, username: 'u', password: ' ' }))).toEqual({
      server: 'Choose the Kaseya BMS URL',
      tenant: 'Invalid input: expected string, received number',
      password: 'BMS password is required',
    });
    expect(errorsFromIssues(credentialIssues('connectwise', { site: 'on-premises', host: 'https://cw', companyId: 'c', publicKey: 'p', privateKey: 'k' }))).toEqual({
      host: 'Enter your ConnectWise server’s host name, e.g. cw.example.com (no https:// and no path)',
    });
  });

  // Every limit in the product's words, naming the field and the limit: not zod's "Too big: expected
  // string to have <=200 characters", and not another rule's words (the Halo URL said "is required").
  // Each value passes every other rule of its field, so only the limit can refuse it.
  const OVER_LIMIT: Record<Vendor, Record<string, [value: string, message: string]>> = {
    autotask: {
      username: [`${'a'.repeat(189)}@example.com`, 'API username must be at most 200 characters'],
      secret: ['s'.repeat(201), 'API password (secret) must be at most 200 characters'],
    },
    'kaseya-bms': {
      tenant: ['t'.repeat(201), 'BMS tenant must be at most 200 characters'],
      username: ['u'.repeat(201), 'BMS username must be at most 200 characters'],
      password: ['p'.repeat(201), 'BMS password must be at most 200 characters'],
    },
    'datto-rmm': {
      apiKey: ['k'.repeat(201), 'API key must be at most 200 characters'],
      apiSecret: ['s'.repeat(201), 'API secret key must be at most 200 characters'],
    },
    syncro: {
      subdomain: ['s'.repeat(64), 'Syncro subdomain must be at most 63 characters'],
      apiToken: ['t'.repeat(401), 'API token must be at most 400 characters'],
    },
    connectwise: {
      host: [`${'h'.repeat(252)}.com:8443`, 'Host name must be at most 260 characters'],
      companyId: ['c'.repeat(101), 'Company ID must be at most 100 characters'],
      publicKey: ['p'.repeat(101), 'Public key must be at most 100 characters'],
      privateKey: ['k'.repeat(101), 'Private key must be at most 100 characters'],
    },
    halopsa: {
      url: [`https://${'h'.repeat(281)}.halopsa.com`, 'Halo URL must be at most 300 characters'],
      tenant: ['t'.repeat(101), 'Tenant must be at most 100 characters'],
      clientId: ['i'.repeat(201), 'Client ID must be at most 200 characters'],
      clientSecret: ['s'.repeat(401), 'Client secret must be at most 400 characters'],
    },
  };

  for (const vendor of VENDORS) {
    it(`name each limit of ${vendor} credentials in the product’s words, with zod and without`, () => {
      const limited = Object.entries(CREDENTIAL_RULES[vendor].fields as VendorRules['fields'])
        .filter(([, field]) => field.kind === 'text' && field.rules.some((rule) => rule.kind === 'maxLength'))
        .map(([name]) => name);
      // Every field with a limit is checked here (a new field cannot keep zod's words unseen).
      expect(Object.keys(OVER_LIMIT[vendor])).toEqual(limited);
      const base = credentialCorpus(vendor)[0] as Record<string, string>;
      for (const [name, [value, message]] of Object.entries(OVER_LIMIT[vendor])) {
        // One character less passes: the value is refused for its length alone.
        for (const [input, expected] of [[value, { [name]: message }], [value.slice(0, -1), {}]] as const) {
          const credentials = { ...base, [name]: input };
          expect(schemaErrors(credentialSchemas[vendor], credentials), `${name} by zod`).toEqual(expected);
          expect(errorsFromIssues(credentialIssues(vendor, credentials)), `${name} without zod`).toEqual(expected);
        }
      }
    });
  }
});
