/**
 * @module Step 3, Service Parameters (required): ticket defaults from the PSA's live picklists,
 * the ticket subject (presets "User" / "User + Alert", a live preview, and why it decides
 * grouping), a priority for every alert severity, note defaults, optional issue / sub-issue
 * defaults, and three optional override tables. Fields a vendor lacks are left out. A field whose
 * values come from another (a ConnectWise board's statuses, types, subtypes and items; any
 * sub-issue type) follows it, and stays disabled, saying why, until that one is chosen
 * (psa-ticket-dependencies.ts); where the queue leads, it comes first.
 */
import { html, nothing } from 'lit';
import { SEVERITIES, SUBJECT_PRESETS } from '../../../../bff/contracts/psa-settings.js';
import type { FieldChangeEvent } from '../../shared/fields/field-change-event.js';
import { COPY, SEVERITY_LABEL, serviceCopy } from '../psa-wizard.copy.js';
import type { PicklistValue } from '../../../../bff/contracts/model.js';
import type { OverrideTable } from '../psa-wizard.types.js';
import { unreadableLists, unsupportedTicketFields } from '../psa-wizard.validation.js';
import { optionsOf } from '../psa-wizard.values.js';
import { choicesOf, closingStatuses, parentOf, queueLeads, type TicketDefaultField } from '../psa-ticket-dependencies.js';
import { PsaStepElement } from './psa-step-base.js';

const SAMPLE = { user: 'jane.doe@acme.example', alert: 'Too Many Downloads', organization: 'Acme Dental Group', severity: 'high' };

/** The subject as the first ticket of a group would get it. */
export function renderTemplate(template: string): string {
  return template.replace(/\{(\w+)\}/g, (whole, token: string) => (token in SAMPLE ? SAMPLE[token as keyof typeof SAMPLE] : whole));
}

/**
 * Internal. The service-parameters step of `<psa-wizard>`.
 *
 * @internal
 */
export class IhPsaServiceParametersStep extends PsaStepElement {
  protected readonly step = 'service-parameters' as const;

  private onGroupBy(e: FieldChangeEvent): void {
    e.stopPropagation();
    const preset = SUBJECT_PRESETS[e.value as keyof typeof SUBJECT_PRESETS];
    if (preset) this.send({ type: 'field.change', path: 'ticket.subjectTemplate', value: preset.template });
  }

  protected override render() {
    const c = this.context;
    const lists = c.picklists;
    const loading = this.snapshot.matches({ serviceParameters: 'loading' });
    const failed = this.snapshot.matches({ serviceParameters: 'failed' });
    if (!lists || loading || failed) {
      return html`
        <div class="ih-root">
          <ih-load-status label="ticket values from the PSA" status=${failed ? 'error' : 'loading'}
            problem-detail=${c.problem?.detail ?? ''} @ih-load-retry=${() => this.send({ type: 'lists.retry' })}></ih-load-status>
        </div>`;
    }
    const copy = serviceCopy(this.context.vendor);
    const t = c.ticket;
    const unsupported = unsupportedTicketFields(lists);
    // Shown from the start, touched or not: an empty required list has no way on but this one.
    const unreadableList = unreadableLists(c);
    const unreadable: Record<string, string> = Object.fromEntries(unreadableList.map((u) => [u.path, u.message]));
    /** A select; a disabled one shows why (its hint) rather than an error it cannot fix yet. */
    const select = (path: string, label: string, values: Array<{ value: string; label: string }>, value: string | null,
      extra: { optional?: boolean; hint?: string; disabled?: boolean } = {}) => html`
      <ih-select-field name=${path} label=${label} .options=${values} .value=${value} error=${extra.disabled ? '' : unreadable[path] ?? this.error(path)} hint=${extra.hint ?? ''}
        ?disabled=${extra.disabled} ?required=${!extra.optional} ?optional=${extra.optional} ?allow-empty=${extra.optional}
        placeholder=${extra.optional ? 'None' : 'Choose…'}></ih-select-field>`;
    const presetKey = (Object.keys(SUBJECT_PRESETS) as Array<keyof typeof SUBJECT_PRESETS>).find((k) => SUBJECT_PRESETS[k].template === t.subjectTemplate) ?? 'custom';
    const labels: Record<TicketDefaultField, string> = {
      categoryId: copy.category, typeId: copy.type, statusId: copy.status, queueId: copy.queue, sourceId: copy.source,
      issueTypeId: copy.issueType, subIssueTypeId: copy.subIssueType,
    };
    /** A ticket default: its parent's values only; disabled, saying which field to choose first, while the parent is empty. */
    const ticketField = (field: TicketDefaultField, optional = false) => {
      if ((unsupported as readonly string[]).includes(field)) return nothing;
      const parent = parentOf(field, lists);
      const waiting = parent !== null && !t[parent];
      return select(`ticket.${field}`, labels[field], optionsOf(choicesOf(field, lists, t)), t[field],
        { optional, disabled: waiting, hint: waiting ? copy.chooseFirst(labels[parent]) : '' });
    };
    // Where the queue leads (a ConnectWise board), it comes first and what hangs under it follows, Type and Subtype included.
    const boardLed = queueLeads(lists);
    const issueUnderDefaults = boardLed && parentOf('issueTypeId', lists) === 'queueId';
    const defaults: Array<[TicketDefaultField, boolean]> = boardLed
      ? [['queueId', false], ['statusId', false], ...(issueUnderDefaults ? [['issueTypeId', true], ['subIssueTypeId', true]] as Array<[TicketDefaultField, boolean]> : []),
        ['typeId', false], ['categoryId', false], ['sourceId', false]]
      : [['categoryId', false], ['typeId', false], ['statusId', false], ['queueId', false], ['sourceId', false]];
    return html`
      <div class="ih-root" @ih-field-change=${this.onFieldChange}>
        <p class="intro">${copy.intro}</p>
        ${this.renderProblem()}
        ${unreadableList.length ? html`
          <div class="problem" part="problem">
            <p>${copy.listsUnreadable([...new Set(unreadableList.map((u) => u.list))].join(', '))}</p>
            <button type="button" @click=${() => this.send({ type: 'lists.retry' })}>${copy.rereadLists}</button>
          </div>` : nothing}
        <fieldset>
          <legend>${copy.ticketDefaults}</legend>
          <div class="grid">
            ${defaults.map(([field, optional]) => ticketField(field, optional))}
          </div>
        </fieldset>
        <fieldset>
          <legend>${copy.subject}</legend>
          <p class="note">${copy.grouping}</p>
          <div class="grid">
            <ih-select-field label=${copy.groupBy} .value=${presetKey} @ih-field-change=${this.onGroupBy}
              .options=${[...Object.entries(SUBJECT_PRESETS).map(([value, p]) => ({ value, label: p.label })), { value: 'custom', label: copy.custom, disabled: true }]}></ih-select-field>
            <ih-text-field name="ticket.subjectTemplate" label=${copy.subject} hint=${copy.subjectHint} .value=${t.subjectTemplate} required
              error=${this.error('ticket.subjectTemplate')}></ih-text-field>
          </div>
          <p>${copy.preview}: <output class="preview" aria-live="polite">${renderTemplate(t.subjectTemplate)}</output></p>
        </fieldset>
        <fieldset>
          <legend>${copy.priorities}</legend>
          <p class="note">${copy.prioritiesHint}</p>
          <div class="grid">
            ${SEVERITIES.map((s) => select(`ticket.priorityMap.${s}`, copy.priorityFor(SEVERITY_LABEL[s]), optionsOf(lists.priority), t.priorityMap[s]))}
          </div>
        </fieldset>
        <fieldset>
          <legend>${copy.noteDefaults}</legend>
          <p class="note">${copy.noteDefaultsHint}</p>
          <div class="grid">
            ${select('ticket.note.typeId', copy.noteType, optionsOf(lists.noteType), t.note.typeId)}
            ${select('ticket.note.visibilityId', copy.noteVisibility, optionsOf(lists.noteVisibility), t.note.visibilityId)}
            <ih-text-field name="ticket.note.titleTemplate" label=${copy.noteTitle} hint=${copy.subjectHint} .value=${t.note.titleTemplate} required
              error=${this.error('ticket.note.titleTemplate')}></ih-text-field>
          </div>
        </fieldset>
        ${issueUnderDefaults ? nothing : html`
          <fieldset>
            <legend>${copy.issueTypes}</legend>
            <p class="note">${copy.issueTypesHint}</p>
            <div class="grid">${ticketField('issueTypeId', true)}${ticketField('subIssueTypeId', true)}</div>
          </fieldset>`}
        <fieldset>
          <legend>${copy.twoWay}</legend>
          <ih-select-field name="ticket.closeOnResolveStatusId" label=${copy.closeOnResolve} hint=${copy.closeOnResolveHint}
            .options=${optionsOf(closingStatuses(lists, t))} .value=${t.closeOnResolveStatusId} error=${this.error('ticket.closeOnResolveStatusId')}
            optional allow-empty placeholder=${copy.leaveOpen}></ih-select-field>
        </fieldset>
        ${(['alertTypes', 'respondRules', 'iocRules'] as OverrideTable[]).map((table) => html`
          <ih-psa-override-table table=${table} .rows=${t.overrides[table]} .catalog=${c.catalog?.[table] ?? []} .errors=${this.errors}
            .issueTypes=${choicesOf('issueTypeId', lists, t)} .subIssueTypes=${lists.subIssueType} .terms=${{ issueType: copy.overrideIssueType, subIssueType: copy.overrideSubIssueType }}></ih-psa-override-table>`)}
      </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ih-psa-service-parameters-step': IhPsaServiceParametersStep;
  }
}
