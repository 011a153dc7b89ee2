/**
 * @module What the admin is told about a PSA integration's availability (the circuit breaker's
 * state as words and numbers): whether the PSA answers, since when it has not, its last status and
 * words, how many alerts wait and when the next try goes out; after an outage, how many alerts it
 * delayed. The health route, the integration view and /metrics read it.
 */
import type { Repositories } from '../../../db/repositories/index.js';
import type { Availability } from '../../contracts/integration-view.js';

export type { Availability };

const iso = (ms: number) => (ms > 0 ? new Date(ms).toISOString() : null);

export async function availabilityOf(repos: Repositories, integrationId: string): Promise<Availability> {
  const [row, waiting] = await Promise.all([repos.integrationHealth.get(integrationId), repos.integrationHealth.waiting(integrationId)]);
  const unavailable = row?.state === 'unavailable';
  const recoveredAt = row && !unavailable ? iso(row.recoveredAt) : null;
  const outageStart = iso(row?.unavailableSince ?? 0);
  return {
    state: unavailable ? 'unavailable' : 'available',
    since: unavailable ? iso(row.failingSince || row.unavailableSince) : null,
    lastStatus: unavailable ? row.lastStatus : null,
    lastError: unavailable ? row.lastError : null,
    nextTryAt: unavailable ? iso(row.nextProbeAt) : null,
    waiting: waiting.count,
    oldestWaitingAt: waiting.oldestAt,
    recoveredAt,
    deliveredLate: recoveredAt && outageStart ? await repos.integrationHealth.deliveredLate(integrationId, outageStart, recoveredAt) : 0,
  };
}
