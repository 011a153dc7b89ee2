/**
 * @module The per-row operations `<integration-list>` calls (PSA health, test ticket, billable-user
 * sync, RMM "Sync now") through the typed client's hc routes, with the client's error rules: a
 * non-2xx answer or an unreachable BFF throws an ApiProblem, an abort passes through.
 */
import type { InferResponseType } from 'hono/client';
import { ApiProblem } from '../../api/api-problem.js';
import type { ApiClient } from '../../api/client.js';

type IntegrationRoutes = ApiClient['rpc']['api']['integrations'][':id'];

export type PsaHealth = InferResponseType<IntegrationRoutes['health']['$get'], 200>;
export type BillableSyncResult = InferResponseType<IntegrationRoutes['psa']['billable-sync']['$post'], 200>;
export type TestTicketResult = InferResponseType<IntegrationRoutes['psa']['test-ticket']['$post'], 201>;
export type PushRetryResult = InferResponseType<IntegrationRoutes['psa']['push-retry']['$post'], 200>;
export type RmmSyncResult = InferResponseType<IntegrationRoutes['rmm']['sync']['$post'], 200>;

export type IntegrationOperations = ReturnType<typeof integrationOperations>;

export function integrationOperations(client: ApiClient) {
  const routes = client.rpc.api.integrations[':id'];

  async function send<T>(pending: Promise<{ json(): Promise<T> } & Response>): Promise<T> {
    let response: { json(): Promise<T> } & Response;
    try {
      response = await pending;
    } catch (error) {
      if ((error as { name?: string })?.name === 'AbortError') throw error;
      throw ApiProblem.network(client.apiBase, error);
    }
    if (!response.ok) throw await ApiProblem.fromResponse(response);
    return response.json();
  }

  return {
    health: (id: string, signal?: AbortSignal) =>
      send<PsaHealth>(routes.health.$get({ param: { id } }, { init: { signal } })),
    sendTestTicket: (id: string) => send<TestTicketResult>(routes.psa['test-ticket'].$post({ param: { id } })),
    syncBillableUsers: (id: string) => send<BillableSyncResult>(routes.psa['billable-sync'].$post({ param: { id } })),
    retryPush: (id: string) => send<PushRetryResult>(routes.psa['push-retry'].$post({ param: { id } })),
    syncDevices: (id: string) => send<RmmSyncResult>(routes.rmm.sync.$post({ param: { id } })),
  };
}
