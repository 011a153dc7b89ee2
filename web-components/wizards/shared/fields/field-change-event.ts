/** @module `ih-field-change` (internal): a wizard field's value changed by the person. */

/**
 * Fired by every wizard field on each change the person makes (a keystroke in a text field, a new
 * option, a flipped switch). Bubbles inside the step's shadow root only (not composed): the step
 * turns it into a machine event; the host page never sees field noise.
 */
export class FieldChangeEvent<V = unknown> extends Event {
  static readonly eventName = 'ih-field-change';

  constructor(readonly name: string, readonly value: V) {
    super(FieldChangeEvent.eventName, { bubbles: true, composed: false });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'ih-field-change': FieldChangeEvent;
  }
}
