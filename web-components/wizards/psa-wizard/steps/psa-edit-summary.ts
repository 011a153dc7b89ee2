/**
 * @module Edit mode's summary of a finished PSA integration: what is connected (vendor, site or
 * tenant, API user; secrets only "stored") and every section's settings, each with its own Edit
 * that opens that section alone. Close leaves the wizard; nothing here saves anything.
 */
import { LitElement, html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import { STATUS_LABELS } from '../../../../bff/contracts/integration-view.js';
import type { PsaWizardSnapshot } from '../psa-wizard.machine.js';
import { COPY, STEP_INFO, VENDOR_LABEL } from '../psa-wizard.copy.js';
import { accountMappingLines, contractLines, ticketLines, type SummaryLine } from '../psa-section-summary.js';
import { stepStyles } from '../psa-wizard.styles.js';
import type { PsaStep, PsaWizardEvent } from '../psa-wizard.types.js';

const stepLabel = (step: PsaStep) => STEP_INFO.find((s) => s.id === step)!.label;

/**
 * Internal. The summary `<psa-wizard>` opens at for a finished integration.
 *
 * @internal
 * @csspart summary-section - One section with its Edit button.
 * @csspart section-edit-button - Each section's Edit (with `button`).
 * @csspart close-button - Close (with `button`).
 */
export class IhPsaEditSummary extends LitElement {
  static override styles = stepStyles;

  @property({ attribute: false }) snapshot!: PsaWizardSnapshot;
  @property({ attribute: false }) send: (event: PsaWizardEvent) => void = () => {};
  /** The integration's status as the page knows it now (the hub's last change wins over the loaded one). */
  @property({ attribute: false }) status?: string | null;

  /** Focuses the heading: on opening and on coming back from a section (focus must not fall to the body). */
  async focusHeading(): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('h3')?.focus();
  }

  private section(step: PsaStep, lines: SummaryLine[]) {
    const label = step === 'credentials' ? COPY.editMode.connection : stepLabel(step);
    return html`
      <section class="summary-section" part="summary-section" aria-labelledby="section-${step}">
        <div class="summary-head">
          <h4 id="section-${step}">${label}</h4>
          <button type="button" part="button section-edit-button" aria-label=${step === 'credentials' ? nothing : `${COPY.editMode.edit} ${label}`}
            @click=${() => this.send({ type: 'section.edit', step })}>${step === 'credentials' ? COPY.editMode.replaceCredentials : COPY.editMode.edit}</button>
        </div>
        <dl>${lines.map((line) => html`<dt>${line.term}</dt><dd>${line.value}</dd>`)}</dl>
      </section>`;
  }

  protected override render() {
    const c = this.snapshot.context;
    const status = (this.status ?? c.savedStatus) as keyof typeof STATUS_LABELS | null;
    const connection: SummaryLine[] = [
      { term: 'PSA', value: VENDOR_LABEL[c.vendor] },
      ...(status ? [{ term: 'Status', value: STATUS_LABELS[status] ?? status }] : []),
      ...c.connection.map((f) => ({ term: f.label, value: f.value })),
      { term: COPY.editMode.secrets, value: COPY.editMode.stored },
    ];
    return html`
      <div class="ih-root edit-summary">
        <h3 tabindex="-1">${COPY.editMode.summaryHeading}</h3>
        <p class="intro">${COPY.editMode.summaryIntro}</p>
        ${this.section('credentials', connection)}
        ${this.section('account-mapping', accountMappingLines(c))}
        ${this.section('service-parameters', ticketLines(c))}
        ${this.section('contract-mapping', contractLines(c))}
        <p class="actions"><button type="button" part="button close-button" @click=${() => this.send({ type: 'wizard.cancel' })}>${COPY.editMode.close}</button></p>
      </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ih-psa-edit-summary': IhPsaEditSummary;
  }
}
