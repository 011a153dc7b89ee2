/** @module `<integration-list>`'s shadow styles; every colour, size and font comes from a `--ih-*` token. */
import { css } from 'lit';
import { panelRowCard, panelStyles } from '../../styles/panel.styles.js';
import { baseStyles, space, token } from '../../styles/tokens.js';
import { availabilityStyles } from '../shared/availability-watch.js';

/** After the shared panel rules: the header bar, the row card, the account and each row's health or sync line. */
export const integrationListStyles = [baseStyles, panelStyles, availabilityStyles, css`
  :host { display: block; }
  .header { display: flex; justify-content: flex-end; gap: ${space(1)}; margin-block-end: ${space(1.5)}; }
  /* A confirmation that could not be opened: its box sits between the header and the list. */
  .action-alert .error { margin-block-end: ${space(1.5)}; }
  .row {
    display: grid;
    grid-template-columns: minmax(10rem, 1fr) auto;
${panelRowCard}
  }
  .account { color: ${token('--ih-color-text-muted')}; }

  /* A row's second line: health (PSA) or device sync (RMM) with its on-demand actions, across both columns. */
  .details {
    grid-column: 1 / -1;
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: ${space(1)} ${space(2)};
    padding-block-start: ${space(1)};
    border-block-start: 1px solid ${token('--ih-color-border')};
  }
  .facts { display: grid; gap: ${space(0.5)}; font-size: 0.875em; color: ${token('--ih-color-text')}; min-inline-size: min(100%, 16rem); flex: 1; }
  .facts p { margin: 0; }
  .muted { color: ${token('--ih-color-text-muted')}; }
  .problem { color: ${token('--ih-color-danger')}; }
  .advice { margin: 0; padding-inline-start: 1.25em; list-style: disc; }
  .ops { display: flex; flex-wrap: wrap; justify-content: flex-end; gap: ${space(1)}; }

  /* A row's last line: its logs, after every other action in Tab order. */
  .logs-actions { grid-column: 1 / -1; display: flex; flex-wrap: wrap; justify-content: flex-end; gap: ${space(1)}; }

  /* The logs dialog a row opens: wide enough for the log's rows, never past the viewport. */
  dialog.logs {
    inline-size: min(60rem, calc(100vw - 2rem));
    max-block-size: calc(100vh - 2rem);
    border: 1px solid ${token('--ih-color-border')};
    border-radius: ${token('--ih-radius')};
    box-shadow: ${token('--ih-shadow')};
    background: ${token('--ih-color-surface')};
    color: ${token('--ih-color-text')};
  }
  .logs-head { display: flex; align-items: center; justify-content: space-between; gap: ${space(2)}; margin-block-end: ${space(1.5)}; }
  .logs-head h2 { margin: 0; font-size: 1.125em; }

  /* The load-error box's own text colour (the organization panel's box inherits it). */
  .error { color: ${token('--ih-color-text')}; }
`];
