/**
 * @module The calls `<delivery-log>` and `<audit-log>` make, through the typed client's hc routes:
 * a page of the delivery log or the audit trail, retrying failed deliveries, and the partner's
 * organizations (the log's organization filter). Errors follow the client's rules (ApiProblem).
 */
import type { InferResponseType } from 'hono/client';
import type { ApiClient } from '../../api/client.js';
import { json } from '../../wizards/shared/wizard-api.js';

type IntegrationRoutes = ApiClient['rpc']['api']['integrations'][':id'];

export type DeliveryPage = InferResponseType<IntegrationRoutes['deliveries']['$get'], 200>;
export type DeliveryEntry = DeliveryPage['items'][number];
export type DeliveryOutcome = DeliveryEntry['outcome'];
export type DeliveryStateFilter = 'waiting' | 'delivered' | 'skipped' | 'failed';
export type RetryResult = InferResponseType<IntegrationRoutes['deliveries']['retry']['$post'], 200>;
export type AuditPage = InferResponseType<IntegrationRoutes['audit']['$get'], 200>;
export type AuditEntry = AuditPage['entries'][number];

export interface DeliveryFilter {
  state: DeliveryStateFilter | '';
  organizationId: string;
}

/** Rows per page: enough to fill a tall panel, small enough that each page answers at once. */
export const PAGE_SIZE = 50;

export function integrationLogsApi(client: ApiClient) {
  const routes = client.rpc.api.integrations[':id'];
  const base = client.apiBase;
  return {
    /** A page of the log (`limit` 1 when only its counts are wanted). */
    deliveries: (id: string, filter: DeliveryFilter, cursor: string | null, signal?: AbortSignal, limit = PAGE_SIZE): Promise<DeliveryPage> =>
      json(routes.deliveries.$get({
        param: { id },
        query: {
          limit: String(limit), ...(filter.state ? { state: filter.state } : {}),
          ...(filter.organizationId ? { organizationId: filter.organizationId } : {}), ...(cursor ? { cursor } : {}),
        },
      }, { init: { signal } }), base) as Promise<DeliveryPage>,
    retry: (id: string, alertIds: string[] | 'all'): Promise<RetryResult> =>
      json(routes.deliveries.retry.$post({ param: { id }, json: alertIds === 'all' ? { all: true } : { alertIds } }), base) as Promise<RetryResult>,
    audit: (id: string, cursor: string | null, signal?: AbortSignal): Promise<AuditPage> =>
      json(routes.audit.$get({ param: { id }, query: { limit: String(PAGE_SIZE), ...(cursor ? { cursor } : {}) } }, { init: { signal } }), base) as Promise<AuditPage>,
    organizations: async (signal?: AbortSignal): Promise<Array<{ id: string; name: string }>> =>
      ((await json(client.rpc.api.organizations.$get({}, { init: { signal } }), base)) as { organizations: Array<{ id: string; name: string }> }).organizations,
  };
}
export type IntegrationLogsApi = ReturnType<typeof integrationLogsApi>;
