/**
 * @module An integration's audit entries as the audit-log view shows them: who, what (in words),
 * when, and the settings before and after. Callers record values without secrets; this is the
 * second line: any key that names a credential is replaced before an entry leaves the BFF.
 */
import { z } from 'zod';

/** Keys whose values are credentials or could carry one (matched case-insensitively, anywhere in the key). */
const CREDENTIAL_KEY = /secret|password|passwd|token|credential|private.?key|public.?key|api.?key|authorization|cookie|sealed/i;
export const REDACTED = '(hidden)';

/** A deep copy of `value` with every credential-like key's value replaced by `REDACTED`. */
export function redactSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactSecrets);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, v]) => [key, CREDENTIAL_KEY.test(key) ? REDACTED : redactSecrets(v)]));
  }
  return value;
}

/**
 * The actor of what the BFF does by itself, with no person's request behind it (a deleted
 * integration's hook removal finishing later). People are recorded by their token's `sub`.
 */
export const SYSTEM_ACTOR = 'system';

/** What each recorded action means, in an admin's words; an unknown action shows its code. */
const ACTION_LABELS: Record<string, string> = {
  'integration.create': 'Connected the integration',
  'integration.credentials': 'Replaced the credentials',
  'integration.complete': 'Finished setup',
  'integration.pause': 'Paused ticket delivery',
  'integration.resume': 'Resumed ticket delivery',
  'integration.disconnect': 'Disconnected',
  'integration.reconnect': 'Reconnected',
  'integration.delete': 'Deleted the integration',
  'psa.account-mapping': 'Changed the account mapping',
  'psa.ticket-settings': 'Changed the ticket settings',
  'psa.contract-settings': 'Changed the contract settings',
  'psa.service-create': 'Created a contract service in the PSA',
  'psa.test-ticket': 'Sent a test ticket',
  'psa.billable-sync': 'Synced billable users',
  'psa.push-retry': 'Asked to register the ticket status webhook again',
  'rmm.parameters': 'Changed the RMM parameters',
  'rmm.auto-mapped': 'Automatically mapped sites with a 100% name match',
  'rmm.mapping': 'Changed the site mapping',
  'routing.retry': 'Retried a failed delivery',
  'organizations.sync': 'Received the organization list from the platform',
  'organization.add-pending': 'Added an organization not yet in the platform',
  'organization.ticket-delivery': 'Changed the organization’s ticket delivery',
  'deliveries.retry': 'Retried failed deliveries',
  'integration.push-removed': 'Removed the PSA ticket push of the deleted integration',
  'integration.push-abandoned': 'Gave up removing the PSA ticket push of the deleted integration',
};

export const auditEntrySchema = z.object({
  id: z.number(),
  actor: z.string(),
  action: z.string(),
  actionLabel: z.string(),
  at: z.string(),
  before: z.unknown(),
  after: z.unknown(),
});
export type AuditEntryView = z.infer<typeof auditEntrySchema>;

export function toAuditEntryView(entry: { id: number; actor: string; action: string; at: string; before: unknown; after: unknown }): AuditEntryView {
  return {
    id: entry.id, actor: entry.actor, action: entry.action, actionLabel: ACTION_LABELS[entry.action] ?? entry.action, at: entry.at,
    before: redactSecrets(entry.before ?? null), after: redactSecrets(entry.after ?? null),
  };
}
