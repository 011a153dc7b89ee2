/**
 * @module The theming contract: every `--ih-*` custom property a host may set, each read in one place
 * with its fallback, plus the button/focus styles all elements share. Custom properties inherit through
 * shadow roots, so a host sets them once (on `:root` or `<integration-hub>`).
 */
import { css, unsafeCSS, type CSSResult } from 'lit';

/** Each public custom property and its default. The README's theming table is this list. */
export const TOKEN_DEFAULTS = {
  '--ih-font-family': 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
  '--ih-font-size': '0.9375rem',
  '--ih-color-text': '#1d2433',
  '--ih-color-text-muted': '#55607a',
  '--ih-color-surface': '#ffffff',
  '--ih-color-surface-muted': '#f4f6fa',
  '--ih-color-border': '#d5dbe7',
  '--ih-color-accent': '#2f5bd3',
  '--ih-color-on-accent': '#ffffff',
  '--ih-color-danger': '#b42318',
  '--ih-color-on-danger': '#ffffff',
  '--ih-color-success': '#1a7f43',
  '--ih-color-warning': '#8a5a00',
  '--ih-color-focus': '#2f5bd3',
  '--ih-radius': '8px',
  '--ih-space': '0.5rem',
  '--ih-shadow': '0 8px 28px rgb(16 24 40 / 0.18)',
  /** How far below the window's top edge toasts start: the height of the host's own sticky header, if any. */
  '--ih-toast-inset-top': '0px',
} as const;

export type TokenName = keyof typeof TOKEN_DEFAULTS;

/** `var(--ih-…, default)` as a CSS value to interpolate into `css` templates. */
export function token(name: TokenName): CSSResult {
  return unsafeCSS(`var(${name}, ${TOKEN_DEFAULTS[name]})`);
}

/** A multiple of the spacing unit: `space(2)` is twice `--ih-space`. */
export function space(factor: number): CSSResult {
  return unsafeCSS(`calc(${factor} * var(--ih-space, ${TOKEN_DEFAULTS['--ih-space']}))`);
}

/** Base typography, buttons and a visible focus ring, shared by every element's shadow root. */
export const baseStyles = css`
  .ih-root {
    font-family: ${token('--ih-font-family')};
    font-size: ${token('--ih-font-size')};
    color: ${token('--ih-color-text')};
    line-height: 1.45;
  }
  button {
    font: inherit;
    color: ${token('--ih-color-text')};
    background: ${token('--ih-color-surface')};
    border: 1px solid ${token('--ih-color-border')};
    border-radius: ${token('--ih-radius')};
    padding: ${space(0.75)} ${space(1.5)};
    min-height: 2.25rem;
    cursor: pointer;
  }
  button:hover { background: ${token('--ih-color-surface-muted')}; }
  button.primary {
    background: ${token('--ih-color-accent')};
    border-color: ${token('--ih-color-accent')};
    color: ${token('--ih-color-on-accent')};
  }
  button.primary:hover { filter: brightness(1.08); }
  button.danger {
    background: ${token('--ih-color-danger')};
    border-color: ${token('--ih-color-danger')};
    color: ${token('--ih-color-on-danger')};
  }
  button.danger-quiet { color: ${token('--ih-color-danger')}; }
  button[aria-disabled='true'] { opacity: 0.6; cursor: progress; }
  :focus-visible {
    outline: 3px solid ${token('--ih-color-focus')};
    outline-offset: 2px;
  }
  .token-expired {
    margin: 0 0 ${space(1)};
    padding: ${space(1)} ${space(1.5)};
    border: 1px solid ${token('--ih-color-warning')};
    border-inline-start-width: 4px;
    border-radius: ${token('--ih-radius')};
    background: ${token('--ih-color-surface')};
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    clip-path: inset(50%);
    white-space: nowrap;
  }
`;
