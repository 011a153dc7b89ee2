/**
 * @module Wizard drafts through the BFF (xstate persistence.mdx): the machine's persisted snapshot,
 * saved with the machine's version after each change (debounced, one request at a time, last one
 * wins), read back on open (a draft of another version is discarded), deleted on finish or cancel.
 */
import type { PsaVendor, RmmVendor } from '../../../bff/vendors/vendor-catalog.js';
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

  private get query() {
    const { integrationId, version } = this.options;
    return { ...(integrationId ? { integrationId } : {}), version: String(version) };
  }

  /** The stored snapshot, or undefined when there is none or it is of another machine version (that one is deleted). */
  async load(signal?: AbortSignal): Promise<unknown | undefined> {
    const { api, wizard, version } = this.options;
    try {
      const draft = await json(this.route.$get({ param: { wizard }, query: this.query }, { init: { signal } }), api.apiBase);
      if (draft.machineVersion === version) return draft.snapshot;
    } catch (error) {
      if (!(error instanceof ApiProblem) || error.status !== 404) throw error;
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

  /** Saves a pending snapshot now. Resolves when every save so far has settled. */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    const snapshot = this.pendingSnapshot;
    this.pendingSnapshot = undefined;
    if (snapshot === undefined || this.closed) return this.saving;
    const { api, wizard, version, onError } = this.options;
    // Chained, so two saves never race and the last snapshot is the one that stays.
    this.saving = this.saving.then(() =>
      send(this.route.$put({ param: { wizard }, query: this.query, json: { machineVersion: version, snapshot } }), api.apiBase)
        .then(() => undefined, (error: unknown) => { if (error instanceof ApiProblem) onError?.(error); }));
    return this.saving;
  }

  /** Deletes the draft (finish, cancel) and stops further saves. */
  async discard(): Promise<void> {
    clearTimeout(this.timer);
    this.pendingSnapshot = undefined;
    await this.saving;
    const { api, wizard } = this.options;
    await send(this.route.$delete({ param: { wizard }, query: this.query }), api.apiBase);
  }

  /** Stops saving (the wizard finished or was cancelled); a pending save is dropped. */
  close(): void {
    this.closed = true;
    clearTimeout(this.timer);
    this.pendingSnapshot = undefined;
  }
}
