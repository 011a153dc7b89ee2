/**
 * @module Where each step of a wizard stands, for the progress list: done, current or still to come
 * (Lion's step vocabulary, reduced to what a person needs to see).
 */

/** A step as the progress list shows it. */
export interface WizardStepInfo {
  id: string;
  label: string;
  /** Optional steps say so in the progress list (WAI multi-page forms: make optional steps easy to spot). */
  optional?: boolean;
}

export type StepStatus = 'done' | 'current' | 'upcoming';

export interface StepWithStatus extends WizardStepInfo {
  status: StepStatus;
  /** 1-based position. */
  position: number;
}

/** The status of every step: `current` wins over `done` (a done step can be revisited). */
export function stepStatuses(steps: ReadonlyArray<WizardStepInfo>, current: string, done: ReadonlyArray<string>): StepWithStatus[] {
  return steps.map((step, i) => ({
    ...step,
    position: i + 1,
    status: step.id === current ? 'current' : done.includes(step.id) ? 'done' : 'upcoming',
  }));
}
