/** @module `<delivery-log>`'s and `<audit-log>`'s shadow styles: filter bar, progress, the virtualized feed and its entries. */
import { css } from 'lit';
import { panelStyles } from '../../styles/panel.styles.js';
import { baseStyles, space, token } from '../../styles/tokens.js';

/** What both logs share: an entry card, muted meta text, messages and the load-more button. */
export const logStyles = [baseStyles, panelStyles, css`
  :host { display: block; }
  .entry {
    display: grid;
    gap: ${space(0.5)} ${space(1.5)};
    padding: ${space(1)} ${space(1.5)};
    border: 1px solid ${token('--ih-color-border')};
    border-radius: ${token('--ih-radius')};
    background: ${token('--ih-color-surface')};
    color: ${token('--ih-color-text')};
    box-sizing: border-box;
    inline-size: 100%;
  }
  .entry:focus-visible { outline: 2px solid ${token('--ih-color-focus')}; outline-offset: 2px; }
  .meta, .when, .hint { color: ${token('--ih-color-text-muted')}; font-size: 0.875em; }
  .hint { margin: 0 0 ${space(1)}; }
  .reason { margin: 0; grid-column: 1 / -1; font-size: 0.875em; }
  a { color: ${token('--ih-color-accent')}; }
  [part~='load-more-button'] { margin-block-start: ${space(1)}; }
`];

export const deliveryLogStyles = [logStyles, css`
  .filters { display: flex; flex-wrap: wrap; align-items: end; gap: ${space(1)} ${space(2)}; margin-block-end: ${space(1.5)}; }
  .filters label { display: grid; gap: ${space(0.25)}; font-size: 0.875em; }
  .filters select { font: inherit; min-block-size: 2rem; }
  .counts { flex: 1; color: ${token('--ih-color-text-muted')}; font-size: 0.875em; }
  .progress { display: flex; align-items: center; gap: ${space(1)}; margin-block-end: ${space(1.5)}; }
  .progress progress { accent-color: ${token('--ih-color-accent')}; inline-size: 12rem; }
  .feed { block-size: var(--ih-delivery-log-height, 28rem); overflow: auto; position: relative; }
  .feed > .entry { margin-block-end: ${space(1)}; }
  .entry { grid-template-columns: 9rem minmax(10rem, 1fr) auto; align-items: baseline; }
  .what { display: grid; }
  .title { font-weight: 600; }
  .result { display: flex; flex-wrap: wrap; align-items: center; justify-content: flex-end; gap: ${space(1)}; }
  .outcome { font-size: 0.875em; font-weight: 600; }
  .outcome.ticket_created, .outcome.note_added { color: ${token('--ih-color-success')}; }
  .outcome.failed { color: ${token('--ih-color-danger')}; }
  .outcome.waiting { color: ${token('--ih-color-warning')}; }
  .outcome.skipped { color: ${token('--ih-color-text-muted')}; }
  @media (max-width: 40rem) { .entry { grid-template-columns: 1fr; } .result { justify-content: flex-start; } }
`];
