/**
 * @module Which PSA contact a new ticket gets, given what the PSA answered: the account's contact
 * with the alert user's e-mail, else the contact chosen for the mapping (the catch-all contact on
 * the catch-all account), else the account's primary contact. Never a contact of another account.
 */
import type { PsaContact } from '../contracts/model.js';
import type { ContactRule } from './decision.js';

export type ContactSource = 'email-match' | 'mapping' | 'catch-all' | 'primary';

export interface ContactChoice {
  id: string;
  name: string | null;
  source: ContactSource;
}

/** What the delivery must ask the PSA, in order, to apply a rule. */
export function contactLookups(rule: ContactRule): { byEmail: string | null; needsPrimary: boolean } {
  if (!rule.attach) return { byEmail: null, needsPrimary: false };
  return { byEmail: rule.email, needsPrimary: rule.fallback === null };
}

export function chooseContact(
  rule: ContactRule,
  accountId: string,
  answers: { emailMatch?: PsaContact | null; accountContacts?: PsaContact[] | null },
): ContactChoice | null {
  if (!rule.attach) return null;
  const match = answers.emailMatch;
  if (match && match.accountId === accountId) return { id: match.id, name: match.name, source: 'email-match' };
  if (rule.fallback) return { id: rule.fallback.id, name: rule.fallback.name, source: rule.fallback.source };
  const own = (answers.accountContacts ?? []).filter((c) => c.accountId === accountId && c.isActive);
  const primary = own.find((c) => c.isPrimary) ?? own[0];
  return primary ? { id: primary.id, name: primary.name, source: 'primary' } : null;
}
