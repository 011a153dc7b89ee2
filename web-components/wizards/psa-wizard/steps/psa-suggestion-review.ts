/**
 * @module The review step of "Accept all N suggestions": every suggested pair with its reason and a
 * checkbox (all ticked), then "Accept N" or Cancel. Nothing is mapped until the admin confirms.
 * A render function of `<ih-psa-account-table>` (its state lives there), not an element of its own.
 */
import { html } from 'lit';
import type { PsaAccount } from '../../../../bff/contracts/model.js';
import type { Suggestion } from '../../shared/name-match.js';
import type { OrganizationOption } from '../psa-wizard.api.js';

export interface SuggestionReview {
  suggestions: Array<Suggestion<PsaAccount, OrganizationOption>>;
  /** Account ids the admin left ticked. */
  chosen: ReadonlySet<string>;
  toggle: (accountId: string, on: boolean) => void;
  accept: () => void;
  cancel: () => void;
}

export function renderSuggestionReview(review: SuggestionReview) {
  const count = review.chosen.size;
  return html`
    <section class="review" part="suggestion-review" aria-labelledby="review-title"
      @keydown=${(e: KeyboardEvent) => { if (e.key === 'Escape') { e.stopPropagation(); review.cancel(); } }}>
      <h5 id="review-title" tabindex="-1">Review ${review.suggestions.length} suggested ${review.suggestions.length === 1 ? 'match' : 'matches'}</h5>
      <p class="count">Untick any pair that is not the same organization. Nothing is mapped until you accept.</p>
      <ul class="review-list">
        ${review.suggestions.map((s) => html`
          <li>
            <label class="check">
              <input type="checkbox" .checked=${review.chosen.has(s.account.id)}
                @change=${(e: Event) => review.toggle(s.account.id, (e.target as HTMLInputElement).checked)}>
              <span><strong>${s.account.name}</strong> → <strong>${s.organization.name}</strong><small>${s.reason}</small></span>
            </label>
          </li>`)}
      </ul>
      <div class="review-actions">
        <button type="button" class="primary" part="accept-reviewed-button" ?disabled=${count === 0} @click=${review.accept}>Accept ${count} ${count === 1 ? 'match' : 'matches'}</button>
        <button type="button" @click=${review.cancel}>Cancel</button>
      </div>
    </section>`;
}
