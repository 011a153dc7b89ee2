/** @module The account-mapping table's styles: a fixed-height virtualized body and a grid per row. */
import { css } from 'lit';
import { baseStyles, space, token } from '../../../styles/tokens.js';

export const accountTableStyles = [baseStyles, css`
  :host { display: grid; gap: ${space(1)}; }
  .filters { display: grid; grid-template-columns: repeat(auto-fill, minmax(11rem, 1fr)); gap: ${space(1)}; align-items: end; }
  label { display: grid; gap: ${space(0.25)}; font-weight: 600; font-size: 0.9em; }
  input, select {
    font: inherit; color: ${token('--ih-color-text')}; background: ${token('--ih-color-surface')};
    border: 1px solid ${token('--ih-color-border')}; border-radius: ${token('--ih-radius')};
    padding: ${space(0.25)} ${space(0.75)}; min-height: 2rem; box-sizing: border-box; inline-size: 100%;
  }
  input[type='checkbox'] { inline-size: 1.2rem; block-size: 1.2rem; min-height: 0; accent-color: ${token('--ih-color-accent')}; }
  [aria-invalid='true'] { border-color: ${token('--ih-color-danger')}; border-width: 2px; }
  .bar { display: flex; flex-wrap: wrap; gap: ${space(1)}; align-items: center; justify-content: space-between; }
  .count { color: ${token('--ih-color-text-muted')}; }
  .table { border: 1px solid ${token('--ih-color-border')}; border-radius: ${token('--ih-radius')}; overflow: hidden; }
  .row {
    display: grid; grid-template-columns: minmax(9rem, 2fr) minmax(10rem, 2fr) minmax(10rem, 2fr) 4.5rem;
    gap: ${space(1)}; align-items: start; padding: ${space(0.75)} ${space(1)};
    border-block-end: 1px solid ${token('--ih-color-border')}; box-sizing: border-box; inline-size: 100%;
    background: ${token('--ih-color-surface')};
  }
  .head { font-size: 0.85em; font-weight: 700; color: ${token('--ih-color-text-muted')}; background: ${token('--ih-color-surface-muted')}; }
  .viewport { block-size: var(--ih-account-table-height, 26rem); overflow: auto; position: relative; }
  .name { font-weight: 600; overflow-wrap: anywhere; }
  small { display: block; color: ${token('--ih-color-text-muted')}; }
  .cell { display: grid; gap: ${space(0.5)}; min-inline-size: 0; }
  .cell button { min-height: 1.9rem; padding: 0 ${space(1)}; font-size: 0.9em; justify-self: start; }
  .error { margin: 0; color: ${token('--ih-color-danger')}; font-weight: 600; font-size: 0.9em; }
  .warning { margin: 0; color: ${token('--ih-color-warning')}; font-weight: 600; font-size: 0.9em; }
  .ignored { opacity: 0.7; }
  .center { justify-self: center; }
`];
