/**
 * @module `<rmm-wizard vendor="datto-rmm|syncro">`: connects an RMM (or edits a connection with
 * `integration-id`). The vendor's XState machine owns every rule; this element renders its
 * snapshot in the shared wizard shell, sends it what the person does, saves drafts and tells the host.
 */
import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ApiConsumerElement } from '../../api/api-consumer-element.js';
import type { RmmSyncSummary } from '../../../bff/contracts/integration-view.js';
import { SyncPoll } from '../../elements/shared/sync-poll.js';
import { IntegrationChangeEvent, type IntegrationChangeDetail } from '../../events/integration-change-event.js';
import { MachineController } from '../../controllers/machine-controller.js';
import { WizardDraftStore } from '../shared/draft-store.js';
import { DraftFlushController } from '../shared/draft-flush.js';
import { WizardCancelEvent } from '../shared/events/wizard-cancel-event.js';
import { WizardCompleteEvent } from '../shared/events/wizard-complete-event.js';
import { WizardStepChangeEvent } from '../shared/events/wizard-step-change-event.js';
import { focusFirstInvalid } from '../shared/focus.js';
import { OwedFocus } from '../shared/owed-focus.js';
import { visibleErrors, type FieldErrors } from '../shared/form-state.js';
import { sectionSummary } from '../shared/section-summary.js';
import { json } from '../shared/wizard-api.js';
import type { IhWizardShell, WizardNavEvent } from '../shared/wizard-shell.js';
import { DATTO_RMM_MACHINE_VERSION, dattoRmmMachine } from './datto-rmm.machine.js';
import { LazyStepsController } from '../shared/lazy-steps.js';
import { RMM_STEP_CHUNKS } from '../../registry/rmm-steps.js';
import { COPY, STEP_OF_STATE, STEPS } from './rmm-wizard.copy.js';
import { STEP_ORDER, draftValues } from './rmm-wizard.logic.js';
import { rmmSummarySections, stepLabel } from './rmm-section-summary.js';
import { createRmmWizardServices, rmmWizardActors } from './rmm-wizard.services.js';
import { stepErrors, type GuardedStep } from './rmm-wizard.setup.js';
import { rmmWizardStyles } from './rmm-wizard.styles.js';
import type { RmmVendor, RmmWizardContext } from './rmm-wizard.types.js';
import { SYNCRO_MACHINE_VERSION, syncroMachine } from './syncro.machine.js';
import { awaitingLists, busyLabelOf, subState, topState, type WizardLogic, type WizardSnapshot } from './rmm-wizard.snapshot.js';


const VENDORS: ReadonlyArray<RmmVendor> = ['datto-rmm', 'syncro'];
const VERSIONS: Record<RmmVendor, number> = { 'datto-rmm': DATTO_RMM_MACHINE_VERSION, syncro: SYNCRO_MACHINE_VERSION };
const GUARDED: ReadonlyArray<string> = ['organization', 'credentials', 'mapping', 'parameters'];
/** Steps a draft can resume on (never a state with a request in flight, never the end). */
const RESUMABLE: ReadonlyArray<string> = ['organization', 'credentials', 'mapping', 'parameters', 'finish'];

/** The steps' own parts, forwarded so a host can style them as `rmm-wizard::part(site-list)`. */
const STEP_PARTS = 'read-only-organization, duplicate-warning, stored-credentials, collected, permissions, entra-suggestion, suggestion-button, site-types, deleted-devices-warning, mapping-summary, site-list, refresh-button, auto-badge, review, finished, final-status, first-sync';

/**
 * The RMM connection wizard. Datto RMM (seed 004): Organization (the user-activity organization,
 * immutable once created) → Set Credentials (platform, API key, API secret key) → Organization
 * Mapping (site types, exact-name auto-mapping, a mapping per site) → Parameters (optional Microsoft
 * Entra Device ID field) → Finish. Syncro (seed 002): Credentials (subdomain, API token, the token's
 * permissions) → Account Mapping (user-activity organization, device organization mapping, auto-map,
 * ignore list) → Finish. A second connection of a vendor needs an explicit "separate instance"
 * confirmation. Next stays pressable: on an invalid step it shows every reason and focuses the first
 * invalid field. Back is always allowed, and each completed earlier step's name in the progress list
 * is a link back to it. Progress is saved as a draft and resumes after a reload.
 *
 * With `integration-id` it edits that connection: a connected one opens at a summary of its sections
 * (connection with the API keys only "stored", user-activity organization read-only, site mapping,
 * Datto RMM's settings), each with its own Edit that opens that step alone with Save / Cancel;
 * nothing is saved before Save. The credentials can be replaced but are never shown.
 *
 * Gets the BFF address and token from its own `api-base` / `token`, else from a surrounding
 * `<integration-hub>` (inside a hub it waits for the token before starting).
 *
 * @summary Connects Datto RMM or Syncro, or edits a connection.
 *
 * @attr vendor - `datto-rmm` or `syncro`. Required. Reflected.
 * @attr integration-id - Edit this existing integration instead of creating one. Reflected.
 * @attr api-base - Base URL of the BFF's API. Wins over the hub's. Default `/api`.
 *
 * @prop {'datto-rmm' | 'syncro'} vendor - As the attribute.
 * @prop {string | null} integrationId - As the `integration-id` attribute.
 * @prop {string | undefined} apiBase - As the `api-base` attribute.
 * @prop {string | undefined} token - Bearer token (JWT) for the BFF. Wins over the hub's. Property only, never reflected.
 * @prop {string | undefined} step - Read-only: the step shown (`summary` in edit mode, `organization`, `credentials`, `organization-mapping`, `account-mapping`, `parameters`, `finish`).
 *
 * @fires wizard-step-change - {step}: another step is shown (Next, Back, or the first step once loaded or resumed).
 * @fires token-expired - {apiBase}: the BFF refused the token (401); the refused call is sent again once a new `token` is set.
 * @fires wizard-complete - {integrationId, vendor, status}: the BFF accepted Finish; the integration is Connected (or stays Disconnected if it was).
 * @fires wizard-cancel - {integrationId}: Cancel was chosen; the draft is discarded (a connection already made stays listed as "Setup not finished").
 *
 * @cssproperty --ih-font-family - Font of all text.
 * @cssproperty --ih-font-size - Base font size.
 * @cssproperty --ih-color-text - Main text colour.
 * @cssproperty --ih-color-text-muted - Hints, notes, upcoming steps.
 * @cssproperty --ih-color-surface - Background of the wizard, fields and buttons.
 * @cssproperty --ih-color-surface-muted - Notes' background, button hover.
 * @cssproperty --ih-color-border - Borders.
 * @cssproperty --ih-color-accent - Next/Finish, the current step, switches, checkboxes.
 * @cssproperty --ih-color-on-accent - Text on accent backgrounds.
 * @cssproperty --ih-color-danger - Errors.
 * @cssproperty --ih-color-success - Done steps, exact-name matches.
 * @cssproperty --ih-color-warning - The duplicate-connection warning.
 * @cssproperty --ih-color-focus - Focus ring.
 * @cssproperty --ih-radius - Corner radius.
 * @cssproperty --ih-space - Spacing unit.
 * @cssproperty --ih-field-max-width - Widest a text field or select grows (default 32rem).
 * @cssproperty --ih-site-list-height - Height of the scrolling site list (default 24rem).
 *
 * @csspart shell - The wizard frame; its parts below (`header` … `next-button`) are forwarded.
 * @csspart header - Title and progress.
 * @csspart title - The wizard's title.
 * @csspart progress - The list of steps.
 * @csspart progress-step - Each step; also `progress-step-done`, `progress-step-current`, `progress-step-upcoming`.
 * @csspart progress-step-done - A finished step (with `progress-step`).
 * @csspart progress-step-current - The step shown (with `progress-step`).
 * @csspart progress-step-upcoming - A step still ahead (with `progress-step`).
 * @csspart progress-link - A completed earlier step's name as a link back to it (create flow).
 * @csspart step-heading - "Step N of M: …".
 * @csspart body - Around the current step.
 * @csspart footer - The button bar.
 * @csspart button - Every button of the bar; also `cancel-button`, `back-button`, `next-button`.
 * @csspart cancel-button - Cancel (with `button`).
 * @csspart back-button - Back (with `button`).
 * @csspart next-button - Next / Finish (with `button`).
 * @csspart token-expired - "Your session has expired…", shown while a refused call waits for a new token.
 * @csspart problem - A failure that belongs to no field (vendor unreachable, refused completion).
 * @csspart step - The current step's element.
 * @csspart read-only-organization - The user-activity organization once it can no longer change.
 * @csspart duplicate-warning - "A … integration already exists" with its confirmation checkbox.
 * @csspart stored-credentials - Edit mode's note that credentials are stored and kept when left empty.
 * @csspart permissions - Syncro's list of the API token's permissions.
 * @csspart collected - Syncro's note on what is collected (customers and assets; no user activity feed).
 * @csspart site-types - Datto RMM's Managed / OnDemand / Deleted Devices choice.
 * @csspart deleted-devices-warning - Why Deleted Devices is not recommended, shown while it is ticked.
 * @csspart mapping-summary - "N mapped (M by exact name…), K not mapped".
 * @csspart site-list - The scrolling, virtualized list of sites (height: `--ih-site-list-height`).
 * @csspart refresh-button - Reloads the sites from the RMM.
 * @csspart auto-badge - "Exact name match" on a row auto-mapping maps.
 * @csspart entra-suggestion - The Parameters step's suggested Entra Device ID field; `suggestion-button` picks it.
 * @csspart suggestion-button - Picks the suggested Entra Device ID field.
 * @csspart review - The Finish step's summary.
 * @csspart summary-section - Edit mode: one section of the summary with its Edit button.
 * @csspart section-edit-button - Edit mode: each section's Edit (with `button`).
 * @csspart close-button - Edit mode: the summary's Close (with `button`).
 * @csspart finished - The outcome once finished; `final-status` is its "Status: Connected".
 * @csspart final-status - "Status: Connected" once finished.
 * @csspart first-sync - Once finished: the first device sync, "Syncing devices from Syncro now…" and then its result.
 */
export class RmmWizard extends ApiConsumerElement {
  static override styles = rmmWizardStyles;

  /** Which RMM: `datto-rmm` or `syncro`. Reflected. */
  @property({ reflect: true }) vendor: RmmVendor | '' = '';

  /** Edit this existing integration (its id) instead of creating one. Reflected. */
  @property({ attribute: 'integration-id', reflect: true }) integrationId: string | null = null;

  @state() private draftProblem = '';
  /** Once finished: the first device sync (started by Finish) as last read, until it ends. */
  @state() private firstSync: RmmSyncSummary | null = null;
  /** The integration's status as the page last changed it (disconnected, reconnected or deleted in a list): the finish card follows it. */
  @state() private liveStatus?: IntegrationChangeDetail['status'];
  private readonly syncPoll = new SyncPoll(this, () => this.pollFirstSync());

  private machine?: MachineController<WizardLogic>;
  private drafts?: WizardDraftStore;
  // A reload, a navigation or removal from the page saves the change still waiting in the draft's debounce.
  private readonly draftFlush = new DraftFlushController(this, () => this.drafts);
  // Each step's code loads when that step is first shown (already there with the full entry).
  private readonly steps = new LazyStepsController(this, RMM_STEP_CHUNKS);
  private machineKey = '';
  private lastStep?: string;
  private lastDraft?: string;
  private ended = false;
  /** A refused Next's focus on its first error, owed until the step's lists have arrived. */
  private readonly owedFocus = new OwedFocus<string | undefined>();

  /** The step shown now (`wizard-step-change`'s ids), undefined while starting. */
  get step(): string | undefined {
    return this.machine ? this.stepOf(this.machine.snapshot) : undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const change = this.hubStateChanged(changed) ? this.hubState?.change : null;
    if (change && change.integrationId === this.machine?.snapshot.context.integration?.id) this.liveStatus = change.status;
    const vendor = VENDORS.includes(this.vendor as RmmVendor) ? (this.vendor as RmmVendor) : null;
    // Inside a hub that has no token yet, starting would only fail: the token's arrival updates us again.
    const ready = vendor !== null && (Boolean(this.effectiveToken) || !this.hubConnection);
    const key = ready ? `${vendor}|${this.integrationId ?? ''}|${this.effectiveApiBase}` : '';
    if (key && key !== this.machineKey) this.startMachine(vendor!, key);
  }

  private startMachine(vendor: RmmVendor, key: string): void {
    this.stopMachine();
    this.machineKey = key;
    this.liveStatus = undefined;
    this.lastStep = undefined;
    this.lastDraft = undefined;
    this.ended = false;
    const integrationId = this.integrationId || null;
    this.drafts = new WizardDraftStore({
      api: this.api, wizard: `rmm:${vendor}`, version: VERSIONS[vendor], integrationId,
      integrationOf: (draft) => (draft as { integrationId?: string | null } | null)?.integrationId,
      onError: (problem) => { this.draftProblem = problem.detail ?? problem.title; },
    });
    const services = createRmmWizardServices(this.api, this.drafts);
    const logic = (vendor === 'datto-rmm' ? dattoRmmMachine : syncroMachine) as WizardLogic;
    // Added while connected, the controller starts the actor at once (its boot loads lists and any draft).
    this.machine = new MachineController(this, logic.provide({ actors: rmmWizardActors(services) }), {
      actorOptions: { input: { vendor, integrationId } },
    });
  }

  private stopMachine(): void {
    if (!this.machine) return;
    this.machine.hostDisconnected();
    this.removeController(this.machine);
    this.machine = undefined;
    this.drafts?.close();
    this.drafts = undefined;
  }

  private stepOf(snapshot: WizardSnapshot): string | undefined {
    const top = topState(snapshot);
    return STEP_OF_STATE[snapshot.context.vendor][top];
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const machine = this.machine;
    if (!machine) return;
    const snapshot = machine.snapshot;
    const ctx = snapshot.context;
    const top = topState(snapshot);
    const step = this.stepOf(snapshot);
    if (step && step !== this.lastStep && top !== 'done') {
      // Edit mode swaps the summary and a section's shell: focus goes to the new heading, never to the page.
      if (step === 'summary' || (ctx.section !== null && this.lastStep === 'summary')) void this.focusHeading(step);
      this.lastStep = step;
      this.dispatchEvent(new WizardStepChangeEvent({ step }));
    }
    // A refused Next focuses the first error once the step's fields exist (its lists may still be loading).
    if (this.owedFocus.due(step, !awaitingLists(snapshot))) void this.focusFirstError();
    if ((top === 'done' || top === 'cancelled') && !this.ended) {
      this.ended = true;
      const drafts = this.drafts;
      drafts?.close();
      void drafts?.discard().catch(() => {});
      if (top === 'done') {
        const output = snapshot.output!;
        this.dispatchEvent(new WizardCompleteEvent({ integrationId: output.integrationId, vendor: output.vendor, status: output.status }));
        this.firstSync = ctx.integration?.sync ?? null;
        this.syncPoll.observe(this.firstSync?.state === 'running');
      } else {
        this.dispatchEvent(new WizardCancelEvent({ integrationId: ctx.integration?.id ?? null }));
      }
      return;
    }
    // A section opened from the summary is saved by its Save only: no draft of it.
    if (RESUMABLE.includes(top) && ctx.section === null) {
      const values = draftValues(ctx, top);
      const serialized = JSON.stringify(values);
      // The first values after loading are what is stored already: only the person's changes make a draft.
      if (this.lastDraft !== undefined && serialized !== this.lastDraft) this.drafts?.schedule(values);
      this.lastDraft = serialized;
    }
  }

  /** Reads the first sync's state again; when it has ended, the hub's lists refresh to show it too. */
  private async pollFirstSync(): Promise<void> {
    const integration = this.machine?.snapshot.context.integration;
    if (!integration) return;
    try {
      const status = await json(this.api.rpc.api.integrations[':id'].rmm.sync.$get({ param: { id: integration.id } }), this.effectiveApiBase);
      this.firstSync = status;
      if (status.state !== 'running') this.dispatchEvent(new IntegrationChangeEvent({ integrationId: integration.id, kind: 'rmm', status: status.integrationStatus }));
    } catch {
      // A failed read leaves "Syncing…" on screen; the next read tries again.
    }
    this.syncPoll.observe(this.firstSync?.state === 'running');
  }

  private onNav(e: WizardNavEvent): void {
    e.stopPropagation();
    const machine = this.machine;
    if (!machine) return;
    if (e.action === 'cancel') machine.send({ type: 'wizard.cancel' });
    else if (e.action === 'back') machine.send({ type: 'step.back' });
    else if (e.action === 'goto') {
      const state = STEP_ORDER[machine.snapshot.context.vendor].find((s) => STEP_OF_STATE[machine.snapshot.context.vendor][s] === e.step);
      if (state) machine.send({ type: 'step.goto', step: state });
    }
    else if (machine.snapshot.can({ type: 'step.next' })) machine.send({ type: 'step.next' });
    else {
      // Next stays pressable: it reveals every reason on the step and takes the person to the first one.
      machine.send({ type: 'step.attempt' });
      this.owedFocus.owe(this.stepOf(machine.snapshot));
      this.requestUpdate();
    }
  }

  private async focusHeading(step: string): Promise<void> {
    await this.updateComplete;
    if (step === 'summary') this.renderRoot.querySelector<HTMLElement>('.edit-summary h3')?.focus();
    else await this.renderRoot.querySelector<IhWizardShell>('ih-wizard-shell')?.focusStepHeading();
  }

  private async focusFirstError(): Promise<void> {
    const loading = this.steps.pending();
    if (loading) await loading;
    await this.updateComplete;
    // The step and its fields update in their own microtasks; a macrotask later all of them have.
    await new Promise((resolve) => setTimeout(resolve));
    focusFirstInvalid(this.renderRoot);
  }

  private errorsFor(ctx: RmmWizardContext, top: string): FieldErrors {
    if (!GUARDED.includes(top)) return ctx.serverErrors;
    return visibleErrors(stepErrors(ctx, top as GuardedStep), ctx.touched, ctx.submitted.includes(top), ctx.serverErrors);
  }

  protected override render() {
    return html`${this.renderTokenState()}${this.renderPhase()}`;
  }

  private renderPhase() {
    if (!VENDORS.includes(this.vendor as RmmVendor)) return html`<p class="ih-root" role="alert">Set vendor="datto-rmm" or vendor="syncro".</p>`;
    if (!this.machine) return html`<p class="ih-root muted" role="status">Waiting for sign-in…</p>`;
    const snapshot = this.machine.snapshot;
    const ctx = snapshot.context;
    const vendor = ctx.vendor;
    const top = topState(snapshot);
    const steps = STEPS[vendor];
    const current = this.stepOf(snapshot) ?? steps[0]!.id;
    const stored = ctx.editing && ctx.integration && ctx.integration.status !== 'draft';
    const done = top === 'done' ? steps.map((s) => s.id) : stored ? steps.slice(0, -1).map((s) => s.id) : ctx.doneSteps.map((s) => STEP_OF_STATE[vendor][s]!).filter(Boolean);
    const busyLabel = busyLabelOf(snapshot);
    const ended = top === 'done' || top === 'cancelled';
    // Step links (create flow): the completed steps the machine lets the person jump back to from here.
    const linkable = STEP_ORDER[vendor].filter((s) => snapshot.can({ type: 'step.goto', step: s })).map((s) => STEP_OF_STATE[vendor][s]!);
    const send = this.machine.send;
    if (top === 'summary') {
      return html`
        <section class="ih-root edit" part="step" data-step aria-labelledby="edit-title">
          <h2 id="edit-title" part="title">${COPY.title(vendor, true)}</h2>
          ${sectionSummary({
            heading: COPY.editMode.summaryHeading, intro: COPY.editMode.summaryIntro, sections: rmmSummarySections(ctx), closeLabel: COPY.editMode.close,
            onEdit: (step) => send({ type: 'section.edit', step }), onClose: () => send({ type: 'wizard.cancel' }),
          })}
        </section>`;
    }
    const section = ctx.section;
    return html`
      <ih-wizard-shell part="shell" class="ih-root"
        exportparts="header, title, progress, progress-step, progress-step-done, progress-step-current, progress-step-upcoming, progress-link, step-heading, body, footer, button, cancel-button, back-button, next-button"
        heading=${section ? COPY.editMode.sectionHeading(stepLabel(ctx, section)) : COPY.title(vendor, ctx.editing)} .steps=${steps} current=${current} .done=${done}
        ?section-mode=${section !== null} ?step-links=${section === null} .linkable=${linkable}
        ?busy=${Boolean(busyLabel)} busy-label=${busyLabel} next-label=${section ? COPY.editMode.save : top === 'finish' ? COPY.finish : COPY.next}
        ?no-back=${current === steps[0]!.id} ?no-nav=${ended || top === 'boot'} @ih-wizard-nav=${this.onNav}>
        ${ctx.problem ? html`<div class="problem" part="problem" role="alert"><strong>${ctx.problem.title}.</strong> ${ctx.problem.detail ?? ''}</div>` : nothing}
        ${this.draftProblem ? html`<p class="muted" role="status">The draft could not be saved (${this.draftProblem}); your entries are kept on this page.</p>` : nothing}
        ${this.renderStep(snapshot, top)}
      </ih-wizard-shell>`;
  }

  private renderStep(snapshot: WizardSnapshot, top: string) {
    const ctx = snapshot.context;
    const send = this.machine!.send;
    const errors = this.errorsFor(ctx, top);
    switch (top) {
      case 'boot': {
        const failed = subState(snapshot) === 'failed';
        return html`<ih-load-status label=${COPY.starting} status=${failed ? 'error' : 'loading'}
          problem-detail=${ctx.bootProblem?.detail ?? ctx.bootProblem?.title ?? ''} @ih-load-retry=${() => send({ type: 'boot.retry' })}></ih-load-status>`;
      }
      case 'organization':
        return this.steps.render('ih-rmm-organization-step', () => html`<ih-rmm-organization-step part="step" exportparts=${STEP_PARTS} data-step .context=${ctx} .errors=${errors} .send=${send}></ih-rmm-organization-step>`);
      case 'credentials':
        return this.steps.render('ih-rmm-credentials-step', () => html`<ih-rmm-credentials-step part="step" exportparts=${STEP_PARTS} data-step .context=${ctx} .errors=${errors} .send=${send}></ih-rmm-credentials-step>`);
      case 'mapping':
        return this.steps.render('ih-rmm-mapping-step', () => html`<ih-rmm-mapping-step part="step" exportparts=${STEP_PARTS} data-step .context=${ctx} .errors=${errors} .send=${send}></ih-rmm-mapping-step>`);
      case 'parameters':
        return this.steps.render('ih-rmm-parameters-step', () => html`<ih-rmm-parameters-step part="step" exportparts=${STEP_PARTS} data-step .context=${ctx} .errors=${errors} .send=${send}></ih-rmm-parameters-step>`);
      case 'finish':
      case 'done':
        return this.steps.render('ih-rmm-finish-step', () => html`<ih-rmm-finish-step part="step" exportparts=${STEP_PARTS} data-step ?finished=${top === 'done'} .liveStatus=${this.liveStatus} .sync=${this.firstSync} .context=${ctx} .errors=${errors} .send=${send}></ih-rmm-finish-step>`);
      default:
        return html`<p role="status">${COPY.cancelled}</p>`;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'rmm-wizard': RmmWizard;
  }
}
