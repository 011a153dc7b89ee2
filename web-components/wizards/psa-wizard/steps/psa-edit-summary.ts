/**
 * @module Edit mode's summary of a finished PSA integration: what is connected (vendor, site or
 * tenant, API user; secrets only "stored") and every section's settings, each with its own Edit
 * that opens that section alone. Close leaves the wizard; nothing here saves anything.
 */
import { LitElement } from 'lit';
import { property } from 'lit/decorators.js';
import { STATUS_LABELS } from '../../../../bff/contracts/integration-view.js';
import type { PsaWizardSnapshot } from '../psa-wizard.machine.js';
import { COPY, STEP_INFO, VENDOR_LABEL } from '../psa-wizard.copy.js';
import { accountMappingLines, contractLines, ticketLines } from '../psa-section-summary.js';
import { sectionSummary, type SummaryLine, type SummarySection } from '../../shared/section-summary.js';
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

  private section(step: PsaStep, lines: SummaryLine[]): SummarySection {
    return step === 'credentials'
      ? { id: step, label: COPY.editMode.connection, lines, editLabel: COPY.editMode.replaceCredentials }
      : { id: step, label: stepLabel(step), lines };
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
    return sectionSummary({
      heading: COPY.editMode.summaryHeading,
      intro: COPY.editMode.summaryIntro,
      sections: [
        this.section('credentials', connection),
        this.section('account-mapping', accountMappingLines(c)),
        this.section('service-parameters', ticketLines(c)),
        this.section('contract-mapping', contractLines(c)),
      ],
      closeLabel: COPY.editMode.close,
      onEdit: (step) => this.send({ type: 'section.edit', step: step as PsaStep }),
      onClose: () => this.send({ type: 'wizard.cancel' }),
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ih-psa-edit-summary': IhPsaEditSummary;
  }
}
