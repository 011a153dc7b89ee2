/**
 * @module Step 3's dependency rules on a ConnectWise-shaped PSA (statuses, types and items on
 * boards; subtypes under types) and a flat one: which field leads, what a field may offer, what
 * the PSA's defaults prefill, and what a new board or type clears.
 */
import { describe, expect, it } from 'vitest';
import type { PsaPicklists } from '../../../../bff/contracts/model.js';
import { choicesOf, parentOf, prefillDefaults, queueLeads, resetDependents } from '../../../../web-components/wizards/psa-wizard/psa-ticket-dependencies.js';
import type { TicketDraft } from '../../../../web-components/wizards/psa-wizard/psa-wizard.types.js';
import { PICKLISTS } from './psa-wizard.fakes.js';

const value = (id: string, label: string, parentId?: string, isDefault = false) => ({ id, label, isDefault, isActive: true, ...(parentId ? { parentId } : {}) });

const BOARDS: PsaPicklists = {
  ...PICKLISTS,
  ticketCategory: [],
  queue: [value('1', 'Security Operations'), value('2', 'Help Desk')],
  ticketStatus: [value('11', 'SO / New', '1', true), value('14', 'SO / Closed', '1'), value('16', 'HD / New', '2', true)],
  closedStatusIds: ['14'],
  ticketType: [value('401', 'SO / Alert', '1', true), value('404', 'HD / Alert', '2')],
  issueType: [value('101', 'SO / Security Incident', '1'), value('105', 'HD / Incident', '2')],
  subIssueType: [value('201', 'Malware', '101'), value('207', 'Hardware', '105')],
  unsupported: ['ticketCategory'],
};

const empty = (): TicketDraft => ({
  categoryId: null, typeId: null, statusId: null, queueId: null, sourceId: null, subjectTemplate: '{user}',
  priorityMap: { critical: null, high: null, medium: null, low: null, informational: null },
  note: { typeId: null, visibilityId: null, titleTemplate: '{alert}' }, issueTypeId: null, subIssueTypeId: null, closeOnResolveStatusId: null,
  overrides: { alertTypes: [], respondRules: [], iocRules: [] },
});

describe('ticket default dependencies', () => {
  it('reads which field leads from the lists’ parents', () => {
    expect(queueLeads(BOARDS)).toBe(true);
    expect(['statusId', 'typeId', 'issueTypeId', 'subIssueTypeId', 'sourceId'].map((f) => parentOf(f as never, BOARDS))).toEqual(['queueId', 'queueId', 'queueId', 'issueTypeId', null]);
    expect(queueLeads(PICKLISTS)).toBe(false);
    expect(parentOf('subIssueTypeId', PICKLISTS)).toBe('issueTypeId');
  });

  it('offers nothing under an unchosen board, then only that board’s open values', () => {
    expect(choicesOf('statusId', BOARDS, empty())).toEqual([]);
    const onBoard = { ...empty(), queueId: '1' };
    expect(choicesOf('statusId', BOARDS, onBoard).map((v) => v.id)).toEqual(['11']);
    expect(choicesOf('typeId', BOARDS, onBoard).map((v) => v.id)).toEqual(['401']);
    expect(choicesOf('subIssueTypeId', BOARDS, onBoard)).toEqual([]);
  });

  it('prefills no board value before a board is chosen, and the board’s own defaults after', () => {
    expect(prefillDefaults(empty(), BOARDS)).toMatchObject({ queueId: null, statusId: null, typeId: null });
    expect(prefillDefaults({ ...empty(), queueId: '1' }, BOARDS)).toMatchObject({ statusId: '11', typeId: '401' });
    expect(prefillDefaults(empty(), PICKLISTS)).toMatchObject({ statusId: 'st-1', typeId: 'type-1', categoryId: 'cat-1' });
  });

  it('clears what hung under the old board on a new one, its subtype too, and takes the new board’s defaults', () => {
    const chosen = { ...empty(), queueId: '2', statusId: '11', typeId: '401', issueTypeId: '101', subIssueTypeId: '201' };
    expect(resetDependents(chosen, BOARDS, 'queueId')).toMatchObject({ queueId: '2', statusId: '16', typeId: null, issueTypeId: null, subIssueTypeId: null });
    // A saved draft restored whole keeps what it restores.
    expect(resetDependents(chosen, BOARDS, 'queueId', ['queueId', 'statusId', 'typeId', 'issueTypeId', 'subIssueTypeId'])).toEqual(chosen);
  });
});
