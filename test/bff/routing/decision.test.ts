/**
 * The pure routing decisions, table-driven: skip reasons, account and contact fallbacks, subject
 * tokens and group keys, priority, issue-type precedence, contracts, and what a group does next.
 */
import { describe, expect, it } from 'vitest';
import type { TicketSettings } from '../../../bff/contracts/psa-settings.js';
import { routingAlertSchema, type RoutingAlert, type RoutingAlertInput } from '../../../bff/routing/alert.js';
import { chooseContact, contactLookups } from '../../../bff/routing/contact.js';
import { decideRouting, type DecisionInput, type DeliverDecision, type ParsedPsaSettings } from '../../../bff/routing/decision.js';
import { chooseIssueTypes } from '../../../bff/routing/issue-types.js';
import { nextGroupStep, noteBatches } from '../../../bff/routing/group-step.js';
import { renderTemplate, tokensFor, UNKNOWN_USER } from '../../../bff/routing/template.js';
import type { PsaContact } from '../../../bff/contracts/model.js';

const ticket: TicketSettings = {
  categoryId: 'cat', typeId: 'type', statusId: 'new', queueId: 'q', sourceId: 'src', subjectTemplate: '{user} – {alert}',
  priorityMap: { critical: 'p1', high: 'p2', medium: 'p3', low: 'p4', informational: 'p5' },
  note: { typeId: 'nt', visibilityId: 'internal', titleTemplate: '{alert} ({severity})' },
  issueTypeId: 'it-default', subIssueTypeId: 'sit-default',
  overrides: {
    alertTypes: [{ key: 'at-malware', keyName: 'Malware', issueTypeId: 'it-alert', subIssueTypeId: 'sit-alert' }],
    respondRules: [{ key: 'rr-disable', keyName: 'Disable', issueTypeId: 'it-respond', subIssueTypeId: null }],
    iocRules: [{ key: 'ioc-bad-ip', keyName: 'Bad IP', issueTypeId: 'it-ioc', subIssueTypeId: 'sit-ioc' }],
  },
};
const settings: ParsedPsaSettings = {
  attachContacts: true, catchAllAccountId: 'acc-catch', catchAllAccountName: 'Default Customer', catchAllContactId: 'c-catch', catchAllContactName: 'Default Contact',
  ticket, contract: { addContractsToTickets: true, syncBillableUsers: false, userSyncDay: null, defaultServiceId: null, defaultServiceName: null }, completedSections: ['accountMapping', 'ticket'],
};
const makeAlert = (over: Partial<RoutingAlertInput> = {}): RoutingAlert => routingAlertSchema.parse({
  id: 'a1', organizationId: 'org-acme', severity: 'high', alertType: 'at-downloads', title: 'Too Many Downloads', description: 'd', user: { email: 'User@Domain.com', name: 'Pat' }, ...over,
});
const input = (over: Partial<DecisionInput> = {}): DecisionInput => ({
  alert: makeAlert(), integration: { id: 'int-1', status: 'active', deletedAt: null }, settings,
  organization: { id: 'org-acme', name: 'Acme Dental Group', ticketDelivery: true },
  accountMapping: { psaAccountId: 'acc-acme', psaAccountName: 'Acme Dental Group', contactId: null, contactName: null },
  contractMapping: { contractId: 'k-1', contractName: 'MSA' }, alertTypeName: 'Too Many Downloads', ...over,
});
const deliver = (over: Partial<DecisionInput> = {}) => {
  const d = decideRouting(input(over));
  expect(d.action).toBe('deliver');
  return d as DeliverDecision;
};

describe('decideRouting: skip reasons', () => {
  it.each([
    ['no PSA integration', { integration: null }, 'no_psa_integration'],
    ['integration deleted', { integration: { id: 'i', status: 'active', deletedAt: '2025-01-01T00:00:00Z' } }, 'integration_deleted'],
    ['integration paused', { integration: { id: 'i', status: 'paused', deletedAt: null } }, 'integration_paused'],
    ['integration not finished (draft)', { integration: { id: 'i', status: 'draft', deletedAt: null } }, 'integration_not_finished'],
    ['active but no ticket settings', { settings: { ...settings, ticket: null } }, 'integration_not_finished'],
    ['organization’s ticket delivery off', { organization: { id: 'org-acme', name: 'Acme Dental Group', ticketDelivery: false } }, 'ticket_delivery_off'],
  ] as Array<[string, Partial<DecisionInput>, string]>)('%s', (_name, over, code) => {
    const d = decideRouting(input(over));
    expect(d).toMatchObject({ action: 'skip', code });
    expect((d as { reason: string }).reason.length).toBeGreaterThan(20);
  });

  it('names the organization whose delivery is off', () => {
    expect(decideRouting(input({ organization: { id: 'org-acme', name: 'Acme Dental Group', ticketDelivery: false } }))).toMatchObject({ reason: 'Ticket delivery is turned off for Acme Dental Group.' });
  });
});

describe('decideRouting: account, subject, group key, priority', () => {
  it('routes a mapped organization to its account', () => {
    expect(deliver().account).toEqual({ id: 'acc-acme', name: 'Acme Dental Group', source: 'mapping' });
  });

  it('routes an unmapped (or unknown) organization to the catch-all account', () => {
    expect(deliver({ accountMapping: null }).account).toEqual({ id: 'acc-catch', name: 'Default Customer', source: 'catch-all' });
    expect(deliver({ accountMapping: null, organization: null }).organizationName).toBe('org-acme');
  });

  it.each([
    ['{user}', { user: { email: 'User@Domain.com', name: 'Pat' } }, 'user@domain.com'],
    ['{user}', { user: { email: null, name: 'Pat  User' } }, 'Pat User'],
    ['{user}', { user: null }, UNKNOWN_USER],
    ['{user} – {alert}', {}, 'user@domain.com – Too Many Downloads'],
    ['{organization}: {severity} {alert}', { severity: 'critical' }, 'Acme Dental Group: Critical Too Many Downloads'],
  ] as Array<[string, Partial<RoutingAlertInput>, string]>)('renders %s', (template, over, expected) => {
    const d = deliver({ alert: makeAlert(over), settings: { ...settings, ticket: { ...ticket, subjectTemplate: template } } });
    expect(d.subject).toBe(expected);
    expect(d.groupKey).toBe(`acc-acme|${expected}`);
  });

  it('uses the alert type id when the catalog does not name it', () => {
    expect(deliver({ alertTypeName: null }).subject).toBe('user@domain.com – at-downloads');
  });

  it('groups the same subject in different accounts apart', () => {
    expect(deliver().groupKey).not.toBe(deliver({ accountMapping: null }).groupKey);
  });

  it.each(['critical', 'high', 'medium', 'low', 'informational'] as const)('maps %s to its priority', (severity) => {
    expect(deliver({ alert: makeAlert({ severity }) }).priorityId).toBe(ticket.priorityMap[severity]);
  });

  it('renders the note title and copies the ticket and note defaults', () => {
    const d = deliver();
    expect(d.note).toEqual({ typeId: 'nt', visibilityId: 'internal', title: 'Too Many Downloads (High)' });
    expect(d.ticket).toEqual({ statusId: 'new', queueId: 'q', typeId: 'type', sourceId: 'src', categoryId: 'cat' });
  });

  it('clips very long subjects', () => {
    expect(renderTemplate('{alert}', { ...tokensFor(makeAlert(), { alertTypeName: 'x'.repeat(400), organizationName: null }) }).length).toBe(250);
  });
});

describe('decideRouting: contracts', () => {
  it.each([
    ['on, mapped organization with a contract', {}, { id: 'k-1', name: 'MSA' }],
    ['off', { settings: { ...settings, contract: { ...settings.contract!, addContractsToTickets: false } } }, null],
    ['no contract settings', { settings: { ...settings, contract: null } }, null],
    ['organization without a contract mapping', { contractMapping: null }, null],
    ['catch-all account (another account’s contract)', { accountMapping: null }, null],
  ] as Array<[string, Partial<DecisionInput>, unknown]>)('%s', (_name, over, expected) => {
    expect(deliver(over).contract).toEqual(expected);
  });
});

describe('issue / sub-issue precedence', () => {
  it.each([
    ['IOC rule beats respond rule and alert type', { iocRuleId: 'ioc-bad-ip', respondRuleId: 'rr-disable', alertType: 'at-malware' }, ['it-ioc', 'sit-ioc', 'ioc-rule']],
    ['respond rule beats alert type', { respondRuleId: 'rr-disable', alertType: 'at-malware' }, ['it-respond', null, 'respond-rule']],
    ['alert type beats the default', { alertType: 'at-malware' }, ['it-alert', 'sit-alert', 'alert-type']],
    ['unmatched rules fall through to the default', { iocRuleId: 'ioc-other', respondRuleId: 'rr-other' }, ['it-default', 'sit-default', 'default']],
  ] as Array<[string, Partial<RoutingAlertInput>, [string | null, string | null, string]]>)('%s', (_name, over, [issue, sub, source]) => {
    expect(chooseIssueTypes(makeAlert(over), ticket)).toMatchObject({ issueTypeId: issue, subIssueTypeId: sub, source });
  });

  it('sends none when nothing is set', () => {
    expect(chooseIssueTypes(makeAlert(), { ...ticket, issueTypeId: null, subIssueTypeId: null })).toEqual({ issueTypeId: null, subIssueTypeId: null, source: 'none', matchedKey: null });
  });
});

describe('contact choice', () => {
  const contact = (id: string, accountId: string, isPrimary = false): PsaContact => ({ id, accountId, name: id, email: `${id}@x.example`, isPrimary, isActive: true });

  it.each([
    ['attach off: none', { attachContacts: false }, {}, {}, null],
    ['e-mail match inside the account', {}, {}, { emailMatch: contact('c-match', 'acc-acme') }, ['c-match', 'email-match']],
    ['a match in another account is ignored', { }, { accountMapping: { psaAccountId: 'acc-acme', psaAccountName: 'Acme', contactId: 'c-map', contactName: 'Map' } }, { emailMatch: contact('c-other', 'acc-other') }, ['c-map', 'mapping']],
    ['no match: the mapping’s contact', {}, { accountMapping: { psaAccountId: 'acc-acme', psaAccountName: 'Acme', contactId: 'c-map', contactName: 'Map' } }, { emailMatch: null }, ['c-map', 'mapping']],
    ['no match, no mapping contact: the primary contact', {}, {}, { emailMatch: null, accountContacts: [contact('c-2', 'acc-acme'), contact('c-primary', 'acc-acme', true)] }, ['c-primary', 'primary']],
    ['catch-all account: the catch-all contact', {}, { accountMapping: null }, { emailMatch: null }, ['c-catch', 'catch-all']],
    ['no contact at all', {}, {}, { emailMatch: null, accountContacts: [contact('c-x', 'acc-other', true)] }, null],
  ] as Array<[string, Partial<ParsedPsaSettings>, Partial<DecisionInput>, { emailMatch?: PsaContact | null; accountContacts?: PsaContact[] }, [string, string] | null]>)('%s', (_name, s, over, answers, expected) => {
    const d = deliver({ settings: { ...settings, ...s }, ...over });
    const choice = chooseContact(d.contactRule, d.account.id, answers);
    expect(choice ? [choice.id, choice.source] : null).toEqual(expected);
  });

  it('asks the PSA only what the rule needs', () => {
    expect(contactLookups({ attach: false })).toEqual({ byEmail: null, needsPrimary: false });
    expect(contactLookups(deliver().contactRule)).toEqual({ byEmail: 'user@domain.com', needsPrimary: true });
    expect(contactLookups(deliver({ accountMapping: null, alert: makeAlert({ user: null }) }).contactRule)).toEqual({ byEmail: null, needsPrimary: false });
  });
});

describe('what a group does next', () => {
  const now = 1_000_000;
  it.each([
    ['no group yet', undefined, null, 'create'],
    ['a create in flight (crash)', { vendorTicketId: null, isOpen: false, checkedAt: 0, pendingMarker: 'ih-t-1' }, null, 'reconcile-ticket'],
    ['ticket closed', { vendorTicketId: 'T', isOpen: false, checkedAt: now, pendingMarker: null }, null, 'create'],
    ['open, checked recently', { vendorTicketId: 'T', isOpen: true, checkedAt: now - 1_000, pendingMarker: null }, null, 'note'],
    ['open, state older than the TTL', { vendorTicketId: 'T', isOpen: true, checkedAt: now - 61_000, pendingMarker: null }, null, 'check-open'],
    ['open, checked during this delivery', { vendorTicketId: 'T', isOpen: true, checkedAt: now - 61_000, pendingMarker: null }, 'T', 'note'],
  ] as const)('%s → %s', (_name, group, verified, step) => {
    expect(nextGroupStep(group, now, 60_000, verified).step).toBe(step);
  });

  it('splits backed-up alerts into bounded notes, in order', () => {
    expect(noteBatches([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
  });
});
