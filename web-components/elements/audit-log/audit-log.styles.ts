/** @module `<audit-log>`'s own styles, after the shared log styles: an entry's heading and its before/after table. */
import { css } from 'lit';
import { space, token } from '../../styles/tokens.js';

export const auditLogStyles = css`
  .head { display: flex; flex-wrap: wrap; align-items: baseline; justify-content: space-between; gap: ${space(0.5)} ${space(1.5)}; }
  .title { font-weight: 600; }
  table { border-collapse: collapse; font-size: 0.875em; inline-size: 100%; }
  th, td { text-align: start; vertical-align: top; padding: ${space(0.25)} ${space(1)}; border-block-start: 1px solid ${token('--ih-color-border')}; overflow-wrap: anywhere; }
  thead th { border-block-start: none; color: ${token('--ih-color-text-muted')}; font-weight: 600; }
`;
