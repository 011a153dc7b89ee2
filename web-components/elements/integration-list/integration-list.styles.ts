/** @module `<integration-list>`'s shadow styles; every colour, size and font comes from a `--ih-*` token. */
import { css } from 'lit';
import { baseStyles, space, token } from '../../styles/tokens.js';

export const integrationListStyles = [baseStyles, css`
  :host { display: block; }
  .header { display: flex; justify-content: flex-end; gap: ${space(1)}; margin-block-end: ${space(1.5)}; }
  .list { list-style: none; margin: 0; padding: 0; display: grid; gap: ${space(1)}; }
  .list[aria-busy='true'] { opacity: 0.7; }
  .row {
    display: grid;
    grid-template-columns: minmax(10rem, 1fr) auto;
    align-items: center;
    gap: ${space(1)} ${space(2)};
    padding: ${space(1.5)} ${space(2)};
    background: ${token('--ih-color-surface')};
    border: 1px solid ${token('--ih-color-border')};
    border-radius: ${token('--ih-radius')};
  }
  .identity { display: flex; flex-wrap: wrap; align-items: baseline; gap: ${space(0.5)} ${space(1.5)}; }
  .vendor { font-weight: 600; }
  .account { color: ${token('--ih-color-text-muted')}; }
  .status {
    display: inline-flex;
    align-items: center;
    gap: ${space(0.5)};
    font-size: 0.875em;
    padding: 0 ${space(1)};
    border-radius: 999px;
    background: ${token('--ih-color-surface-muted')};
    color: ${token('--ih-color-text')};
  }
  .status::before { content: ''; inline-size: 0.5em; block-size: 0.5em; border-radius: 50%; background: currentColor; }
  .status.active, .status.connected { color: ${token('--ih-color-success')}; }
  .status.paused, .status.draft { color: ${token('--ih-color-warning')}; }
  .status.disconnected { color: ${token('--ih-color-text-muted')}; }
  .actions { display: flex; flex-wrap: wrap; justify-content: flex-end; align-items: center; gap: ${space(1)}; }

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

  /* The delivery switch: a button with role="switch"; its visible text is part of its name. */
  .switch { display: inline-flex; align-items: center; gap: ${space(1)}; border-color: transparent; background: transparent; }
  .track {
    position: relative;
    inline-size: 2.5rem;
    block-size: 1.375rem;
    border-radius: 999px;
    /* Muted text colour, not the border colour: the off track must keep 3:1 against the surface (WCAG 1.4.11). */
    background: ${token('--ih-color-text-muted')};
    transition: background-color 120ms;
  }
  .thumb {
    position: absolute;
    inset-block-start: 0.1875rem;
    inset-inline-start: 0.1875rem;
    inline-size: 1rem;
    block-size: 1rem;
    border-radius: 50%;
    background: ${token('--ih-color-surface')};
    transition: transform 120ms;
  }
  .switch[aria-checked='true'] .track { background: ${token('--ih-color-accent')}; }
  .switch[aria-checked='true'] .thumb { transform: translateX(1.125rem); }
  @media (forced-colors: active) {
    .track { border: 1px solid CanvasText; }
    .thumb { background: CanvasText; }
  }
  @media (prefers-reduced-motion: reduce) {
    .track, .thumb { transition: none; }
  }

  .message { margin: 0; color: ${token('--ih-color-text-muted')}; }
  .error {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: ${space(1)} ${space(2)};
    padding: ${space(1.5)} ${space(2)};
    border: 1px solid ${token('--ih-color-danger')};
    border-radius: ${token('--ih-radius')};
    color: ${token('--ih-color-text')};
  }
  .error p { margin: 0; }
  .error strong { color: ${token('--ih-color-danger')}; }
`];
