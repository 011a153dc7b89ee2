/**
 * @module The base of the RMM wizard's step elements: each renders one step from the machine's
 * context and the errors to show now, and turns what the person does into machine events. Field
 * names are the machine's paths: `userActivityOrganizationId`, `credentials.apiKey`, `sites.<id>`.
 */
import { LitElement, css, type CSSResultGroup } from 'lit';
import { property } from 'lit/decorators.js';
import { baseStyles, space, token } from '../../../styles/tokens.js';
import type { FieldErrors } from '../../shared/form-state.js';
import type { FieldChangeEvent } from '../../shared/fields/field-change-event.js';
import type { RmmWizardContext, RmmWizardEvent } from '../rmm-wizard.types.js';

/** Styles every step shares: text blocks, notes, the warning box and checkbox rows. */
export const stepStyles = [baseStyles, css`
  :host { display: block; }
  /* minmax(0, 1fr): a long review line wraps instead of widening the step past the card. */
  .step { display: grid; grid-template-columns: minmax(0, 1fr); gap: ${space(2)}; }
  p { margin: 0; }
  .muted { color: ${token('--ih-color-text-muted')}; }
  .note {
    padding: ${space(1)} ${space(1.5)};
    border-inline-start: 4px solid ${token('--ih-color-accent')};
    background: ${token('--ih-color-surface-muted')};
    border-radius: ${token('--ih-radius')};
  }
  .warning {
    display: grid; gap: ${space(1)};
    padding: ${space(1.5)} ${space(2)};
    border: 1px solid ${token('--ih-color-warning')};
    border-inline-start-width: 4px;
    border-radius: ${token('--ih-radius')};
  }
  .warning strong { color: ${token('--ih-color-warning')}; }
  .problem {
    padding: ${space(1)} ${space(1.5)};
    border: 1px solid ${token('--ih-color-danger')};
    border-radius: ${token('--ih-radius')};
  }
  .problem strong { color: ${token('--ih-color-danger')}; }
  .check { display: flex; align-items: start; gap: ${space(1)}; }
  .check input { inline-size: 1.15rem; block-size: 1.15rem; margin-block-start: 0.15rem; accent-color: ${token('--ih-color-accent')}; }
  .check-error { margin: 0; color: ${token('--ih-color-danger')}; font-weight: 600; }
  .check-error::before { content: '⚠ ' / ''; }
  input[type='checkbox'][aria-invalid='true'] { outline: 2px solid ${token('--ih-color-danger')}; outline-offset: 2px; }
  dl { display: grid; grid-template-columns: minmax(0, max-content) minmax(0, 1fr); gap: ${space(0.5)} ${space(2)}; margin: 0; }
  dt { font-weight: 600; }
  dd { margin: 0; overflow-wrap: anywhere; }
  /* On a phone each term sits above its value: two columns leave the values a few words wide. */
  @media (max-width: 40rem) {
    dl { grid-template-columns: minmax(0, 1fr); row-gap: 0; }
    dd { margin-block-end: ${space(1)}; }
  }
`];

export abstract class RmmStepBase extends LitElement {
  static override styles: CSSResultGroup = stepStyles;

  /** The machine's context now. */
  @property({ attribute: false }) context!: RmmWizardContext;
  /** The errors to show now (already filtered: touched, submitted or from the BFF), by field path. */
  @property({ attribute: false }) errors: FieldErrors = {};
  /** Sends an event to the wizard's machine. */
  @property({ attribute: false }) send: (event: RmmWizardEvent) => void = () => {};

  /** Field change → machine event, by the field's path. */
  protected onFieldChange(e: FieldChangeEvent): void {
    const { name, value } = e;
    if (name === 'userActivityOrganizationId') this.send({ type: 'organization.select', organizationId: (value as string | null) ?? null });
    else if (name.startsWith('credentials.')) this.send({ type: 'credentials.change', field: name.slice('credentials.'.length), value: String(value ?? '') });
    else if (name.startsWith('sites.')) this.send({ type: 'mapping.assign', siteId: name.slice('sites.'.length), organizationId: (value as string | null) ?? null });
    else if (name === 'autoMapExact') this.send({ type: 'mapping.autoMap', enabled: Boolean(value) });
    else if (name === 'entraDeviceIdField') this.send({ type: 'parameters.entraField', field: (value as string | null) ?? null });
  }

  /** Leaving a field marks it touched (its errors show from then on). Credential paths drop their prefix. */
  protected onFocusOut(e: FocusEvent): void {
    const name = (e.target as Element | null)?.getAttribute?.('name');
    if (name) this.send({ type: 'field.blur', field: name.startsWith('credentials.') ? name.slice('credentials.'.length) : name });
  }

  /** The error shown for a path ('' for none). */
  protected errorFor(path: string): string {
    return this.errors[path] ?? '';
  }

  protected organizationName(id: string | null): string {
    return this.context.organizations.find((o) => o.id === id)?.name ?? id ?? '';
  }
}
