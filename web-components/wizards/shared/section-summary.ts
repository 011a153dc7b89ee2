/**
 * @module Edit mode's summary of a finished integration, shared by `<psa-wizard>` and `<rmm-wizard>`
 * (issue 17, item 1): a heading, then one box per section with its settings and its own Edit (a
 * read-only section has none), then Close. Secrets never reach it: the wizards pass "stored".
 */
import { css, html, nothing } from 'lit';
import { space, token } from '../../styles/tokens.js';

export interface SummaryLine { term: string; value: string }

export interface SummarySection {
  id: string;
  label: string;
  lines: SummaryLine[];
  /** The button's own words (e.g. "Replace credentials"); default "Edit", announced as "Edit <label>". */
  editLabel?: string;
  /** Shown, never edited (the RMM's user-activity organization). */
  readOnly?: boolean;
}

export interface SectionSummaryOptions {
  heading: string;
  intro: string;
  sections: SummarySection[];
  closeLabel: string;
  onEdit(id: string): void;
  onClose(): void;
}

/** The summary's markup; the element rendering it adds `sectionSummaryStyles` (parts: summary-section, section-edit-button, close-button). */
export function sectionSummary({ heading, intro, sections, closeLabel, onEdit, onClose }: SectionSummaryOptions) {
  return html`
    <div class="ih-root edit-summary">
      <h3 tabindex="-1">${heading}</h3>
      <p class="intro">${intro}</p>
      ${sections.map((section) => html`
        <section class="summary-section" part="summary-section" aria-labelledby="section-${section.id}">
          <div class="summary-head">
            <h4 id="section-${section.id}">${section.label}</h4>
            ${section.readOnly ? nothing : html`<button type="button" part="button section-edit-button" aria-label=${section.editLabel ? nothing : `Edit ${section.label}`}
              @click=${() => onEdit(section.id)}>${section.editLabel ?? 'Edit'}</button>`}
          </div>
          <dl>${section.lines.map((line) => html`<dt>${line.term}</dt><dd>${line.value}</dd>`)}</dl>
        </section>`)}
      <p class="actions"><button type="button" part="button close-button" @click=${onClose}>${closeLabel}</button></p>
    </div>`;
}

export const sectionSummaryStyles = css`
  .summary-section { padding: ${space(1.5)}; border: 1px solid ${token('--ih-color-border')}; border-radius: ${token('--ih-radius')}; }
  .summary-head { display: flex; flex-wrap: wrap; gap: ${space(1)}; align-items: center; justify-content: space-between; }
  .summary-section dl { display: grid; grid-template-columns: max-content 1fr; gap: ${space(0.5)} ${space(2)}; margin: 0; }
  .summary-section dt { font-weight: 600; }
  .summary-section dd { margin: 0; }
  @container (max-width: 38rem) {
    .summary-section dl { grid-template-columns: minmax(0, 1fr); gap: 0; }
    .summary-section dd { margin-block-end: ${space(1)}; overflow-wrap: anywhere; }
  }
`;
