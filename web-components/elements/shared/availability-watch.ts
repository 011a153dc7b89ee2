/**
 * @module A PSA integration's availability in the elements: the outage banner ("Autotask has not
 * answered since 10:42 (HTTP 503). 37 alerts are waiting and will be delivered when it answers;
 * next try 10:58."), and a controller that polls the integration list while any PSA is unavailable
 * or has alerts waiting, fires `integration-health-change` when that changes, and toasts how many
 * alerts were delivered late once an outage has drained. Polling stops when all is well.
 */
import { css, html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import type { IntegrationView } from '../../api/client.js';
import { IntegrationHealthChangeEvent } from '../../events/integration-health-change-event.js';
import { space, token } from '../../styles/tokens.js';

type Availability = NonNullable<IntegrationView['availability']>;

const time = (iso: string | null) => (iso ? new Date(iso).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' }) : '');
const alerts = (n: number) => `${n} ${n === 1 ? 'alert' : 'alerts'}`;

export const AVAILABILITY_COPY = {
  answer: (status: number | null) => (status ? `HTTP ${status}` : 'no answer'),
  unavailable: (vendor: string, a: Availability) =>
    `${vendor} has not answered since ${time(a.since)} (${AVAILABILITY_COPY.answer(a.lastStatus)}). `
    + `${a.waiting === 1 ? '1 alert is' : `${a.waiting} alerts are`} waiting and will be delivered when it answers`
    + `${a.nextTryAt ? `; next try ${time(a.nextTryAt)}` : ''}.`,
  draining: (vendor: string, waiting: number) => `${vendor} answers again; delivering the ${alerts(waiting)} that waited.`,
  recovered: (vendor: string, late: number) => `${vendor} answers again. ${late ? `${alerts(late)} ${late === 1 ? 'was' : 'were'} delivered late.` : 'No alert was lost.'}`,
};

/** The banner across a row's columns: the text in the main colour, the danger colour as its edge (accent while draining). */
export const availabilityStyles = css`
  .availability {
    grid-column: 1 / -1;
    margin: 0;
    padding: ${space(1)} ${space(1.5)};
    border: 1px solid ${token('--ih-color-border')};
    border-inline-start: 4px solid ${token('--ih-color-danger')};
    border-radius: ${token('--ih-radius')};
    color: ${token('--ih-color-text')};
  }
  .availability.draining { border-inline-start-color: ${token('--ih-color-accent')}; }
`;

/** The banner of a PSA row: during an outage, and while its held alerts drain. */
export function renderAvailability(view: IntegrationView, draining: boolean) {
  const a = view.availability;
  if (!a) return nothing;
  if (a.state === 'unavailable') {
    return html`<p class="availability" part="availability availability-unavailable" role="status">${AVAILABILITY_COPY.unavailable(view.vendorLabel, a)}</p>`;
  }
  if (draining && a.waiting > 0) return html`<p class="availability draining" part="availability" role="status">${AVAILABILITY_COPY.draining(view.vendorLabel, a.waiting)}</p>`;
  return nothing;
}

export interface AvailabilityWatchOptions {
  /** Reads the integrations again (the host calls `observe` with them). */
  poll: () => Promise<void>;
  toast: (message: string) => void;
  /** Between two polls while something is wrong or waiting. */
  intervalMs?: number;
}

export class AvailabilityWatch implements ReactiveController {
  static defaultIntervalMs = 5_000;
  /** While every PSA answers: slow, but an outage that starts while the page is open still shows. */
  static idleIntervalMs = 60_000;
  private readonly seen = new Map<string, Availability>();
  /** Integrations seen unavailable whose held alerts have not all gone out yet. */
  private readonly outages = new Set<string>();
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly options: AvailabilityWatchOptions,
  ) {
    host.addController(this);
  }

  isDraining(id: string): boolean {
    return this.outages.has(id);
  }

  /** Takes a fresh list: fires events for changes, toasts recoveries, and (re)schedules the poll. */
  observe(views: IntegrationView[]): void {
    let watch = false;
    let any = false;
    for (const view of views) {
      const a = view.availability;
      if (!a) continue;
      any = true;
      const before = this.seen.get(view.id);
      this.seen.set(view.id, a);
      if (a.state === 'unavailable') this.outages.add(view.id);
      const changed = before
        ? before.state !== a.state || before.waiting !== a.waiting || before.nextTryAt !== a.nextTryAt
        : a.state === 'unavailable';
      if (changed) {
        this.host.dispatchEvent(new IntegrationHealthChangeEvent({
          integrationId: view.id, vendor: view.vendor, vendorLabel: view.vendorLabel, state: a.state, since: a.since,
          lastStatus: a.lastStatus, waiting: a.waiting, nextTryAt: a.nextTryAt, deliveredLate: a.deliveredLate,
        }));
      }
      if (a.state === 'available' && a.waiting === 0 && this.outages.delete(view.id)) this.options.toast(AVAILABILITY_COPY.recovered(view.vendorLabel, a.deliveredLate));
      if (a.state === 'unavailable' || a.waiting > 0) watch = true;
    }
    this.schedule(watch ? 'watch' : any ? 'idle' : 'off');
  }

  hostDisconnected(): void {
    this.schedule('off');
  }

  private schedule(mode: 'watch' | 'idle' | 'off'): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (mode === 'off' || !this.host.isConnected) return;
    const interval = mode === 'watch' ? this.options.intervalMs ?? AvailabilityWatch.defaultIntervalMs : AvailabilityWatch.idleIntervalMs;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.options.poll();
    }, interval);
  }
}
