/**
 * @module `<psa-wizard>`: what an MSP admin uses to connect Kaseya BMS, Autotask, ConnectWise PSA or HaloPSA (issues 5, 13). It
 * renders the PSA wizard machine's snapshot step by step, persists drafts through the BFF so a
 * reload resumes, and tells the host what happened through bubbling, composed events.
 */
import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ApiConsumerElement } from '../../api/api-consumer-element.js';
import { MachineController } from '../../controllers/machine-controller.js';
import type { WizardDraftStore } from '../shared/draft-store.js';
import { DraftFlushController } from '../shared/draft-flush.js';
import { KeepClearController } from '../../elements/ih-toast-region/keep-clear-controller.js';
import { WizardCancelEvent } from '../shared/events/wizard-cancel-event.js';
import { WizardCompleteEvent } from '../shared/events/wizard-complete-event.js';
import { WizardStepChangeEvent } from '../shared/events/wizard-step-change-event.js';
import { deepQuery, focusFirstInvalid } from '../shared/focus.js';
import { OwedFocus } from '../shared/owed-focus.js';
import { showPageToast } from '../shared/show-page-toast.js';
import type { WizardNavEvent } from '../shared/wizard-shell.js';
import { PsaWizardData, createPsaWizardServices } from './psa-wizard.api.js';
import { FIRST_STEP_COPY as COPY, STEP_INFO } from './psa-first-step-copy.js';
import { busyLabel, currentStep, persistableSnapshot, psaWizardMachine, type PsaWizardMachine, type PsaWizardSnapshot } from './psa-wizard.machine.js';
import { openPsaWizard } from './psa-wizard.opening.js';
import { STEP_TAGS, stepElement } from './psa-wizard.step-elements.js';
import { psaWizardActors } from './psa-wizard.services.js';
import { wizardStyles } from './psa-wizard.styles.js';
import type { PsaStep, PsaVendor } from './psa-wizard.types.js';
import { awaitingLists, type PsaView } from './psa-wizard.snapshot.js';
import { IntegrationChangeEvent } from '../../events/integration-change-event.js';
import type { IntegrationView } from '../../api/client.js';
import { IntegrationEditEvent } from '../../events/integration-edit-event.js';
import { LazyStepsController } from '../shared/lazy-steps.js';
import { PSA_STEP_CHUNKS } from '../../registry/psa-steps.js';

/** `exists`: opened to add a PSA while the partner has one (one PSA per partner): only the offer to edit it is shown. */
type Phase = 'waiting' | 'booting' | 'exists' | 'ready';

/**
 * Connects a PSA (Kaseya BMS, Autotask, ConnectWise PSA or HaloPSA) in five steps: Credentials, Account Mapping, Service
 * Parameters, Contract Mapping (optional) and Finish. Every step is checked by the BFF when Next
 * is chosen; its field errors appear next to the fields and focus moves to the first one. A reload
 * resumes the draft where it was. With `integration-id` it opens an existing integration with every
 * saved value; stored credentials are never shown (leave them blank to keep them). Opened without it
 * while the partner already has a PSA, it shows that one and offers to edit it, and asks for nothing.
 *
 * On completion it shows a confirmation in the page's upper-right corner (across the top edge on a
 * phone-wide window) unless `no-toast` is set: in the surrounding `<integration-hub>` (else a shared
 * region in `document.body`), so it outlives the wizard and takes the hub's theme.
 *
 * @summary The PSA integration wizard (Kaseya BMS, Autotask, ConnectWise PSA, HaloPSA; any id in PSA_VENDORS).
 *
 * @attr vendor - `kaseya-bms`, `autotask`, `connectwise` or `halopsa`. Reflected. Read when the wizard opens (changing it starts over).
 * @attr integration-id - Opens this existing integration for editing; without it a new one is created.
 * @attr api-base - Base URL of the BFF's API. Wins over a surrounding `<integration-hub>`. Default `/api`.
 * @attr no-toast - Leaves the completion confirmation to the host.
 *
 * @prop {'kaseya-bms' | 'autotask' | 'connectwise' | 'halopsa'} vendor - As the attribute.
 * @prop {string | undefined} integrationId - As the `integration-id` attribute.
 * @prop {string | undefined} apiBase - As the `api-base` attribute.
 * @prop {string | undefined} token - Bearer token (JWT) for the BFF. Wins over the hub's. Property only.
 * @prop {boolean} noToast - As the `no-toast` attribute.
 * @prop {string | null} step - Read-only: the step shown (`summary` in edit mode, `credentials`, `account-mapping`, `service-parameters`, `contract-mapping`, `finish`).
 * @prop {Promise<void>} ready - Read-only: settles once the wizard has opened (draft or saved values loaded).
 *
 * @fires integration-change - {integrationId, kind, status}: edit mode saved one section to the live integration. Inside a hub, every list refreshes.
 * @fires wizard-step-change - {step}: another step is shown (Next, Back, or a resumed draft).
 * @fires token-expired - {apiBase}: the BFF refused the token (401); the refused call is sent again once a new `token` is set.
 * @fires wizard-complete - {integrationId, vendor, status}: the integration is complete and Active (or stays Paused).
 * @fires wizard-cancel - {integrationId}: Cancel was chosen; the draft is discarded.
 * @fires integration-edit - {integrationId, vendor, kind}: "Edit the existing integration": opened to add a PSA while one exists (one PSA per partner).
 *
 * @cssproperty --ih-font-family - Font of all text.
 * @cssproperty --ih-font-size - Base font size.
 * @cssproperty --ih-color-text - Main text colour.
 * @cssproperty --ih-color-text-muted - Hints, notes, upcoming steps.
 * @cssproperty --ih-color-surface - Background of the wizard, fields and rows.
 * @cssproperty --ih-color-surface-muted - Table header, preview and hover backgrounds.
 * @cssproperty --ih-color-border - Borders of the wizard, fields, tables.
 * @cssproperty --ih-color-accent - Next/Finish, the current step, switches that are on.
 * @cssproperty --ih-color-on-accent - Text on accent backgrounds.
 * @cssproperty --ih-color-danger - Errors and invalid fields.
 * @cssproperty --ih-color-success - Done steps and the completion message.
 * @cssproperty --ih-color-focus - Focus ring.
 * @cssproperty --ih-radius - Corner radius.
 * @cssproperty --ih-space - Spacing unit.
 * @cssproperty --ih-shadow - Shadow of popups and toasts.
 * @cssproperty --ih-toast-inset-top - How far below the window's top edge toasts start (the height of the host's sticky header). Default `0px`.
 * @cssproperty --ih-account-table-height - Height of the account-mapping table's scrolling body. Default `26rem`.
 *
 * @csspart header - Title and progress.
 * @csspart title - The wizard's title.
 * @csspart progress - The list of steps.
 * @csspart progress-step - Each step; also `progress-step-done`, `progress-step-current`, `progress-step-upcoming`.
 * @csspart progress-step-done - A finished step (with `progress-step`).
 * @csspart progress-step-current - The step shown (with `progress-step`).
 * @csspart progress-step-upcoming - A step still ahead (with `progress-step`).
 * @csspart progress-link - A completed step's name in the create flow: a link that jumps back to it.
 * @csspart step-heading - "Step N of 5: …".
 * @csspart body - Around the current step.
 * @csspart step - The current step's element.
 * @csspart footer - The button bar.
 * @csspart button - Every button of the bar; also `cancel-button`, `back-button`, `next-button`.
 * @csspart cancel-button - Cancel (with `button`).
 * @csspart back-button - Back (with `button`).
 * @csspart next-button - Next / Finish (with `button`).
 * @csspart retry-button - Retry after the wizard could not open (with `button`).
 * @csspart message - Opening / waiting / completion text.
 * @csspart existing - Opened to add a PSA while the partner has one: the existing one and the offer to edit it.
 * @csspart edit-existing-button - "Edit the existing integration".
 * @csspart token-expired - "Your session has expired…", shown while a refused call waits for a new token.
 * @csspart problem - A refusal not tied to one field.
 */
export class PsaWizard extends ApiConsumerElement {
  static override styles = wizardStyles;

  /** `kaseya-bms`, `autotask`, `connectwise` or `halopsa`. Reflected. */
  @property({ reflect: true }) vendor: PsaVendor = 'kaseya-bms';
  /** Opens this integration for editing. */
  @property({ attribute: 'integration-id' }) integrationId?: string;
  /** Leaves the completion confirmation to the host. */
  @property({ type: Boolean, attribute: 'no-toast' }) noToast = false;

  @state() private phase: Phase = 'booting';
  @state() private bootProblem?: string;
  /** The partner's PSA, when this wizard was opened to add another. */
  @state() private existing?: IntegrationView;

  private machine?: MachineController<PsaWizardMachine>;
  private drafts?: WizardDraftStore;
  // A reload, a navigation or removal from the page saves the change still waiting in the draft's debounce.
  private readonly draftFlush = new DraftFlushController(this, () => this.drafts);
  // Each step's code loads when that step is first shown (already there with the full entry).
  private readonly steps = new LazyStepsController(this, PSA_STEP_CHUNKS);
  private data?: PsaWizardData;
  // The finish card is what the admin reads after Finish: the page's toasts step out of its way.
  private readonly finishCardClear = new KeepClearController(this, () => this.renderRoot.querySelector('.done'));
  private bootKey = '';
  private lastStep: PsaView | null = null;
  private lastSectionSaves = 0;
  /** The integration's status as the page last changed it (paused or resumed in a list): the finish card and summary follow it. */
  @state() private liveStatus?: string;
  private lastAttempt = 0;
  /** A refused Next's focus on its first problem, owed until the step's lists have arrived. */
  private readonly owedFocus = new OwedFocus<PsaView | null>();
  private ended = false;
  private resolveReady!: () => void;
  private readyPromise = new Promise<void>((resolve) => { this.resolveReady = resolve; });

  /** Settles once the wizard has opened (draft or saved values loaded, first step shown). */
  get ready(): Promise<void> {
    return this.readyPromise;
  }

  /** The step shown now (`summary` in edit mode between sections), or null while opening. */
  get step(): PsaView | null {
    return this.machine ? currentStep(this.machine.snapshot) : null;
  }

  /** @internal The machine's snapshot (tests and diagnostics). */
  get snapshot(): PsaWizardSnapshot | undefined {
    return this.machine?.snapshot;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (!this.hasUpdated || changed.has('vendor') || changed.has('integrationId') || this.connectionChanged(changed)) void this.boot();
    const change = this.hubStateChanged(changed) ? this.hubState?.change : null;
    if (change && change.integrationId === this.machine?.snapshot.context.integrationId) this.liveStatus = change.status;
  }

  private async boot(): Promise<void> {
    if (!this.effectiveToken && this.hubConnection) {
      this.phase = 'waiting';
      return;
    }
    const key = `${this.vendor}|${this.integrationId ?? ''}|${this.effectiveApiBase}`;
    if (key === this.bootKey) return;
    this.bootKey = key;
    this.phase = 'booting';
    this.teardown();
    const api = this.api;
    const vendor = this.vendor;
    const integrationId = this.integrationId ?? null;
    const { drafts, snapshot, existing } = await openPsaWizard(api, vendor, integrationId, () => showPageToast(COPY.draftSaveFailed, 'info', this));
    if (key !== this.bootKey) return; // attributes changed while loading
    this.existing = existing;
    if (existing) {
      this.phase = 'exists';
      this.resolveReady();
      return;
    }
    this.drafts = drafts;
    const logic = psaWizardMachine.provide({ actors: psaWizardActors(createPsaWizardServices(api)) });
    this.machine = new MachineController(this, logic, {
      actorOptions: snapshot ? { snapshot: snapshot as never } : { input: { vendor, integrationId } },
      onError: (error) => { this.bootProblem = String((error as Error)?.message ?? error); },
    });
    this.machine.select((s) => s).subscribe((s) => this.onSnapshot(s));
    this.lastStep = null; // the first snapshot reports the opening step (a resumed draft's included)
    this.lastAttempt = this.machine.snapshot.context.attempt;
    this.lastSectionSaves = this.machine.snapshot.context.sectionSaves;
    this.liveStatus = undefined;
    this.ended = false;
    this.onSnapshot(this.machine.snapshot);
    this.phase = 'ready';
    this.resolveReady();
  }

  private teardown(): void {
    if (this.machine) {
      this.machine.hostDisconnected();
      this.removeController(this.machine);
      this.machine = undefined;
    }
    this.drafts?.close();
    this.data = undefined;
  }

  /** Reacts to every new snapshot: shared data, draft, step-change event, focus after a refusal, the end. */
  private onSnapshot(s: PsaWizardSnapshot): void {
    const id = s.context.integrationId;
    if (id && this.data?.integrationId !== id) this.data = new PsaWizardData(this.api, id);
    if (s.status === 'done') return void this.finish(s);
    // Edit mode saves nothing before a section's Save, so it keeps no draft either.
    if (id && !s.context.sectionMode) {
      const draft = persistableSnapshot(this.machine!.actor);
      if (draft !== undefined) this.drafts?.schedule(draft);
    }
    const step = currentStep(s);
    if (step && step !== this.lastStep) {
      this.lastStep = step;
      this.dispatchEvent(new WizardStepChangeEvent({ step }));
      if (step === 'summary') void this.focusSummary();
    }
    if (s.context.sectionSaves !== this.lastSectionSaves) {
      this.lastSectionSaves = s.context.sectionSaves;
      // One section saved to the live integration: the page's lists follow (inside a hub, one source of state).
      this.dispatchEvent(new IntegrationChangeEvent({ integrationId: id!, kind: 'psa', status: (this.liveStatus ?? s.context.savedStatus ?? 'active') as 'active' }));
    }
    if (s.context.attempt !== this.lastAttempt) {
      this.lastAttempt = s.context.attempt;
      this.owedFocus.owe(step);
    }
    if (this.owedFocus.due(step, !awaitingLists(s))) void this.focusFirstProblem();
  }

  private async finish(s: PsaWizardSnapshot): Promise<void> {
    if (this.ended) return;
    this.ended = true;
    const integrationId = s.context.integrationId;
    const drafts = this.drafts;
    drafts?.close();
    if (s.value === 'cancelled') {
      await drafts?.discard().catch(() => {});
      this.dispatchEvent(new WizardCancelEvent({ integrationId }));
      return;
    }
    await drafts?.discard().catch(() => {});
    const status = s.context.completedStatus ?? 'active';
    if (!this.noToast) showPageToast(status === 'paused' ? COPY.completedPaused(this.vendor) : COPY.completed(this.vendor), 'success', this);
    this.dispatchEvent(new WizardCompleteEvent({ integrationId: integrationId!, vendor: this.vendor, status }));
  }

  /** After a refused Next: focus the first field showing an error, else the problem box (Lion's LionForm does the same). */
  private async focusFirstProblem(): Promise<void> {
    const loading = this.steps.pending();
    if (loading) await loading;
    await this.updateComplete;
    // Fields update in their own tasks after the step re-rendered: let one frame pass.
    await new Promise((resolve) => requestAnimationFrame(resolve));
    if (!focusFirstInvalid(this.renderRoot)) deepQuery(this.renderRoot, '[part~="problem"]')?.focus();
  }

  private async focusSummary(): Promise<void> {
    await this.steps.whenDefined('ih-psa-edit-summary').catch(() => {});
    await this.updateComplete;
    await this.renderRoot.querySelector('ih-psa-edit-summary')?.focusHeading();
  }

  private onNav(e: WizardNavEvent): void {
    const send = this.machine?.send;
    if (!send) return;
    if (e.action === 'goto') return void send({ type: 'step.goto', step: e.step as PsaStep });
    // Next stays pressable; whether the step may advance is the machine's answer, never a rule restated here.
    if (e.action === 'next') send(this.machine!.snapshot.can({ type: 'step.next' }) ? { type: 'step.next' } : { type: 'step.refuse' });
    else if (e.action === 'back') send({ type: 'step.back' });
    else send({ type: 'wizard.cancel' });
  }

  private editExisting(existing: IntegrationView): void {
    this.dispatchEvent(new IntegrationEditEvent({ integrationId: existing.id, vendor: existing.vendor, kind: 'psa' }));
  }

  private renderExisting(existing: IntegrationView) {
    const copy = COPY.exists;
    return html`
      <section class="ih-root exists" part="existing" aria-labelledby="existing-title">
        <h2 id="existing-title" part="title">${copy.title}</h2>
        <p part="message">${copy.detail(existing.vendorLabel, existing.accountLabel, existing.statusLabel)}</p>
        <p class="actions">
          <button type="button" class="primary" part="button edit-existing-button" @click=${() => this.editExisting(existing)}>${COPY.credentials.psaExistsAction}</button>
          <button type="button" part="button cancel-button" @click=${() => this.dispatchEvent(new WizardCancelEvent({ integrationId: null }))}>${copy.cancel}</button>
        </p>
      </section>`;
  }

  protected override render() {
    return html`${this.renderTokenState()}${this.renderPhase()}`;
  }

  private renderPhase() {
    if (this.phase === 'exists' && this.existing) return this.renderExisting(this.existing);
    if (this.phase === 'waiting') return html`<p class="ih-root message" part="message" role="status">${COPY.waitingForToken}</p>`;
    if (this.phase === 'booting' || !this.machine) return html`<p class="ih-root message" part="message" role="status">${COPY.loading}</p>`;
    const s = this.machine.snapshot;
    if (this.bootProblem) return html`<div class="ih-root problem" part="problem" role="alert">${this.bootProblem}</div>`;
    if (s.matches('loadingSaved') || s.matches('boot')) return html`<p class="ih-root message" part="message" role="status">Loading the saved settings…</p>`;
    if (s.matches('loadFailed')) {
      return html`
        <div class="ih-root problem" part="problem" role="alert">
          <p>${COPY.loadSavedFailed} ${s.context.problem?.detail ?? ''}</p>
          <button type="button" part="button retry-button" @click=${() => this.machine!.send({ type: 'saved.retry' })}>${COPY.retry}</button>
        </div>`;
    }
    if (s.status === 'done') {
      // The finish card follows the integration: paused or resumed in a list afterwards, it says so.
      const status = this.liveStatus ?? s.context.completedStatus;
      return s.value === 'done'
        ? html`<p class="ih-root done message" part="message" role="status">${status === 'deleted' ? COPY.deletedMeanwhile(this.vendor) : status === 'paused' ? COPY.completedPaused(this.vendor) : COPY.completed(this.vendor)}</p>`
        : nothing;
    }
    const step = currentStep(s)!;
    if (step === 'summary') {
      return html`
        <section class="ih-root" aria-labelledby="edit-title">
          <h2 id="edit-title" part="title">${COPY.heading(this.vendor, true)}</h2>
          ${this.steps.render('ih-psa-edit-summary', () => html`<ih-psa-edit-summary part="step" .snapshot=${s} .send=${this.machine!.send} .status=${this.liveStatus}></ih-psa-edit-summary>`)}
        </section>`;
    }
    const busy = busyLabel(s);
    const section = s.context.section;
    const heading = section ? COPY.editMode.sectionHeading(STEP_INFO.find((i) => i.id === section)!.label) : COPY.heading(this.vendor, s.context.editing);
    return html`
      <ih-wizard-shell class="ih-root" heading=${heading} .steps=${STEP_INFO} current=${step} .done=${s.context.done}
        ?section-mode=${section !== null} ?step-links=${!s.context.sectionMode}
        ?busy=${busy !== null} busy-label=${busy ?? ''} next-label=${section ? COPY.editMode.save : step === 'finish' ? 'Finish' : 'Next'} ?no-back=${step === 'credentials'}
        exportparts="header, title, progress, progress-step, progress-step-done, progress-step-current, progress-step-upcoming, progress-link, step-heading, body, footer, button, cancel-button, back-button, next-button"
        @ih-wizard-nav=${this.onNav}>
        ${this.renderStep(step, s)}
      </ih-wizard-shell>`;
  }

  private renderStep(step: PsaStep, s: PsaWizardSnapshot) {
    return this.steps.render(STEP_TAGS[step], () => stepElement(step, s, this.machine!.send, this.data));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'psa-wizard': PsaWizard;
  }
}
