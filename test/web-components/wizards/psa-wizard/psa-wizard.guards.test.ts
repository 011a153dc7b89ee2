/**
 * The PSA machine's Next guards when the later steps' rules arrive with those steps' code
 * (psa-wizard.guards.ts): a step whose rules have not loaded is refused, never passed unchecked;
 * once loaded, the guards say what the full rules say. This file imports the guards alone first,
 * as the first step's code does (vitest runs each file in its own module graph).
 */
import { describe, expect, it } from 'vitest';
import { loadedStepErrors, newServicePasses, stepPasses } from '../../../../web-components/wizards/psa-wizard/psa-wizard.guards.js';
import { DEFAULT_NEW_SERVICE, EMPTY_ACCOUNT_MAPPING, emptyCredentials, type PsaWizardContext } from '../../../../web-components/wizards/psa-wizard/psa-wizard.types.js';

const context = (overrides: Partial<PsaWizardContext>) => ({
  vendor: 'autotask', integrationId: null, credentials: emptyCredentials('autotask'), accountMapping: EMPTY_ACCOUNT_MAPPING, newService: DEFAULT_NEW_SERVICE, ...overrides,
}) as unknown as PsaWizardContext;

const FILLED = context({ credentials: { ...emptyCredentials('autotask'), username: 'api-user@sandbox.example', secret: 'sandbox-secret' } });
const MAPPED = context({ accountMapping: { ...EMPTY_ACCOUNT_MAPPING, attachContacts: false, catchAllAccountId: 'acc-1', catchAllAccountName: 'Default' } });

describe('PSA Next guards before and after the later steps’ rules load', () => {
  it('checks the credentials with step 1’s own code', () => {
    expect(stepPasses('credentials', context({}))).toBe(false);
    expect(Object.keys(loadedStepErrors('credentials', context({}))!)).toContain('credentials.username');
    expect(stepPasses('credentials', FILLED)).toBe(true);
  });

  it('refuses a later step’s Next and Create Service until their rules are loaded, then applies them', async () => {
    expect(loadedStepErrors('account-mapping', MAPPED)).toBeNull();
    expect(stepPasses('account-mapping', MAPPED)).toBe(false);
    expect(stepPasses('service-parameters', MAPPED)).toBe(false);
    expect(newServicePasses(MAPPED)).toBe(false);

    const { isStepValid, newServiceErrors } = await import('../../../../web-components/wizards/psa-wizard/psa-wizard.validation.js');
    expect(isStepValid('account-mapping', MAPPED)).toBe(true);
    expect(stepPasses('account-mapping', MAPPED)).toBe(true);
    expect(stepPasses('account-mapping', context({}))).toBe(false);
    expect(newServiceErrors(MAPPED)).toEqual({});
    expect(newServicePasses(MAPPED)).toBe(true);
  });
});
