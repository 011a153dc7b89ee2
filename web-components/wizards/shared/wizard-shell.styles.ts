/** @module `<ih-wizard-shell>`'s styles: progress list, step body, button bar; all from `--ih-*` tokens. */
import { css } from 'lit';
import { baseStyles, space, token } from '../../styles/tokens.js';

export const wizardShellStyles = [baseStyles, css`
  :host { display: block; }
  .shell {
    display: grid; grid-template-columns: minmax(0, 1fr); gap: ${space(2)};
    background: ${token('--ih-color-surface')};
    border: 1px solid ${token('--ih-color-border')};
    border-radius: ${token('--ih-radius')};
    padding: ${space(2)} ${space(3)};
  }
  h2 { margin: 0; font-size: 1.25rem; }
  h3 { margin: 0; font-size: 1.1rem; }
  h3:focus { outline: none; }
  h3:focus-visible { outline: 3px solid ${token('--ih-color-focus')}; outline-offset: 2px; }
  ol { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: ${space(0.5)} ${space(2)}; }
  li { display: inline-flex; align-items: center; gap: ${space(0.75)}; color: ${token('--ih-color-text-muted')}; }
  .marker {
    display: inline-grid; place-items: center; inline-size: 1.6rem; block-size: 1.6rem; border-radius: 50%;
    border: 2px solid ${token('--ih-color-border')}; font-size: 0.85em; font-weight: 700;
  }
  li[data-status='done'] { color: ${token('--ih-color-text')}; }
  li[data-status='done'] .marker { border-color: ${token('--ih-color-success')}; background: ${token('--ih-color-success')}; color: ${token('--ih-color-on-accent')}; }
  li[data-status='current'] { color: ${token('--ih-color-text')}; font-weight: 700; }
  li a { color: inherit; text-underline-offset: 2px; }
  li[data-status='current'] .marker { border-color: ${token('--ih-color-accent')}; background: ${token('--ih-color-accent')}; color: ${token('--ih-color-on-accent')}; }
  .optional { font-weight: 400; font-size: 0.9em; }
  /* Plain divs, not header/footer: inside a host page those would be extra banner/contentinfo landmarks. */
  /* Sticky: on a long step (a phone, a long mapping table) Back/Next stay on screen. */
  .footer {
    display: flex; flex-wrap: wrap; gap: ${space(1)}; align-items: center; border-block-start: 1px solid ${token('--ih-color-border')};
    padding-block: ${space(1.5)}; position: sticky; inset-block-end: 0; z-index: 1; background: ${token('--ih-color-surface')};
  }
  .spacer { flex: 1; }
  @media (max-width: 30rem) {
    .shell { padding: ${space(1.5)} ${space(1)}; }
  }
  .busy { color: ${token('--ih-color-text-muted')}; }
`];
