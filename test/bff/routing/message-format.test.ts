/** Ticket and note text: the first alert in full, later ones listed in arrival order with their ids. */
import { describe, expect, it } from 'vitest';
import { routingAlertSchema } from '../../../bff/routing/alert.js';
import { noteBody, noteTitle, ticketDescription } from '../../../bff/routing/message-format.js';

const item = (id: string, title: string) => ({
  alert: routingAlertSchema.parse({ id, organizationId: 'o', severity: 'medium', alertType: 'at', title, description: 'details', user: { email: 'u@x.example', name: 'U' }, occurredAt: '2025-01-02T03:04:05Z' }),
  decision: { alertTypeName: 'Too Many Uploads', organizationName: 'Acme', note: { typeId: 'n', visibilityId: 'v', title: 'Too Many Uploads' } },
});

describe('message format', () => {
  it('describes a ticket’s alert with its facts and id', () => {
    const text = ticketDescription(item('a-1', 'Uploads spiked'));
    expect(text).toContain('Uploads spiked');
    expect(text).toContain('Severity: Medium');
    expect(text).toContain('User: u@x.example (U)');
    expect(text).toContain('Alert id: a-1');
  });

  it('lists backed-up alerts in one note, in order', () => {
    const items = [item('a-1', 'first'), item('a-2', 'second'), item('a-3', 'third')];
    expect(noteTitle(items)).toBe('Too Many Uploads (+2 more alerts)');
    const body = noteBody(items);
    expect(body.indexOf('a-1')).toBeLessThan(body.indexOf('a-2'));
    expect(body.indexOf('a-2')).toBeLessThan(body.indexOf('a-3'));
    expect(body).toMatch(/^3 alerts/);
    expect(noteTitle([items[0]!])).toBe('Too Many Uploads');
  });
});
