/** @module The look both list panels share (`<integration-list>`, `<organization-applications>`): list, identity, status pills, actions, the delivery switch, messages and the load-error box. */
import { css } from 'lit';
import { space, token } from './tokens.js';

/**
 * Rules for the class names both panels render with the same meaning. Each panel adds its own row
 * rule (`.row` / `.app`: the grid's first column differs) and its own extras after this block.
 */
export const panelStyles = css`
  .list { list-style: none; margin: 0; padding: 0; display: grid; gap: ${space(1)}; }
  /* A list refreshing in the background keeps its text at full contrast (dimmed, muted text fell below WCAG AA: axe caught it mid-refresh); aria-busy tells assistive technology. */
  .list[aria-busy='true'] { cursor: progress; }
  .identity { display: flex; flex-wrap: wrap; align-items: baseline; gap: ${space(0.5)} ${space(1.5)}; }
  .vendor { font-weight: 600; }
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

  /* Loading, waiting and empty-state text, and the box shown when a load failed (see load-state.ts). */
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
  }
  .error p { margin: 0; }
  .error strong { color: ${token('--ih-color-danger')}; }
`;

/** The bordered card a panel's row is: each panel puts these declarations under its own row class. */
export const panelRowCard = css`
    align-items: center;
    gap: ${space(1)} ${space(2)};
    padding: ${space(1.5)} ${space(2)};
    background: ${token('--ih-color-surface')};
    border: 1px solid ${token('--ih-color-border')};
    border-radius: ${token('--ih-radius')};
`;
