/**
 * @module The ticket push's part of a PSA integration's health answer (`GET …/health`,
 * `POST …/psa/push-retry`). Its own module, apart from integration-view.ts, because the browser
 * reads it only as a type (the list renders what the BFF words), so its schema stays out of the bundle.
 */
import { z } from './zod.js';

/**
 * How a PSA integration learns that a ticket's status changed: `registered` (the PSA pushes each
 * change to the BFF's webhook), `pending` (no webhook registered yet), `failing` (the PSA refused or
 * failed the registration; it is tried again), `deactivated` (the PSA turned the webhook off), `off`
 * (this hub registers no webhooks: it has no public address the PSA could post to). In
 * every state but `registered`, open tickets are checked every `pollMinutes` instead.
 */
export const ticketPushSchema = z.object({
  state: z.enum(['registered', 'pending', 'failing', 'deactivated', 'off']),
  pollMinutes: z.number(),
  /** ISO: when the webhook was registered (null until it is). */
  registeredAt: z.nullable(z.string()),
  /** ISO, while `deactivated`: when a new webhook is registered in its place (in the past: at the two-way worker's next pass); else null. */
  replacementAt: z.nullable(z.string()),
  /** While `failing`: the last failure's class and what the admin can do (never the vendor's own words). */
  failure: z.nullable(z.object({
    /** The failure's class: a vendor error code (`missing_permission`, `unavailable`, …) or `internal`. */
    code: z.string(),
    /** The class in a word or two ("permission", "no answer"). */
    reason: z.string(),
    /** The PSA answered and said no (permission, credentials, a refused request); false: it did not answer, or the hub failed. */
    refused: z.boolean(),
    /** The vendor's HTTP status (0: no answer; null: no vendor call failed). */
    status: z.nullable(z.number()),
    /** What fixes it, in the admin's words, naming the vendor's own setting where its documents do. */
    advice: z.string(),
    /** Failed attempts in a row, the first and the last (ISO). */
    attempts: z.number(),
    since: z.string(),
    lastAt: z.string(),
    /** ISO: when it is tried again (in the past: at the worker's next pass). */
    nextTryAt: z.string(),
  })),
});
export type TicketPush = z.infer<typeof ticketPushSchema>;
