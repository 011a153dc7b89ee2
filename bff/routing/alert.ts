/**
 * @module The platform's alert as the routing API accepts it: one zod schema for intake, preview and
 * the stored copy. The `id` is the platform's own alert id and the idempotency key.
 */
import { z } from 'zod';
import { safeString } from '../safe-string.js';
import { SEVERITIES } from '../contracts/psa-settings.js';

const optionalId = safeString().trim().min(1).max(200).nullish().transform((v) => v ?? null);

export const routingAlertSchema = z.object({
  id: safeString({ message: 'id is required' }).trim().min(1, 'id is required').max(200),
  organizationId: safeString({ message: 'organizationId is required' }).trim().min(1, 'organizationId is required').max(100),
  severity: z.enum(SEVERITIES, { message: `severity must be one of ${SEVERITIES.join(', ')}` }),
  /** Alert type id from the platform's catalog. */
  alertType: safeString({ message: 'alertType is required' }).trim().min(1, 'alertType is required').max(200),
  title: safeString({ message: 'title is required' }).trim().min(1, 'title is required').max(1_000),
  description: safeString({ message: 'description is required' }).max(20_000),
  user: z.object({
    email: z.email('user.email must be an e-mail address').max(320).nullish().transform((v) => v ?? null),
    name: safeString().trim().max(200).nullish().transform((v) => v || null),
  }).nullish().transform((v) => v ?? null),
  respondRuleId: optionalId,
  iocRuleId: optionalId,
  occurredAt: z.iso.datetime({ offset: true, message: 'occurredAt must be an ISO 8601 date-time' }).nullish().transform((v) => v ?? null),
});

export type RoutingAlertInput = z.input<typeof routingAlertSchema>;
export type RoutingAlert = z.output<typeof routingAlertSchema>;

/** Preview takes the same alert; its id is optional there (nothing is stored). */
export const previewAlertSchema = routingAlertSchema.extend({
  id: safeString().trim().min(1).max(200).default('preview'),
});
