/**
 * @module Renders the ticket-subject and note-title templates. The rendered subject is half of the
 * group key, so rendering is deterministic: the same alert facts always give the same text.
 */
import type { Severity } from '../contracts/psa-settings.js';
import type { RoutingAlert } from './alert.js';

export const UNKNOWN_USER = 'Unknown user';
/** Autotask keeps 255 characters of a title; BMS fewer than that is never required. */
export const SUBJECT_MAX = 250;

export interface TemplateTokens {
  user: string;
  alert: string;
  organization: string;
  severity: string;
}

const oneLine = (value: string) => value.replace(/\s+/g, ' ').trim();

/**
 * The alert's user as grouping sees it: the e-mail, else the name, else "Unknown user".
 * ASSUMPTION: e-mails are lower-cased, so `User@X.com` and `user@x.com` share a group (and a ticket).
 */
export function userToken(user: RoutingAlert['user']): string {
  const email = user?.email?.trim().toLowerCase();
  if (email) return email;
  const name = user?.name ? oneLine(user.name) : '';
  return name || UNKNOWN_USER;
}

export function severityLabel(severity: Severity): string {
  return severity[0]!.toUpperCase() + severity.slice(1);
}

export function tokensFor(alert: RoutingAlert, names: { alertTypeName: string | null; organizationName: string | null }): TemplateTokens {
  return {
    user: userToken(alert.user),
    alert: oneLine(names.alertTypeName ?? alert.alertType),
    organization: oneLine(names.organizationName ?? alert.organizationId),
    severity: severityLabel(alert.severity),
  };
}

/** Replaces `{token}`s; unknown tokens cannot occur (the settings schema refuses them) and stay as written. */
export function renderTemplate(template: string, tokens: TemplateTokens, max = SUBJECT_MAX): string {
  const text = oneLine(template.replace(/\{(user|alert|organization|severity)\}/g, (_, key: keyof TemplateTokens) => tokens[key]));
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
