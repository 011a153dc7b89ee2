/** @module The look every wizard field shares: label above, hint and error below, a visible focus ring. */
import { css } from 'lit';
import { baseStyles, space, token } from '../../../styles/tokens.js';

export const fieldStyles = [baseStyles, css`
  :host { display: block; }
  :host([hidden]) { display: none; }
  .field { display: grid; gap: ${space(0.5)}; }
  label, .label { font-weight: 600; }
  .optional { font-weight: 400; color: ${token('--ih-color-text-muted')}; }
  .hint { margin: 0; color: ${token('--ih-color-text-muted')}; font-size: 0.9em; }
  .error { margin: 0; color: ${token('--ih-color-danger')}; font-weight: 600; }
  /* The sign is for the eye only (empty alternative text): a screen reader announces the message, not "warning sign". */
  .error::before { content: '⚠ ' / ''; }
  /* Empty, the live region stays in the accessibility tree (so a warning is announced) but takes no room in the grid. */
  .warning-region:empty { position: absolute; }
  .warning { margin: 0; padding-inline-start: ${space(1)}; border-inline-start: 3px solid ${token('--ih-color-warning')}; }
  input, select {
    font: inherit;
    color: ${token('--ih-color-text')};
    background: ${token('--ih-color-surface')};
    border: 1px solid ${token('--ih-color-border')};
    border-radius: ${token('--ih-radius')};
    padding: ${space(0.75)} ${space(1)};
    min-height: 2.25rem;
    box-sizing: border-box;
    inline-size: 100%;
    max-inline-size: var(--ih-field-max-width, 32rem);
  }
  :host([compact]) input, :host([compact]) select { min-height: 2rem; padding: ${space(0.25)} ${space(0.75)}; }
  [aria-invalid='true'] { border-color: ${token('--ih-color-danger')}; border-width: 2px; }
  input:disabled, select:disabled { opacity: 0.6; }
`];
