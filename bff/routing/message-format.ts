/**
 * @module The text of tickets and notes. A ticket carries its first alert in full; a note lists one
 * or more later alerts in arrival order (alerts that backed up while the PSA was slow or rationed
 * go out as one note). Every alert's platform id is in the text, so a technician can find it.
 */
import type { RoutingAlert } from './alert.js';
import type { DeliverDecision } from './decision.js';
import { severityLabel, userToken } from './template.js';

/** ASSUMPTION: 400 characters of each alert's description in a note listing many (the PSA caps a note's size). */
const NOTE_DESCRIPTION_MAX = 400;
const TICKET_DESCRIPTION_MAX = 6_000;

export interface AlertForText {
  alert: RoutingAlert;
  decision: Pick<DeliverDecision, 'alertTypeName' | 'organizationName' | 'note'>;
}

function clip(text: string, max: number): string {
  const t = text.trim();
  return t.length <= max ? t : `${t.slice(0, max - 1)}…`;
}

function userLine(alert: RoutingAlert): string {
  const token = userToken(alert.user);
  return alert.user?.name && alert.user.email ? `${token} (${alert.user.name})` : token;
}

function facts(item: AlertForText): string[] {
  const { alert, decision } = item;
  return [
    `Alert type: ${decision.alertTypeName}`,
    `Severity: ${severityLabel(alert.severity)}`,
    `User: ${userLine(alert)}`,
    `Organization: ${decision.organizationName}`,
    ...(alert.occurredAt ? [`Occurred: ${alert.occurredAt}`] : []),
    `Alert id: ${alert.id}`,
  ];
}

export function ticketDescription(item: AlertForText): string {
  return [item.alert.title, '', clip(item.alert.description, TICKET_DESCRIPTION_MAX), '', ...facts(item)].join('\n').replace(/\n{3,}/g, '\n\n');
}

/** One alert: its note title; several: the first one's title and how many more follow. */
export function noteTitle(items: AlertForText[]): string {
  const first = items[0]!.decision.note.title;
  return items.length === 1 ? first : `${first} (+${items.length - 1} more alert${items.length > 2 ? 's' : ''})`;
}

export function noteBody(items: AlertForText[]): string {
  if (items.length === 1) return ticketDescription(items[0]!);
  const parts = items.map((item, i) => {
    const { alert, decision } = item;
    const when = alert.occurredAt ? ` at ${alert.occurredAt}` : '';
    return [
      `${i + 1}. ${decision.alertTypeName} (${severityLabel(alert.severity)})${when}: ${alert.title}`,
      `   User: ${userLine(alert)}; alert id: ${alert.id}`,
      ...(alert.description.trim() ? [`   ${clip(alert.description, NOTE_DESCRIPTION_MAX).replace(/\n/g, '\n   ')}`] : []),
    ].join('\n');
  });
  return [`${items.length} alerts, in the order they arrived:`, '', ...parts].join('\n\n').replace(/\n{3,}/g, '\n\n');
}
