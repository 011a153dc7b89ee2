/**
 * @module Where the Kaseya BMS ticket types, ticket sources and note types are read from. Kaseya
 * documents `GET /v2/system/lookup/{tableName}` but no table names (psa-apis.md D6), so each list
 * has candidates tried in order: the first that answers a non-empty list wins; a refused, missing
 * or empty one moves on to the next. Every name tried and what is known of it: FACTS.md beside this
 * file. All the assumptions about these names live here (the sandbox serves them from here too).
 */
import type { BmsLookupRow } from './kaseya-bms.schemas.js';
import { psaFieldLabels } from '../../contracts/vendor-field-labels.js';

export type BmsListKey = 'ticketTypes' | 'ticketSources' | 'noteTypes';

/** One place a list may be read from: a path of the BMS API, or a fixed list. */
export type BmsListSource =
  | { kind: 'path'; path: string; fact: string }
  | { kind: 'fixed'; rows: BmsLookupRow[]; fact: string };

/**
 * Ticket sources as Huntress's own BMS client (huntresslabs/kaseya-ruby, lib/kaseya/bms.rb
 * TICKET_SOURCES) sends them: a fixed enumeration, not a table. ASSUMPTION: "Monitoring System"
 * is marked the default because alerts come from a monitoring system (our choice, not Kaseya's).
 */
export const FIXED_TICKET_SOURCES: BmsLookupRow[] = [
  'Client Portal', 'Phone', 'In Person', 'On Site', 'Email', 'Monitoring System', 'Voice Mail', 'Verbal', 'Other', 'Recurring',
].map((name, id) => ({ id, name, isDefault: id === 5, isActive: true }));

/** ASSUMPTION (all of them): the order is documented v2 API first, then what a real client was seen to use. */
export const BMS_LIST_SOURCES: Record<BmsListKey, BmsListSource[]> = {
  ticketTypes: [
    { kind: 'path', path: 'v2/system/lookup/TicketTypes', fact: 'The product’s first guess (plural); unconfirmed against a real BMS.' },
    { kind: 'path', path: 'v2/system/lookup/TicketType', fact: 'Singular, as a vendor client tried; unconfirmed.' },
    { kind: 'path', path: 'system/lists/1', fact: 'Observed: Huntress’s BMS client reads ticket types from system/lists/1 (LIST_TYPES ticket_type = 1).' },
  ],
  ticketSources: [
    { kind: 'path', path: 'v2/system/lookup/TicketSources', fact: 'The product’s first guess (plural); unconfirmed.' },
    { kind: 'path', path: 'v2/system/lookup/TicketSource', fact: 'Singular; unconfirmed.' },
    { kind: 'fixed', rows: FIXED_TICKET_SOURCES, fact: 'Observed: Huntress’s BMS client treats sources as the fixed list 0–9.' },
  ],
  noteTypes: [
    { kind: 'path', path: 'v2/system/lookup/NoteTypes', fact: 'The product’s first guess (plural); unconfirmed.' },
    { kind: 'path', path: 'v2/system/lookup/NoteType', fact: 'Singular; unconfirmed.' },
  ],
};

/**
 * What the sandbox serves, as we assume a real BMS does. ASSUMPTION: ticket types only at the route
 * Huntress's client uses (the plural and singular lookup names answer "does not exist"); sources
 * from no table at all (the fixed list); note types under the plural name (nothing observed).
 */
export const SANDBOX_SERVED = {
  listRoutes: { '1': 'ticketTypes' } as Record<string, BmsListKey>,
  lookupNames: { NoteTypes: 'noteTypes' } as Record<string, BmsListKey>,
};

const BMS_FIELDS = psaFieldLabels('kaseya-bms').ticket;

/** The admin's words for each list: the label of the field it fills, as the wizard shows it (vendor-field-labels.ts). */
export const BMS_LIST_LABELS: Record<BmsListKey, string> = { ticketTypes: BMS_FIELDS.typeId, ticketSources: BMS_FIELDS.sourceId, noteTypes: BMS_FIELDS.noteTypeId };
