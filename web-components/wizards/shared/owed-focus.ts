/** @module The focus a refused Next owes its step, settled once the step's fields exist. */

/**
 * The focus a refused Next owes its step until the step's fields exist: Next may be pressed while
 * the step's vendor lists still load, and the first error can only be focused once they arrived.
 * A step left meanwhile drops it.
 * @internal
 */
export class OwedFocus<Step> {
  private owing = false;
  private step: Step | undefined;

  owe(step: Step): void {
    this.owing = true;
    this.step = step;
  }

  /** True once, when the step owed is shown with its fields (`fieldsShown`); then the debt is settled. */
  due(shown: Step, fieldsShown: boolean): boolean {
    if (!this.owing || (this.step === shown && !fieldsShown)) return false;
    this.owing = false;
    return this.step === shown;
  }
}
