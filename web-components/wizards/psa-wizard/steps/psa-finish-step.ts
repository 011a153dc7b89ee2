/**
 * @module Step 5, Finish: a summary of what will be saved, "Send test ticket" (a [TEST] ticket in
 * the catch-all account; the vendor's ticket id is shown), and, if the BFF's final check refuses,
 * its reasons. Finish (the shell's primary button) asks the BFF to re-check everything and make the
 * integration Active.
 */
import { html, nothing } from 'lit';
import { COPY, STEP_INFO, VENDOR_LABEL } from '../psa-wizard.copy.js';
import { accountMappingLines, contractLines, ticketLines } from '../psa-section-summary.js';
import { PsaStepElement } from './psa-step-base.js';

const SECTION_LABEL: Record<string, string> = {
  accountMapping: STEP_INFO[1]!.label, ticket: STEP_INFO[2]!.label, contract: STEP_INFO[3]!.label,
};

/**
 * Internal. The finish step of `<psa-wizard>`.
 *
 * @internal
 */
export class IhPsaFinishStep extends PsaStepElement {
  protected readonly step = 'finish' as const;

  protected override render() {
    const c = this.context;
    const refused = Object.entries(c.serverErrors);
    const sending = this.snapshot.matches({ finish: 'sendingTestTicket' });
    return html`
      <div class="ih-root">
        <p class="intro">${COPY.finish.intro}</p>
        ${c.problem ? html`
          <div class="problem" part="problem" role="alert" tabindex="-1">
            <p><strong>${COPY.finish.refused}</strong> ${c.problem.detail ?? c.problem.title}</p>
            ${refused.length ? html`<ul>${refused.map(([field, message]) => html`<li>${SECTION_LABEL[field.split('.')[0]!] ?? field}: ${message}</li>`)}</ul>` : nothing}
          </div>` : nothing}
        <section aria-labelledby="test-title">
          <h4 id="test-title">${COPY.finish.testTicket}</h4>
          <p class="note">${COPY.finish.testTicketHint}</p>
          <!-- aria-disabled, not disabled, while the vendor answers: focus stays on the button, and a second press does nothing (the machine ignores it too). -->
          <p><button type="button" part="button test-ticket-button" aria-disabled=${sending ? 'true' : 'false'} aria-busy=${sending ? 'true' : 'false'}
            @click=${() => { if (!sending) this.send({ type: 'testTicket.send' }); }}>${sending ? COPY.finish.testTicketSending : COPY.finish.testTicket}</button></p>
          <p role="status" part="test-ticket-result">${sending
            ? COPY.finish.testTicketSendingStatus(VENDOR_LABEL[c.vendor])
            : c.testTicket ? COPY.finish.testTicketSent(VENDOR_LABEL[c.vendor], c.testTicket.ticketNumber ?? c.testTicket.vendorTicketId) : ''}</p>
          ${c.testTicketProblem ? html`<p class="error" role="alert">${COPY.finish.testTicketFailed} ${c.testTicketProblem.detail ?? c.testTicketProblem.title}</p>` : nothing}
        </section>
        <dl>
          <dt>PSA</dt><dd>${VENDOR_LABEL[c.vendor]}</dd>
          ${[...accountMappingLines(c), ...ticketLines(c), ...contractLines(c)].map((line) => html`<dt>${line.term}</dt><dd>${line.value}</dd>`)}
        </dl>
      </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ih-psa-finish-step': IhPsaFinishStep;
  }
}
