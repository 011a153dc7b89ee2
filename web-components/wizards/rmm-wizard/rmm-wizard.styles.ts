/** @module `<rmm-wizard>`'s own shadow styles (the shell and the steps style themselves); `--ih-*` tokens only. */
import { css } from 'lit';
import { baseStyles, space, token } from '../../styles/tokens.js';
import { sectionSummaryStyles } from '../shared/section-summary.js';

export const rmmWizardStyles = [baseStyles, css`
  :host { display: block; }
  .muted { color: ${token('--ih-color-text-muted')}; margin: 0; }
  .problem {
    padding: ${space(1)} ${space(1.5)};
    border: 1px solid ${token('--ih-color-danger')};
    border-inline-start-width: 4px;
    border-radius: ${token('--ih-radius')};
    margin-block-end: ${space(1.5)};
  }
  .problem strong { color: ${token('--ih-color-danger')}; }
  .edit { display: grid; gap: ${space(1.5)}; }
  .edit h2 { margin: 0; font-size: 1.25rem; }
  .edit-summary { display: grid; gap: ${space(1.5)}; }
  .edit-summary h3, .edit-summary h4, .edit-summary p { margin: 0; }
`, sectionSummaryStyles];
