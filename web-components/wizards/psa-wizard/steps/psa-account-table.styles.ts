/**
 * @module The account-mapping table's styles: a virtualized body as tall as the window allows (at
 * least 12 compact rows on a 1000 px page), a grid per row, and below 38rem of width one card per
 * account (no sideways scrolling on a phone). Rows and cards have one fixed height each, the sum of
 * their tallest content, so the virtualizer need not measure them (fixed-row-layout.ts); a row that
 * shows a message (.grows) takes the height it needs and is measured.
 */
import { css } from 'lit';
import { baseStyles, space, token } from '../../../styles/tokens.js';

export const accountTableStyles = [baseStyles, css`
  :host { display: grid; gap: ${space(1)}; container-type: inline-size; }
  .filters { display: grid; grid-template-columns: repeat(auto-fill, minmax(11rem, 1fr)); gap: ${space(1)}; align-items: end; }
  label { display: grid; gap: ${space(0.25)}; font-weight: 600; font-size: 0.9em; }
  label.inline { display: inline-flex; align-items: center; gap: ${space(0.75)}; }
  label.inline select { inline-size: auto; }
  input, select {
    font: inherit; color: ${token('--ih-color-text')}; background: ${token('--ih-color-surface')};
    border: 1px solid ${token('--ih-color-border')}; border-radius: ${token('--ih-radius')};
    padding: ${space(0.25)} ${space(0.75)}; min-height: 2rem; box-sizing: border-box; inline-size: 100%;
  }
  select { text-overflow: ellipsis; }
  /* The search box lays out on its own: a keystroke's text relays out the box alone, not the 20-odd boxes around it
     up to the page (Chromium takes a box with size and layout containment as a layout root, but not a grid item: its
     label is a block here, not a grid). Sized as if empty: at least one line of its text tall. */
  label.search { display: block; }
  label.search input {
    display: block; margin-block-start: ${space(0.25)}; contain: strict;
    min-block-size: max(2rem, calc(1lh + 2 * ${space(0.25)} + 2px));
  }
  input[type='checkbox'] { inline-size: 1.2rem; block-size: 1.2rem; min-height: 0; accent-color: ${token('--ih-color-accent')}; margin: 0; }
  [aria-invalid='true'] { border-color: ${token('--ih-color-danger')}; border-width: 2px; }
  .bar, .bulk { display: flex; flex-wrap: wrap; gap: ${space(1)}; align-items: center; justify-content: space-between; }
  .bulk { justify-content: flex-start; padding: ${space(0.5)} ${space(1)}; background: ${token('--ih-color-surface-muted')}; border-radius: ${token('--ih-radius')}; }
  .bulk button, .review button, .cell button { min-height: 2rem; padding: 0 ${space(1)}; font-size: 0.9em; }
  .count { color: ${token('--ih-color-text-muted')}; margin: 0; }
  .table {
    border: 1px solid ${token('--ih-color-border')}; border-radius: ${token('--ih-radius')}; overflow: hidden;
    /* A row's tallest column: the organization (a 2rem control, a gap, one suggestion line), plus padding and border. */
    --row-block: calc(2rem + 0.25 * ${space(1)} + 0.85em * 1.3 + ${space(1)} + 1px);
  }
  /* Contained, so a keystroke's new rows lay out on their own: neither the page around the body nor the other rows
     are laid out again (the body's size and each ordinary row's are set, not taken from their content). */
  .viewport { contain: strict; }
  .row-probe { position: absolute; visibility: hidden; inline-size: 0; block-size: var(--row-block); }
  .viewport .row { block-size: var(--row-block); overflow: hidden; contain: size layout style; }
  .viewport .row.grows { block-size: auto; min-block-size: var(--row-block); contain: layout style; }
  /* Inside the row: outside it, the next row would cover the ring's lower edge and the body clip its sides. */
  .viewport .row:focus-visible { outline-offset: -3px; }
  .row {
    display: grid; grid-template-columns: 1.5rem minmax(8rem, 1.6fr) minmax(13rem, 2.6fr) minmax(8rem, 1.4fr) 3.5rem;
    gap: ${space(0.5)} ${space(1)}; align-items: center; padding: ${space(0.5)} ${space(1)};
    border-block-end: 1px solid ${token('--ih-color-border')}; box-sizing: border-box; inline-size: 100%;
    background: ${token('--ih-color-surface')};
  }
  .row.selected { background: color-mix(in srgb, ${token('--ih-color-accent')} 9%, ${token('--ih-color-surface')}); }
  .head { font-size: 0.85em; font-weight: 700; color: ${token('--ih-color-text-muted')}; background: ${token('--ih-color-surface-muted')}; }
  /* As tall as the window less the wizard's own chrome, so scrolling the page to the table shows a screenful of rows. */
  .viewport { block-size: var(--ih-account-table-height, max(24rem, calc(100vh - 12rem))); overflow: auto; position: relative; }
  /* One line, cut with an ellipsis (the whole name is the title and every control's name): rows keep their height. */
  .name { font-weight: 600; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
  small { display: block; color: ${token('--ih-color-text-muted')}; }
  .cell { display: grid; gap: ${space(0.25)}; min-inline-size: 0; }
  .org-line { display: flex; gap: ${space(0.5)}; align-items: center; min-inline-size: 0; }
  .org-line select { flex: 1 1 8rem; min-inline-size: 0; }
  .org-line button { flex: none; white-space: nowrap; }
  /* One line each, cut with an ellipsis (the whole text is the title, and the Accept button's name): rows stay compact. */
  .suggestion, .details { font-size: 0.85em; line-height: 1.3; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
  .twin { display: flex; flex-wrap: wrap; gap: ${space(0.5)}; align-items: center; }
  .error { margin: 0; color: ${token('--ih-color-danger')}; font-weight: 600; font-size: 0.9em; }
  .warning { margin: 0; color: ${token('--ih-color-warning')}; font-weight: 600; font-size: 0.9em; }
  .ignored { opacity: 0.7; }
  .center { justify-self: center; }
  .ignore { display: inline-flex; align-items: center; gap: ${space(0.5)}; }
  .card-label { display: none; }
  .review { border: 1px solid ${token('--ih-color-accent')}; border-radius: ${token('--ih-radius')}; padding: ${space(1)} ${space(1.5)}; display: grid; gap: ${space(0.75)}; }
  .review h5 { margin: 0; font-size: 1rem; }
  .review-list { list-style: none; margin: 0; padding: 0; display: grid; gap: ${space(0.5)}; max-block-size: 20rem; overflow: auto; }
  .check { display: flex; gap: ${space(0.75)}; align-items: start; font-weight: 400; }
  .check input { margin-block-start: 0.15rem; }
  .review-actions { display: flex; gap: ${space(1)}; flex-wrap: wrap; }

  /* Narrow: one card per account. The header row stays for screen readers, out of sight. */
  @container (max-width: 38rem) {
    /* The tallest card, a mapped account: name and details; the organization and the contact, each a label over a
       2rem control; Ignore; the gaps between them, padding and border. (An unmapped card has a two-line suggestion
       instead of the contact, which is shorter.) */
    .table {
      --row-block: calc(2 * ${space(1)} + 1px + 1.45em + 0.25 * ${space(1)} + 0.85em * 1.3 + 3 * ${space(0.5)}
        + 2 * (0.8em * 1.45 + 0.25 * ${space(1)} + 2rem) + 1.45em);
    }
    .head-group { position: absolute; inline-size: 1px; block-size: 1px; overflow: hidden; clip-path: inset(50%); }
    .row { grid-template-columns: 1.5rem minmax(0, 1fr); padding: ${space(1)}; align-items: start; }
    .row > .cell:not(.pick) { grid-column: 2; }
    .center { justify-self: start; }
    .card-label { display: block; font-size: 0.8em; font-weight: 700; color: ${token('--ih-color-text-muted')}; }
    .ignore .card-label { display: inline; }
    .no-contact { display: none; }
    /* Up to two lines in a card (the reason matters on a phone, where no title shows). */
    .suggestion { white-space: normal; display: -webkit-box; -webkit-box-orient: vertical; -webkit-line-clamp: 2; }
    .bulk label.inline { flex-wrap: wrap; }
  }
`];
