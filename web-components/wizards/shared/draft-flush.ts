/**
 * @module Saves a wizard's pending draft on the way out: when the wizard leaves the page, and when
 * the page itself goes away (a reload or navigation, `pagehide`) with a keepalive request, so the
 * value typed just before (still in the save's debounce) is there when "Finish setup" resumes it.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { WizardDraftStore } from './draft-store.js';

export class DraftFlushController implements ReactiveController {
  constructor(host: ReactiveControllerHost, private readonly drafts: () => WizardDraftStore | undefined) {
    host.addController(this);
  }

  hostConnected(): void {
    window.addEventListener('pagehide', this.onPageHide);
  }

  hostDisconnected(): void {
    window.removeEventListener('pagehide', this.onPageHide);
    void this.drafts()?.flush();
  }

  private readonly onPageHide = (): void => {
    void this.drafts()?.flush({ keepalive: true });
  };
}
