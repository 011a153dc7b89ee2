/**
 * @module The base of every PSA wizard step: it renders from the machine's snapshot, turns field
 * changes into machine events, and reads the errors to show from the same function the machine's
 * guards use (validate always, show once touched or submitted; server errors always).
 */
import { LitElement, html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import type { FieldChangeEvent } from '../../shared/fields/field-change-event.js';
import { visibleErrors, type FieldErrors } from '../../shared/form-state.js';
import type { PsaWizardData } from '../psa-wizard.api.js';
import type { PsaWizardSnapshot } from '../psa-wizard.machine.js';
import { stepStyles } from '../psa-wizard.styles.js';
import type { PsaStep, PsaWizardContext, PsaWizardEvent } from '../psa-wizard.types.js';
import { loadedStepErrors } from '../psa-wizard.guards.js';

export abstract class PsaStepElement extends LitElement {
  static override styles = stepStyles;

  /** @internal The machine's snapshot. */
  @property({ attribute: false }) snapshot!: PsaWizardSnapshot;
  /** @internal Sends an event to the machine. */
  @property({ attribute: false }) send: (event: PsaWizardEvent) => void = () => {};
  /** @internal Vendor lists shared by the steps. */
  @property({ attribute: false }) data?: PsaWizardData;

  protected abstract readonly step: PsaStep;

  protected get context(): PsaWizardContext {
    return this.snapshot.context;
  }

  /** The errors to show now, by context path. */
  protected get errors(): FieldErrors {
    const c = this.context;
    return visibleErrors(loadedStepErrors(this.step, c) ?? {}, c.touched, c.submitted, c.serverErrors);
  }

  protected error(path: string): string {
    return this.errors[path] ?? '';
  }

  /** Every wizard field's change becomes `field.change` (the field's name is its context path). */
  protected onFieldChange = (e: FieldChangeEvent): void => {
    e.stopPropagation();
    this.send({ type: 'field.change', path: e.name, value: e.value });
  };

  /** A box for a refusal not tied to one field (the vendor is down, a save failed); focusable so focus can land on it. */
  protected renderProblem(extra: unknown = nothing) {
    const problem = this.context.problem;
    if (!problem) return nothing;
    return html`
      <div class="problem" part="problem" role="alert" tabindex="-1">
        <p><strong>${problem.title}.</strong> ${problem.detail ?? ''}</p>
        ${extra}
      </div>`;
  }
}
