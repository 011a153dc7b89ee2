/** The HaloPSA mapper's conventions: closed statuses, the category tree, which ticket types an integration can use, markers. */
import { describe, expect, it } from 'vitest';
import { categoryTree, hasMarker, isClosedStatus, ticketTypeRefusal, toAccount, withMarker } from '../../../../bff/vendors/halopsa/halopsa.mapper.js';

describe('HaloPSA mapper', () => {
  it('counts a status as closed by its closed type, as Halo’s built-in Closed (id 9), or by name', () => {
    expect(isClosedStatus({ id: 30, name: 'Done', type: 2 })).toBe(true);
    expect(isClosedStatus({ id: 9, name: 'Geschlossen', type: 0 })).toBe(true);
    expect(isClosedStatus({ id: 31, name: 'Resolved', type: 0 })).toBe(true);
    expect(isClosedStatus({ id: 4, name: 'Waiting on User', type: 1 })).toBe(false);
  });

  it('turns the category 1 values into issue types and their sub-issue types', () => {
    const tree = categoryTree([
      { id: 1, value: 'Security' }, { id: 2, value: 'Security>Malware' }, { id: 3, value: 'Network' }, { id: 4, value: 'Orphan>Child' },
    ]);
    expect(tree.issueType.map((v) => [v.id, v.label, v.isActive])).toEqual([['1', 'Security', true], ['3', 'Network', true]]);
    expect(tree.subIssueType).toEqual([{ id: '2', label: 'Malware', isDefault: false, isActive: true, parentId: '1' }]);
  });

  it('refuses a ticket type only for mandatory fields the integration does not fill and Halo does not default', () => {
    const field = (name: string, mandatory: boolean, defaultvalue: string | null = null) =>
      ({ fieldname: name, technew: mandatory ? 2 : 1, fieldinfo: { name, label: name[0]!.toUpperCase() + name.slice(1), defaultvalue } });
    // A default on the type (`default_impact`) or on the field itself both fill a mandatory field.
    expect(ticketTypeRefusal({ id: 1, name: 'Incident', default_impact: 3, fields: [field('summary', true), field('user', true), field('impact', true), field('urgency', false)] })).toBeNull();
    expect(ticketTypeRefusal({ id: 2, name: 'Alert', fields: [field('category_1', true, 'Security')] })).toBeNull();
    const refusal = ticketTypeRefusal({ id: 4, name: 'Problem', default_impact: null, fields: [field('impact', true), field('urgency', true, ' ')] });
    expect(refusal).toContain('The Halo ticket type “Problem” requires Impact, Urgency, which have no default in Halo');
    // A field Halo marks mandatory in its own definition counts as mandatory too.
    expect(ticketTypeRefusal({ id: 5, name: 'Change', fields: [{ fieldname: 'cf_risk', technew: 1, fieldinfo: { label: 'Risk', mandatory: true } }] })).toContain('requires Risk');
    expect(refusal).toContain('Configuration > Tickets > Ticket Types');
  });

  it('maps a client’s top level as its type and keeps the marker findable only whole', () => {
    expect(toAccount({ id: 12, name: 'Acme', toplevel_name: 'Customers', inactive: false })).toMatchObject({ id: '12', type: 'Customers', parentId: null, isActive: true });
    const text = withMarker('Malware on LAPTOP-1', 'alert-77');
    expect(hasMarker(text, 'alert-77')).toBe(true);
    expect(hasMarker(text, 'alert-7')).toBe(false);
  });
});
