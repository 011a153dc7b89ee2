/** @module Styles of `<psa-wizard>` and its steps: sections, field grids, tables, the problem box; all from `--ih-*` tokens. */
import { css } from 'lit';
import { baseStyles, space, token } from '../../styles/tokens.js';
import { sectionSummaryStyles } from '../shared/section-summary.js';

export const wizardStyles = [baseStyles, css`
  :host { display: block; }
  .message { color: ${token('--ih-color-text-muted')}; }
  .problem {
    padding: ${space(1)} ${space(1.5)};
    border: 1px solid ${token('--ih-color-danger')};
    border-radius: ${token('--ih-radius')};
    color: ${token('--ih-color-danger')};
  }
  .exists {
    display: grid; gap: ${space(1.5)}; padding: ${space(2)} ${space(3)};
    background: ${token('--ih-color-surface')}; border: 1px solid ${token('--ih-color-border')}; border-radius: ${token('--ih-radius')};
  }
  .exists h2 { margin: 0; font-size: 1.25rem; }
  .exists p { margin: 0; }
  .actions { display: flex; flex-wrap: wrap; gap: ${space(1)}; }
  .done { padding: ${space(2)}; border-inline-start: 4px solid ${token('--ih-color-success')}; background: ${token('--ih-color-surface-muted')}; border-radius: ${token('--ih-radius')}; }
`];

export const stepStyles = [baseStyles, css`
  :host { display: block; container-type: inline-size; }
  .ih-root { display: grid; gap: ${space(2)}; }
  p { margin: 0; }
  .intro, .note { color: ${token('--ih-color-text-muted')}; }
  section { display: grid; gap: ${space(1.5)}; }
  h4 { margin: 0; font-size: 1rem; }
  fieldset { border: 1px solid ${token('--ih-color-border')}; border-radius: ${token('--ih-radius')}; padding: ${space(1.5)}; margin: 0; display: grid; gap: ${space(1.5)}; }
  legend { font-weight: 700; padding: 0 ${space(0.5)}; }
  .grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(14rem, 1fr)); gap: ${space(1.5)}; }
  .row-actions { display: flex; flex-wrap: wrap; gap: ${space(1)}; align-items: center; }
  .problem {
    display: grid; gap: ${space(1)};
    padding: ${space(1)} ${space(1.5)};
    border: 1px solid ${token('--ih-color-danger')};
    border-radius: ${token('--ih-radius')};
  }
  .error { margin: 0; color: ${token('--ih-color-danger')}; font-weight: 600; }
  .problem strong { color: ${token('--ih-color-danger')}; }
  .problem ul { margin: 0; padding-inline-start: ${space(2.5)}; }
  .preview { padding: ${space(0.75)} ${space(1)}; background: ${token('--ih-color-surface-muted')}; border-radius: ${token('--ih-radius')}; font-family: ui-monospace, monospace; }
  table { border-collapse: collapse; inline-size: 100%; }
  th, td { text-align: start; padding: ${space(0.5)}; border-block-end: 1px solid ${token('--ih-color-border')}; vertical-align: top; }
  th { font-size: 0.85em; color: ${token('--ih-color-text-muted')}; }
  dl { display: grid; grid-template-columns: max-content 1fr; gap: ${space(0.5)} ${space(2)}; margin: 0; }
  dt { font-weight: 600; }
  dd { margin: 0; }
  ih-select-field, ih-text-field, ih-combobox-field { --ih-field-max-width: 100%; }
  h3 { margin: 0; font-size: 1.1rem; }
  .actions { display: flex; gap: ${space(1)}; }
  /* A phone: the summary stacks, and a table.cards shows one card per row, each value under its column's name. */
  @container (max-width: 38rem) {
    dl { grid-template-columns: minmax(0, 1fr); gap: 0; }
    dd { margin-block-end: ${space(1)}; overflow-wrap: anywhere; }
    table.cards thead { position: absolute; inline-size: 1px; block-size: 1px; overflow: hidden; clip-path: inset(50%); }
    table.cards tr { display: grid; gap: ${space(0.75)}; padding-block: ${space(1)}; border-block-end: 1px solid ${token('--ih-color-border')}; }
    table.cards th, table.cards td { border: 0; padding: 0; }
    table.cards td[data-label]::before { content: attr(data-label); display: block; font-size: 0.85em; font-weight: 700; color: ${token('--ih-color-text-muted')}; }
  }
`, sectionSummaryStyles];
