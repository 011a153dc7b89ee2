/**
 * The shared contracts in the browser, where only zod/mini is loaded (architecture rule 5): zod's
 * own messages (limits, types) still reach the admin in English, the words the BFF's problem+json
 * field list uses, not zod/mini's bare "Invalid input" (bff/contracts/zod.ts installs them); a
 * credential's limit brings its own words (bff/contracts/credential-rules.ts), which zod/mini keeps.
 */
import { expect } from '@open-wc/testing';
import { autotaskCredentialsSchema, kaseyaBmsCredentialsSchema } from '../../bff/contracts/credentials.js';
import { newServiceSchema } from '../../bff/contracts/psa-settings.js';

const messages = (result: { success: boolean; error?: { issues: ReadonlyArray<{ path: PropertyKey[]; message: string }> } }) =>
  Object.fromEntries((result.error?.issues ?? []).map((issue) => [issue.path.join('.'), issue.message]));

describe('contract messages in the browser', () => {
  it('names a credential’s length limit in the product’s words, naming the field', () => {
    const result = autotaskCredentialsSchema.safeParse({ username: `${'a'.repeat(200)}@example.com`, secret: 's' });
    expect(messages(result)).to.deep.equal({ username: 'API username must be at most 200 characters' });
  });

  it('names a missing field and a wrong type in zod’s English words, beside the contract’s own', () => {
    const result = kaseyaBmsCredentialsSchema.safeParse({ server: 'mars', tenant: 7, username: 'u', password: ' ' });
    expect(messages(result)).to.deep.equal({
      server: 'Choose the Kaseya BMS URL',
      tenant: 'Invalid input: expected string, received number',
      password: 'BMS password is required',
    });
  });

  it('names the limit of a service description the admin typed', () => {
    const result = newServiceSchema.safeParse({ name: 'Managed EDR', description: 'x'.repeat(501), unitCost: '1', unitPrice: '2' });
    expect(messages(result)).to.deep.equal({ description: 'Too big: expected string to have <=500 characters' });
  });
});
