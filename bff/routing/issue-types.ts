/**
 * @module Issue / sub-issue type for a ticket: the most specific override wins (IOC rule, then
 * respond rule, then alert type), then the defaults; none set means none is sent.
 */
import type { TicketSettings } from '../contracts/psa-settings.js';
import type { RoutingAlert } from './alert.js';

export type IssueSource = 'ioc-rule' | 'respond-rule' | 'alert-type' | 'default' | 'none';

export interface IssueChoice {
  issueTypeId: string | null;
  subIssueTypeId: string | null;
  source: IssueSource;
  /** The override's key (rule or alert type id) when one matched. */
  matchedKey: string | null;
}

type Overrides = TicketSettings['overrides'];

export function chooseIssueTypes(
  alert: Pick<RoutingAlert, 'alertType' | 'respondRuleId' | 'iocRuleId'>,
  ticket: Pick<TicketSettings, 'issueTypeId' | 'subIssueTypeId' | 'overrides'>,
): IssueChoice {
  const candidates: Array<[IssueSource, keyof Overrides, string | null]> = [
    ['ioc-rule', 'iocRules', alert.iocRuleId],
    ['respond-rule', 'respondRules', alert.respondRuleId],
    ['alert-type', 'alertTypes', alert.alertType],
  ];
  for (const [source, table, key] of candidates) {
    if (!key) continue;
    const row = ticket.overrides[table].find((o) => o.key === key);
    // An override's sub-issue belongs to its own issue type, so the default sub-issue never mixes in.
    if (row) return { issueTypeId: row.issueTypeId, subIssueTypeId: row.subIssueTypeId, source, matchedKey: key };
  }
  if (ticket.issueTypeId) return { issueTypeId: ticket.issueTypeId, subIssueTypeId: ticket.subIssueTypeId, source: 'default', matchedKey: null };
  return { issueTypeId: null, subIssueTypeId: null, source: 'none', matchedKey: null };
}
