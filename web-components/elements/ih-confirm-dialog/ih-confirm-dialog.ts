/**
 * @module `<ih-confirm-dialog>` (internal): a real modal `<dialog>` that asks one question and
 * resolves to the answer. The browser's modal dialog gives the focus trap, inert page and Escape.
 */
import { LitElement, css, html } from 'lit';
import { query, state } from 'lit/decorators.js';
import { baseStyles, space, token } from '../../styles/tokens.js';

export interface ConfirmOptions {
  /** The question, e.g. "Delete the Kaseya BMS integration?". Becomes the dialog's name. */
  title: string;
  /** What will happen, in a sentence or two. Becomes the dialog's description. */
  message: string;
  /** The confirm button's text, a verb ("Delete", "Disconnect"). */
  confirmLabel: string;
  cancelLabel?: string;
  /** `danger` styles the confirm button as destructive. */
  tone?: 'danger' | 'primary';
}

/**
 * Internal. `ask(options)` opens a modal dialog and resolves `true` for the confirm button, `false`
 * for Cancel or Escape. Focus starts on Cancel, so a stray Enter never destroys anything, and
 * returns to the element that had it before.
 *
 * @internal
 * @csspart dialog - The `<dialog>`.
 * @csspart dialog-title - The question.
 * @csspart dialog-message - The explanation.
 * @csspart button - Both buttons.
 */
export class IhConfirmDialog extends LitElement {
  static override styles = [baseStyles, css`
    :host { display: block; }
    dialog {
      border: 1px solid ${token('--ih-color-border')};
      border-radius: ${token('--ih-radius')};
      background: ${token('--ih-color-surface')};
      color: ${token('--ih-color-text')};
      box-shadow: ${token('--ih-shadow')};
      padding: ${space(3)};
      max-width: min(32rem, calc(100vw - 2rem));
    }
    dialog::backdrop { background: rgb(16 24 40 / 0.45); }
    h2 { margin: 0 0 ${space(1)}; font-size: 1.125rem; }
    p { margin: 0 0 ${space(3)}; color: ${token('--ih-color-text-muted')}; }
    .actions { display: flex; justify-content: flex-end; gap: ${space(1)}; flex-wrap: wrap; }
  `];

  @state() private options: ConfirmOptions = { title: '', message: '', confirmLabel: 'OK' };

  @query('dialog') private dialog!: HTMLDialogElement;

  private settle?: (confirmed: boolean) => void;
  private returnFocusTo?: HTMLElement;

  /** Whether the dialog is open now. */
  get open(): boolean {
    return Boolean(this.dialog?.open);
  }

  /** Opens the dialog and resolves with the answer. A second call while open answers the first with `false`. */
  async ask(options: ConfirmOptions): Promise<boolean> {
    this.settle?.(false);
    this.returnFocusTo = deepActiveElement();
    this.options = options;
    await this.updateComplete;
    this.dialog.returnValue = '';
    if (!this.dialog.open) this.dialog.showModal();
    return new Promise<boolean>((resolve) => { this.settle = resolve; });
  }

  private onClose(): void {
    // A close event is a queued task: after a quick Escape and the same button again, the first close
    // can arrive while the next question is open. It is not that question's answer.
    if (this.dialog.open) return;
    const confirmed = this.dialog.returnValue === 'confirm';
    const settle = this.settle;
    this.settle = undefined;
    // Put focus back where it was; the caller may move it again (e.g. when the row it was on is gone).
    this.returnFocusTo?.focus();
    settle?.(confirmed);
  }

  protected override render() {
    const { title, message, confirmLabel, cancelLabel = 'Cancel', tone = 'danger' } = this.options;
    // form method="dialog": each button closes the dialog with its value as returnValue; Escape leaves it ''.
    return html`
      <dialog part="dialog" class="ih-root" aria-labelledby="title" aria-describedby="message" @close=${this.onClose}>
        <form method="dialog">
          <h2 id="title" part="dialog-title">${title}</h2>
          <p id="message" part="dialog-message">${message}</p>
          <div class="actions">
            <button type="submit" value="cancel" part="button" autofocus>${cancelLabel}</button>
            <button type="submit" value="confirm" part="button" class=${tone}>${confirmLabel}</button>
          </div>
        </form>
      </dialog>`;
  }
}

/** The focused element, looking through open shadow roots (document.activeElement stops at the first host). */
function deepActiveElement(): HTMLElement | undefined {
  let active: Element | null = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active instanceof HTMLElement ? active : undefined;
}

declare global {
  interface HTMLElementTagNameMap {
    'ih-confirm-dialog': IhConfirmDialog;
  }
}
