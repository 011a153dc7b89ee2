/**
 * @module The full entry (`integration-elements.js`): registers every tag at once and re-exports the
 * classes, so a host can `import { IntegrationList } from '…/integration-elements.js'`. Tags already
 * defined are skipped, so a page that loads this twice, or defines one of these tags itself, keeps
 * working. A page that only places the elements loads `integration-elements-loader.js` instead
 * (loader.ts), which fetches each element's code when the element first appears.
 */
import { defineTags } from './registry/define-tags.js';
import { IntegrationHub } from './elements/integration-hub/integration-hub.js';
import { IntegrationList } from './elements/integration-list/integration-list.js';
import { DeliveryLog } from './elements/delivery-log/delivery-log.js';
import { AuditLog } from './elements/audit-log/audit-log.js';
import { IhConfirmDialog } from './elements/ih-confirm-dialog/ih-confirm-dialog.js';
import { IhToastRegion } from './elements/ih-toast-region/ih-toast-region.js';
import { IhWizardShell } from './wizards/shared/wizard-shell.js';
import { IhLoadStatus } from './wizards/shared/load-status.js';
import { IhTextField } from './wizards/shared/fields/text-field.js';
import { IhSelectField } from './wizards/shared/fields/select-field.js';
import { IhSwitchField } from './wizards/shared/fields/switch-field.js';
import { IhComboboxField } from './wizards/shared/fields/combobox-field.js';
import { IhPageToasts } from './wizards/shared/page-toasts.js';
import { PsaWizard } from './wizards/psa-wizard/psa-wizard.js';
import { IhPsaCredentialsStep } from './wizards/psa-wizard/steps/psa-credentials-step.js';
import { IhPsaAccountMappingStep } from './wizards/psa-wizard/steps/psa-account-mapping-step.js';
import { IhPsaAccountTable } from './wizards/psa-wizard/steps/psa-account-table.js';
import { IhPsaServiceParametersStep } from './wizards/psa-wizard/steps/psa-service-parameters-step.js';
import { IhPsaOverrideTable } from './wizards/psa-wizard/steps/psa-override-table.js';
import { IhPsaContractMappingStep } from './wizards/psa-wizard/steps/psa-contract-mapping-step.js';
import { IhPsaFinishStep } from './wizards/psa-wizard/steps/psa-finish-step.js';
import { IhPsaEditSummary } from './wizards/psa-wizard/steps/psa-edit-summary.js';
import { OrganizationApplications } from './elements/organization-applications/organization-applications.js';
import { RmmWizard } from './wizards/rmm-wizard/rmm-wizard.js';
import { IhRmmOrganizationStep } from './wizards/rmm-wizard/steps/rmm-organization-step.js';
import { IhRmmCredentialsStep } from './wizards/rmm-wizard/steps/rmm-credentials-step.js';
import { IhRmmMappingStep } from './wizards/rmm-wizard/steps/rmm-mapping-step.js';
import { IhRmmParametersStep } from './wizards/rmm-wizard/steps/rmm-parameters-step.js';
import { IhRmmFinishStep } from './wizards/rmm-wizard/steps/rmm-finish-step.js';

export * from './index.js';

/**
 * Every tag and its class. The provider comes first: when the tags are defined on a page that
 * already holds them, the hub must be upgraded before the elements inside it ask for its context.
 */
export const ELEMENTS: ReadonlyArray<readonly [string, CustomElementConstructor]> = [
  ['integration-hub', IntegrationHub],
  ['ih-confirm-dialog', IhConfirmDialog],
  ['ih-toast-region', IhToastRegion],
  // The logs come before the list, whose panels render them.
  ['delivery-log', DeliveryLog],
  ['audit-log', AuditLog],
  ['integration-list', IntegrationList],
  // Shared wizard parts (internal): defined before the wizards that render them.
  ['ih-wizard-shell', IhWizardShell],
  ['ih-load-status', IhLoadStatus],
  ['ih-text-field', IhTextField],
  ['ih-select-field', IhSelectField],
  ['ih-switch-field', IhSwitchField],
  ['ih-combobox-field', IhComboboxField],
  ['ih-page-toasts', IhPageToasts],
  // <psa-wizard> and its steps (internal), steps first.
  ['ih-psa-credentials-step', IhPsaCredentialsStep],
  ['ih-psa-account-table', IhPsaAccountTable],
  ['ih-psa-account-mapping-step', IhPsaAccountMappingStep],
  ['ih-psa-override-table', IhPsaOverrideTable],
  ['ih-psa-service-parameters-step', IhPsaServiceParametersStep],
  ['ih-psa-contract-mapping-step', IhPsaContractMappingStep],
  ['ih-psa-finish-step', IhPsaFinishStep],
  ['ih-psa-edit-summary', IhPsaEditSummary],
  ['psa-wizard', PsaWizard],
  ['organization-applications', OrganizationApplications],
  // The RMM wizard's steps (internal), then the wizard.
  ['ih-rmm-organization-step', IhRmmOrganizationStep],
  ['ih-rmm-credentials-step', IhRmmCredentialsStep],
  ['ih-rmm-mapping-step', IhRmmMappingStep],
  ['ih-rmm-parameters-step', IhRmmParametersStep],
  ['ih-rmm-finish-step', IhRmmFinishStep],
  ['rmm-wizard', RmmWizard],
];

defineTags(ELEMENTS);
