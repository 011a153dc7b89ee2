/**
 * @module The library's classes and types. Importing this module registers nothing; import
 * `define.js` (or the built `integration-elements.js`) to register the tags.
 */
export { IntegrationHub } from './elements/integration-hub/integration-hub.js';
export { IntegrationList } from './elements/integration-list/integration-list.js';
export { OrganizationApplications } from './elements/organization-applications/organization-applications.js';
export { DeliveryLog } from './elements/delivery-log/delivery-log.js';
export { AuditLog } from './elements/audit-log/audit-log.js';
export type {
  OrganizationApplicationsData, RmmApplication, PsaApplication, SyncSummary,
} from './elements/organization-applications/organization-applications.data.js';
export { RmmWizard } from './wizards/rmm-wizard/rmm-wizard.js';
export { dattoRmmMachine, DATTO_RMM_MACHINE_VERSION } from './wizards/rmm-wizard/datto-rmm.machine.js';
export { syncroMachine, SYNCRO_MACHINE_VERSION } from './wizards/rmm-wizard/syncro.machine.js';
export { createRmmWizardServices, rmmWizardActors, type RmmWizardServices } from './wizards/rmm-wizard/rmm-wizard.services.js';
export type { RmmVendor, RmmWizardContext, RmmWizardEvent } from './wizards/rmm-wizard/rmm-wizard.types.js';
export { IhConfirmDialog, type ConfirmOptions } from './elements/ih-confirm-dialog/ih-confirm-dialog.js';
export { IhToastRegion, type ToastTone } from './elements/ih-toast-region/ih-toast-region.js';
export { ApiConsumerElement } from './api/api-consumer-element.js';
export { apiContext, type ApiConnection } from './api/api-context.js';
export { ApiProblem, type FieldProblem, type ProblemBody } from './api/api-problem.js';
export {
  createApiClient, normaliseApiBase,
  type ApiClient, type IntegrationKind, type IntegrationStatus, type IntegrationView, type TokenGetter, type Vendor,
} from './api/client.js';
export { MachineController, type MachineControllerOptions, type Selection } from './controllers/machine-controller.js';
export { IntegrationAddEvent, type IntegrationAddDetail } from './events/integration-add-event.js';
export { IntegrationEditEvent, type IntegrationEditDetail } from './events/integration-edit-event.js';
export { IntegrationHealthChangeEvent, type IntegrationHealthChangeDetail } from './events/integration-health-change-event.js';
export { TOKEN_DEFAULTS, type TokenName } from './styles/tokens.js';
// Shared wizard parts (internal elements and helpers that every wizard builds on).
export { IhWizardShell, WizardNavEvent, type WizardNavAction } from './wizards/shared/wizard-shell.js';
export { stepStatuses, type StepStatus, type StepWithStatus, type WizardStepInfo } from './wizards/shared/step-status.js';
export { IhLoadStatus, LoadRetryEvent } from './wizards/shared/load-status.js';
export { AsyncListController, loadAllPages, type LoadContext, type LoadProgress, type LoadStatus, type Loader } from './wizards/shared/async-list.js';
export { WizardDraftStore, type DraftStoreOptions, type WizardDraftKey } from './wizards/shared/draft-store.js';
export { asProblem, json as apiJson, problemData, problemExtra, problemFromBody, send as apiSend, type OkBody, type ProblemData } from './wizards/shared/wizard-api.js';
export {
  clearServerErrors, errorsFromIssues, errorsFromServer, getIn, pathsOverlap, schemaErrors, setIn, touch, visibleErrors, type FieldErrors,
} from './wizards/shared/form-state.js';
export { deepQuery, focusFirstInvalid } from './wizards/shared/focus.js';
export { FieldBase } from './wizards/shared/fields/field-base.js';
export { FieldChangeEvent } from './wizards/shared/fields/field-change-event.js';
export { IhTextField } from './wizards/shared/fields/text-field.js';
export { IhSelectField, type SelectOption } from './wizards/shared/fields/select-field.js';
export { IhSwitchField } from './wizards/shared/fields/switch-field.js';
export { IhComboboxField, type ComboboxOption } from './wizards/shared/fields/combobox-field.js';
export { WizardStepChangeEvent, type WizardStepChangeDetail } from './wizards/shared/events/wizard-step-change-event.js';
export { WizardCompleteEvent, type WizardCompleteDetail } from './wizards/shared/events/wizard-complete-event.js';
export { WizardCancelEvent, type WizardCancelDetail } from './wizards/shared/events/wizard-cancel-event.js';
export { IhPageToasts, showPageToast } from './wizards/shared/page-toasts.js';
// <psa-wizard>: the element, its machine (for hosts that drive or test it headless) and its types.
export { PsaWizard } from './wizards/psa-wizard/psa-wizard.js';
export {
  PSA_WIZARD_MACHINE_VERSION, busyLabel as psaBusyLabel, currentStep as psaCurrentStep, persistableSnapshot as psaPersistableSnapshot, psaWizardMachine,
  type PsaWizardActorRef, type PsaWizardMachine, type PsaWizardSnapshot,
} from './wizards/psa-wizard/psa-wizard.machine.js';
export { psaWizardActors, type PsaWizardServices, type SavedPsaSettings } from './wizards/psa-wizard/psa-wizard.services.js';
export { createPsaWizardServices, PsaWizardData, type OrganizationOption } from './wizards/psa-wizard/psa-wizard.api.js';
export { stepErrors as psaStepErrors } from './wizards/psa-wizard/psa-wizard.validation.js';
export { PSA_STEPS, type PsaStep, type PsaVendor, type PsaWizardContext, type PsaWizardEvent, type PsaWizardInput, type TicketDraft } from './wizards/psa-wizard/psa-wizard.types.js';
export { IhPsaCredentialsStep } from './wizards/psa-wizard/steps/psa-credentials-step.js';
export { IhPsaAccountMappingStep } from './wizards/psa-wizard/steps/psa-account-mapping-step.js';
export { IhPsaAccountTable } from './wizards/psa-wizard/steps/psa-account-table.js';
export { IhPsaServiceParametersStep } from './wizards/psa-wizard/steps/psa-service-parameters-step.js';
export { IhPsaOverrideTable } from './wizards/psa-wizard/steps/psa-override-table.js';
export { IhPsaContractMappingStep } from './wizards/psa-wizard/steps/psa-contract-mapping-step.js';
export { IhPsaFinishStep } from './wizards/psa-wizard/steps/psa-finish-step.js';
export { IhPsaEditSummary } from './wizards/psa-wizard/steps/psa-edit-summary.js';
