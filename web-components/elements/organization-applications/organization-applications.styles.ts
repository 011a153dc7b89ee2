/** @module `<organization-applications>`'s shadow styles; colours, sizes and fonts come from `--ih-*` tokens. */
import { css } from 'lit';
import { panelRowCard, panelStyles } from '../../styles/panel.styles.js';
import { baseStyles, space, token } from '../../styles/tokens.js';
import { availabilityStyles } from '../shared/availability-watch.js';

/** After the shared panel rules: the heading, the application card, its kind and its details list. */
export const organizationApplicationsStyles = [baseStyles, panelStyles, availabilityStyles, css`
  :host { display: block; }
  .heading { margin: 0 0 ${space(1)}; font-weight: 600; font-size: 1em; }
  .app {
    display: grid;
    grid-template-columns: minmax(12rem, 1fr) auto;
${panelRowCard}
  }
  .kind { color: ${token('--ih-color-text-muted')}; font-size: 0.875em; }
  .details { grid-column: 1 / -1; margin: 0; padding: 0; list-style: none; color: ${token('--ih-color-text-muted')}; display: grid; gap: ${space(0.25)}; }
  .details .sites { color: ${token('--ih-color-text')}; }
`];
