/**
 * @module The routing decision for one alert, as a pure function of the alert, the integration, its
 * settings, the organization and its mappings: skip (and why), or where the ticket goes (account,
 * contact rule, subject and group key, priority, issue types, contract, ticket and note defaults).
 * The vendor is not consulted here; the contact's e-mail lookup and the ticket's open state are
 * read at delivery (or preview) time.
 */
import type { IntegrationRecord } from '../../db/repositories/integrations.repo.js';
import type { PsaStoredSettings, TicketSettings } from '../contracts/psa-settings.js';
import type { RoutingAlert } from './alert.js';
import { chooseIssueTypes, type IssueChoice } from './issue-types.js';
import { renderTemplate, tokensFor } from './template.js';

export type ParsedPsaSettings = Omit<PsaStoredSettings, 'ticket'> & { ticket: TicketSettings | null };

export const SKIP_CODES = ['no_psa_integration', 'integration_deleted', 'integration_paused', 'integration_not_finished', 'ticket_delivery_off'] as const;
export type SkipCode = (typeof SKIP_CODES)[number];

export interface SkipDecision {
  action: 'skip';
  code: SkipCode;
  reason: string;
  integrationId: string | null;
}

/** How the ticket's contact is found at delivery time (it needs a vendor read). */
export type ContactRule =
  | { attach: false }
  | {
    attach: true;
    /** The alert user's e-mail, looked up inside the ticket's account first. */
    email: string | null;
    /** The contact chosen for the mapping (or the catch-all contact); null means the account's primary contact. */
    fallback: { id: string; name: string | null; source: 'mapping' | 'catch-all' } | null;
  };

export interface DeliverDecision {
  action: 'deliver';
  integrationId: string;
  account: { id: string; name: string | null; source: 'mapping' | 'catch-all' };
  contactRule: ContactRule;
  subject: string;
  /** (PSA account, rendered subject); with the integration id it is the group key. */
  groupKey: string;
  severity: RoutingAlert['severity'];
  priorityId: string;
  issue: IssueChoice;
  contract: { id: string; name: string } | null;
  /** Why a mapped contract was left off, when it was. */
  contractNote: string | null;
  ticket: Pick<TicketSettings, 'statusId' | 'queueId' | 'typeId' | 'sourceId' | 'categoryId'>;
  note: { typeId: string; visibilityId: string; title: string };
  alertTypeName: string;
  organizationName: string;
}

export type RoutingDecision = SkipDecision | DeliverDecision;

export interface DecisionInput {
  alert: RoutingAlert;
  /** The partner's PSA integration (deleted ones included), or null when there has never been one. */
  integration: Pick<IntegrationRecord, 'id' | 'status' | 'deletedAt'> | null;
  settings: ParsedPsaSettings | null;
  /** The BFF's copy of the organization; null when the host has not sent it (yet). */
  organization: { id: string; name: string; ticketDelivery: boolean } | null;
  accountMapping: { psaAccountId: string; psaAccountName: string; contactId: string | null; contactName: string | null } | null;
  contractMapping: { contractId: string; contractName: string } | null;
  alertTypeName: string | null;
}

/** The group key's text form; account ids are vendor ids (digits), never containing the separator. */
export function groupKeyOf(accountId: string, subject: string): string {
  return `${accountId}|${subject}`;
}

const skip = (code: SkipCode, reason: string, integrationId: string | null): SkipDecision => ({ action: 'skip', code, reason, integrationId });

export function decideRouting(input: DecisionInput): RoutingDecision {
  const { alert, integration, settings, organization } = input;
  if (!integration) return skip('no_psa_integration', 'No PSA integration is connected, so no ticket was created.', null);
  if (integration.deletedAt) return skip('integration_deleted', 'The PSA integration was deleted, so no ticket was created.', integration.id);
  if (integration.status === 'paused') return skip('integration_paused', 'The PSA integration is paused; alerts are not sent to the PSA while it is paused.', integration.id);
  if (integration.status !== 'active' || !settings?.ticket || !settings.catchAllAccountId) {
    return skip('integration_not_finished', 'The PSA integration’s setup is not finished; complete the wizard to start sending tickets.', integration.id);
  }
  const orgName = organization?.name ?? alert.organizationId;
  // ASSUMPTION: an organization the host has not sent yet is treated as unmapped with delivery on
  // (catch-all account), so no alert is dropped while the host's organization sync lags.
  if (organization && !organization.ticketDelivery) {
    return skip('ticket_delivery_off', `Ticket delivery is turned off for ${orgName}.`, integration.id);
  }

  const ticket = settings.ticket;
  const mapping = input.accountMapping;
  const account = mapping
    ? { id: mapping.psaAccountId, name: mapping.psaAccountName, source: 'mapping' as const }
    : { id: settings.catchAllAccountId, name: settings.catchAllAccountName, source: 'catch-all' as const };

  const tokens = tokensFor(alert, { alertTypeName: input.alertTypeName, organizationName: organization?.name ?? null });
  const subject = renderTemplate(ticket.subjectTemplate, tokens);

  let contract: DeliverDecision['contract'] = null;
  let contractNote: string | null = null;
  if (settings.contract?.addContractsToTickets && input.contractMapping) {
    // ASSUMPTION: a contract belongs to one PSA account; on a catch-all ticket it would be another
    // account's contract, which the PSA refuses, so it is left off (and the decision says so).
    if (account.source === 'mapping') contract = { id: input.contractMapping.contractId, name: input.contractMapping.contractName };
    else contractNote = 'The organization is not mapped to a PSA account, so its contract was not added to the catch-all ticket.';
  }

  return {
    action: 'deliver',
    integrationId: integration.id,
    account,
    contactRule: contactRuleFor(settings, account, mapping, alert),
    subject,
    groupKey: groupKeyOf(account.id, subject),
    severity: alert.severity,
    priorityId: ticket.priorityMap[alert.severity],
    issue: chooseIssueTypes(alert, ticket),
    contract,
    contractNote,
    ticket: { statusId: ticket.statusId, queueId: ticket.queueId, typeId: ticket.typeId, sourceId: ticket.sourceId, categoryId: ticket.categoryId },
    note: { typeId: ticket.note.typeId, visibilityId: ticket.note.visibilityId, title: renderTemplate(ticket.note.titleTemplate, tokens) },
    alertTypeName: tokens.alert,
    organizationName: tokens.organization,
  };
}

function contactRuleFor(
  settings: ParsedPsaSettings,
  account: DeliverDecision['account'],
  mapping: DecisionInput['accountMapping'],
  alert: RoutingAlert,
): ContactRule {
  if (!settings.attachContacts) return { attach: false };
  let fallback: Extract<ContactRule, { attach: true }>['fallback'] = null;
  if (mapping?.contactId) fallback = { id: mapping.contactId, name: mapping.contactName, source: 'mapping' };
  else if (account.id === settings.catchAllAccountId && settings.catchAllContactId) {
    fallback = { id: settings.catchAllContactId, name: settings.catchAllContactName, source: 'catch-all' };
  }
  return { attach: true, email: alert.user?.email?.trim().toLowerCase() || null, fallback };
}
