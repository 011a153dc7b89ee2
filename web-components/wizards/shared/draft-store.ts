/**
 * @module Wizard drafts through the BFF (xstate persistence.mdx): the machine's persisted snapshot,
 * saved with the machine's version after each change (debounced, one request at a time, last one
 * wins), read back on open (a draft of another version is discarded), deleted on finish or cancel.
 */
import type { PsaVendor, RmmVendor } from '../../../bff/contracts/vendor-catalog.js';
import type { ApiClient } from '../../api/client.js';
import { ApiProblem } from '../../api/api-problem.js';
import { json, send } from './wizard-api.js';

/** The wizards the BFF keeps drafts for (its `wizard` path parameter). */
export type WizardDraftKey = `psa:${PsaVendor}` | `rmm:${RmmVendor}`;

export interface DraftStoreOptions {
  api: ApiClient;
  wizard: WizardDraftKey;
  /** The machine's version; a stored draft of another version is never restored. */
  version: number;
  /** Set when editing an existing integration (its drafts are kept apart from a new wizard's). */
  integrationId?: string | null;
  /**
   * The integration a new wizard's draft had created (read from its snapshot). With it, a wizard
   * opened for an unfinished integration ("Finish setup") resumes the new wizard's draft that
   * created it, and takes that draft over.
   */
  integrationOf?: (snapshot: unknown) => string | null | undefined;
  /** Wait after the last change before saving, in ms. */
  debounceMs?: number;
  /** Called when a save fails (the wizard shows it; the next change tries again). */
  onError?: (problem: ApiProblem) => void;
}

export class WizardDraftStore {
  private timer?: ReturnType<typeof setTimeout>;
  private pendingSnapshot?: unknown;
  private saving: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(private readonly options: DraftStoreOptions) {}

  private get route() {
    return this.options.api.rpc.api['wizard-drafts'][':wizard'];
  }

  private queryFor(integrationId: string | null | undefined) {
    return { ...(integrationId ? { integrationId } : {}), version: String(this.options.version) };
  }

  private get query() {
    return this.queryFor(this.options.integrationId);
  }

  /** The stored draft under one key: the BFF answers null when there is none (or only one of another version). */
  private async read(integrationId: string | null | undefined, signal?: AbortSignal): Promise<{ machineVersion: number; snapshot: unknown } | null> {
    const { api, wizard } = this.options;
    return json(this.route.$get({ param: { wizard }, query: this.queryFor(integrationId) }, { init: { signal } }), api.apiBase);
  }

  /**
   * The stored snapshot, or undefined when there is none or it is of another machine version (that one is deleted).
   * Opened for an integration without a draft of its own: the new wizard's draft that created it, moved to this key.
   */
  async load(signal?: AbortSignal): Promise<unknown | undefined> {
    const { version, integrationId, integrationOf } = this.options;
    const own = await this.read(integrationId, signal);
    if (own?.machineVersion === version) return own.snapshot;
    if (integrationId && integrationOf) {
      const started = await this.read(null, signal);
      if (started?.machineVersion === version && integrationOf(started.snapshot) === integrationId) {
        // Saved under this integration from now on, so "Add" does not offer the same draft a second time.
        await this.write(started.snapshot);
        await this.remove(null).catch(() => {});
        return started.snapshot;
      }
    }
    // No draft of this version. One of an older version may exist: the BFF reports it as absent, so drop it quietly.
    await this.discard().catch(() => {});
    return undefined;
  }

  /** Saves `snapshot` after the debounce; a newer call replaces a pending one. */
  schedule(snapshot: unknown): void {
    if (this.closed) return;
    this.pendingSnapshot = snapshot;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.flush(), this.options.debounceMs ?? 300);
  }

  /**
   * Saves a pending snapshot now. Resolves when every save so far has settled. `keepalive` lets the
   * request outlive the page (a reload or navigation: `pagehide`), so the last typed value is kept.
   */
  flush(options: { keepalive?: boolean } = {}): Promise<void> {
    clearTimeout(this.timer);
    const snapshot = this.pendingSnapshot;
    this.pendingSnapshot = undefined;
    if (snapshot === undefined || this.closed) return this.saving;
    const { onError } = this.options;
    // Chained, so two saves never race and the last snapshot is the one that stays.
    if (options.keepalive) {
      // The page is going away: send at once (a chained save would never start), without waiting for the one in flight.
      return this.write(snapshot, true).catch(() => {});
    }
    this.saving = this.saving.then(() => this.write(snapshot).then(() => undefined, (error: unknown) => { if (error instanceof ApiProblem) onError?.(error); }));
    return this.saving;
  }

  private async write(snapshot: unknown, keepalive = false): Promise<void> {
    const { api, wizard, version } = this.options;
    await send(this.route.$put({ param: { wizard }, query: this.query, json: { machineVersion: version, snapshot } }, { init: { keepalive } }), api.apiBase);
  }

  private async remove(integrationId: string | null | undefined): Promise<void> {
    const { api, wizard } = this.options;
    await send(this.route.$delete({ param: { wizard }, query: this.queryFor(integrationId) }), api.apiBase);
  }

  /** Deletes the draft (finish, cancel) and stops further saves. */
  async discard(): Promise<void> {
    clearTimeout(this.timer);
    this.pendingSnapshot = undefined;
    await this.saving;
    await this.remove(this.options.integrationId);
  }

  /** Stops saving (the wizard finished or was cancelled); a pending save is dropped. */
  close(): void {
    this.closed = true;
    clearTimeout(this.timer);
    this.pendingSnapshot = undefined;
  }
}
