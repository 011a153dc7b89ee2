/**
 * @module The library's classes and types. Importing this module registers nothing; import
 * `define.js` (or the built `integration-elements.js`) to register the tags.
 */
export { IntegrationHub } from './elements/integration-hub/integration-hub.js';
export { IntegrationList } from './elements/integration-list/integration-list.js';
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
export { TOKEN_DEFAULTS, type TokenName } from './styles/tokens.js';
