/**
 * @module A wizard's steps, loaded when first shown: a step whose tag is not defined yet renders a
 * status line ("Loading this step…", announced politely) while its chunk loads, and a Retry when the
 * chunk could not be fetched. With every tag already defined (the full `integration-elements.js`
 * entry) the step renders at once, exactly as before.
 */
import { html, type ReactiveController, type ReactiveControllerHost } from 'lit';
import { loadTags, type TagChunk } from '../../registry/load-tags.js';

export const LAZY_STEP_COPY = {
  loading: 'Loading this step…',
  failed: 'This step could not be loaded. Check the connection and try again.',
  retry: 'Retry',
};

/** Renders a wizard's current step once its tag is defined, loading the step's chunk on first show. */
export class LazyStepsController implements ReactiveController {
  private readonly failed = new Set<string>();
  private readonly loading = new Map<string, Promise<void>>();
  /** The tag of the step rendered last. */
  private shown?: string;

  constructor(private readonly host: ReactiveControllerHost, private readonly chunks: Readonly<Record<string, TagChunk>>) {
    host.addController(this);
  }

  hostConnected(): void {}

  /** Settles once `tag` is defined (loading its chunk if needed); rejects when the chunk cannot be fetched. */
  whenDefined(tag: string): Promise<void> {
    if (customElements.get(tag)) return Promise.resolve();
    let load = this.loading.get(tag);
    if (!load) {
      const chunk = this.chunks[tag];
      load = chunk ? loadTags(chunk) : customElements.whenDefined(tag).then(() => {});
      this.loading.set(tag, load);
      load.then(
        () => this.host.requestUpdate(),
        () => {
          this.loading.delete(tag);
          this.failed.add(tag);
          this.host.requestUpdate();
        },
      );
    }
    return load;
  }

  /**
   * While the step rendered last is still loading, a promise that settles once it is defined (or its
   * chunk failed); undefined when it is there. What moves focus into a step awaits it only when
   * given one, so a defined step's focus timing is exactly as without lazy loading.
   */
  pending(): Promise<void> | undefined {
    return this.shown && !customElements.get(this.shown) ? this.whenDefined(this.shown).catch(() => {}) : undefined;
  }

  /**
   * The step as `render` draws it once `tag` is defined; until then its loading (or failed) status,
   * marked `step-loading` so a page (or a test) can tell the step's content is not there yet.
   */
  render(tag: string, render: () => unknown): unknown {
    this.shown = tag;
    if (customElements.get(tag)) return render();
    if (this.failed.has(tag)) {
      return html`
        <div class="problem step-loading" part="problem" role="alert">
          <p>${LAZY_STEP_COPY.failed}</p>
          <button type="button" part="button retry-button" @click=${() => this.retry(tag)}>${LAZY_STEP_COPY.retry}</button>
        </div>`;
    }
    void this.whenDefined(tag).catch(() => {});
    return html`<p class="message muted step-loading" part="message" role="status">${LAZY_STEP_COPY.loading}</p>`;
  }

  private retry(tag: string): void {
    this.failed.delete(tag);
    void this.whenDefined(tag).catch(() => {});
    this.host.requestUpdate();
  }
}
