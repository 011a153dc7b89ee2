/**
 * @module `<ih-wizard-shell>` (internal): the frame every wizard shares: its title, the progress
 * list (done, current, still to come; `aria-current="step"`), the step's heading ("Step 2 of 5:
 * Account Mapping", focused on each step change), the step itself (slot), and Cancel / Back / Next.
 * It owns no rules: the wizard says which step is current, which are done, and what Next is called.
 */
import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property, query } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { KeepClearController } from '../../elements/ih-toast-region/keep-clear-controller.js';
import { stepStatuses, type WizardStepInfo } from './step-status.js';
import { wizardShellStyles } from './wizard-shell.styles.js';

export type WizardNavAction = 'next' | 'back' | 'cancel' | 'goto';

/** Fired by the shell's buttons and step links (`goto` names the step); the wizard turns it into a machine event. */
export class WizardNavEvent extends Event {
  static readonly eventName = 'ih-wizard-nav';
  constructor(readonly action: WizardNavAction, readonly step?: string) {
    super(WizardNavEvent.eventName, { bubbles: true, composed: false });
  }
}

/**
 * Internal. The frame of a wizard. Next stays pressable on an invalid step (the wizard shows why and
 * moves focus); only while `busy` is it aria-disabled, and a press is ignored. Its button bar is
 * kept clear of toasts (`KeepClearController`), so toasts never cover Cancel, Back or Next.
 *
 * @internal
 * @slot - The current step's content.
 * @fires ih-wizard-nav - {action: 'next' | 'back' | 'cancel' | 'goto', step}: `step` names the done step a link asks for (goto).
 * @csspart header - Title and progress.
 * @csspart title - The wizard's title (h2).
 * @csspart progress - The progress list (ol).
 * @csspart progress-step - Each step in it; also `progress-step-done`, `progress-step-current`, `progress-step-upcoming`.
 * @csspart progress-link - A done step's name as a link that jumps back to it (create flow).
 * @csspart step-heading - "Step N of M: …" (h3).
 * @csspart body - Around the step's content.
 * @csspart footer - The button bar.
 * @csspart button - Every button; also `cancel-button`, `back-button`, `next-button`.
 */
export class IhWizardShell extends LitElement {
  static override styles = wizardShellStyles;

  /** The wizard's title, e.g. "Connect Kaseya BMS". */
  @property() heading = '';
  @property({ attribute: false }) steps: ReadonlyArray<WizardStepInfo> = [];
  /** Id of the step shown. */
  @property() current = '';
  @property({ attribute: false }) done: ReadonlyArray<string> = [];
  /** A request is running (Next is aria-disabled and ignored); `busyLabel` says what. */
  @property({ type: Boolean }) busy = false;
  @property({ attribute: 'busy-label' }) busyLabel = '';
  @property({ attribute: 'next-label' }) nextLabel = 'Next';
  @property({ type: Boolean, attribute: 'no-back' }) noBack = false;
  @property({ type: Boolean, attribute: 'no-nav' }) noNav = false;
  /** Edit mode: one section alone. No progress list and no Back; the heading names the section. */
  @property({ type: Boolean, attribute: 'section-mode' }) sectionMode = false;
  /** Done steps are links that jump to them (the create flow). */
  @property({ type: Boolean, attribute: 'step-links' }) stepLinks = false;
  /**
   * With `step-links`: the done steps the wizard can jump to now (a wizard that jumps only backwards
   * leaves out the done steps ahead); null makes every done step a link.
   */
  @property({ attribute: false }) linkable: ReadonlyArray<string> | null = null;

  @query('h3') private stepHeading?: HTMLHeadingElement;
  /** The button bar (re-rendered, or gone with `no-nav`) is an area toasts must not cover. */
  private readonly footerClear = new KeepClearController(this, () => this.renderRoot.querySelector('.footer'));

  /** Moves focus to the step's heading (the wizard calls it on each step change, WAI multi-page forms). */
  async focusStepHeading(): Promise<void> {
    await this.updateComplete;
    this.stepHeading?.focus();
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('current') && changed.get('current') !== undefined) void this.focusStepHeading();
  }

  private nav(action: WizardNavAction, step?: string): void {
    if ((action === 'next' || action === 'goto') && this.busy) return;
    this.dispatchEvent(new WizardNavEvent(action, step));
  }

  private jump(e: Event, step: string): void {
    e.preventDefault();
    this.nav('goto', step);
  }

  protected override render() {
    const steps = stepStatuses(this.steps, this.current, this.done);
    const current = steps.find((s) => s.status === 'current');
    return html`
      <div class="ih-root shell">
        <div class="header" part="header">
          <h2 part="title">${this.heading}</h2>
          ${this.sectionMode ? nothing : html`<ol part="progress" aria-label="Progress">
            ${repeat(steps, (s) => s.id, (s) => html`
              <li part="progress-step progress-step-${s.status}" data-status=${s.status} aria-current=${s.status === 'current' ? 'step' : nothing}>
                <span class="marker" aria-hidden="true">${s.status === 'done' ? '✓' : s.position}</span>
                ${this.stepLinks && s.status === 'done' && (this.linkable?.includes(s.id) ?? true)
                  ? html`<a href="#${s.id}" part="progress-link" @click=${(e: Event) => this.jump(e, s.id)}>${s.label}</a>`
                  : html`<span>${s.label}${s.optional ? html` <span class="optional">(optional)</span>` : nothing}</span>`}
                <span class="visually-hidden">${s.status === 'done' ? '(done)' : s.status === 'current' ? '(current step)' : '(not yet done)'}</span>
              </li>`)}
          </ol>`}
        </div>
        ${current ? html`<h3 part="step-heading" tabindex="-1">${this.sectionMode ? current.label : `Step ${current.position} of ${steps.length}: ${current.label}`}</h3>` : nothing}
        <div part="body"><slot></slot></div>
        ${this.noNav ? nothing : html`
          <div class="footer" part="footer">
            <button type="button" part="button cancel-button" @click=${() => this.nav('cancel')}>Cancel</button>
            <span class="spacer"></span>
            <span class="busy" role="status">${this.busy ? this.busyLabel : ''}</span>
            ${this.noBack || this.sectionMode ? nothing : html`<button type="button" part="button back-button" @click=${() => this.nav('back')}>Back</button>`}
            <button type="button" class="primary" part="button next-button" aria-disabled=${this.busy ? 'true' : 'false'}
              @click=${() => this.nav('next')}>${this.nextLabel}</button>
          </div>`}
      </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ih-wizard-shell': IhWizardShell;
  }
  interface GlobalEventHandlersEventMap {
    'ih-wizard-nav': WizardNavEvent;
  }
}
