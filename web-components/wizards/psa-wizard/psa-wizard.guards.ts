/**
 * @module What the PSA machine's guards check, in the first step's code: the credentials' rules here (without zod);
 * the later steps' rules (psa-wizard.validation.ts, with their schemas and words) arrive with those
 * steps' code (their chunks import it) and register here. A step whose rules have not arrived is
 * never passed unchecked: its Next is refused until they are there (and its fields, which come
 * with the same code, are not on screen before then either).
 */
import { credentialIssues } from '../../../bff/contracts/credential-rules.js';
import { errorsFromIssues, type FieldErrors } from '../shared/form-state.js';
import type { PsaStep, PsaWizardContext } from './psa-wizard.types.js';

/** The later steps' rules, as psa-wizard.validation.ts provides them. */
export interface LaterStepRules {
  stepErrors(step: PsaStep, context: PsaWizardContext): FieldErrors;
  newServiceErrors(context: PsaWizardContext): FieldErrors;
}

let later: LaterStepRules | undefined;

/** Called once by psa-wizard.validation.ts when it loads. */
export function provideLaterStepRules(rules: LaterStepRules): void {
  later = rules;
}

/** Whether credentials may be left blank: the integration already has stored ones (editing, or back on step 1). */
export function credentialsOptional(context: PsaWizardContext): boolean {
  return context.integrationId !== null;
}

export function credentialsBlank(context: PsaWizardContext): boolean {
  return Object.values(context.credentials).every((v) => !String(v ?? '').trim());
}

/**
 * Step 1's errors: the vendor's credential rules (none when stored credentials are kept), applied
 * without zod (credential-rules.ts; the same words as the BFF's schema, so step 1 loads no zod).
 */
export function credentialErrors(context: PsaWizardContext): FieldErrors {
  if (credentialsOptional(context) && credentialsBlank(context)) return {};
  return errorsFromIssues(credentialIssues(context.vendor, context.credentials), 'credentials');
}

/** A step's errors, or null while a later step's rules have not loaded (nothing of that step is on screen yet). */
export function loadedStepErrors(step: PsaStep, context: PsaWizardContext): FieldErrors | null {
  if (step === 'credentials') return credentialErrors(context);
  if (step === 'finish') return {};
  return later ? later.stepErrors(step, context) : null;
}

/** The machine's Next guard: the step's rules are loaded and find nothing. */
export function stepPasses(step: PsaStep, context: PsaWizardContext): boolean {
  const errors = loadedStepErrors(step, context);
  return errors !== null && Object.keys(errors).length === 0;
}

/** The machine's "Create Service" guard (step 4's rules, loaded with step 4). */
export function newServicePasses(context: PsaWizardContext): boolean {
  return later !== undefined && Object.keys(later.newServiceErrors(context)).length === 0;
}
